export default definePageConfig({ navigationBarTitleText: '协作社区', enablePullDownRefresh: true });
