export default definePageConfig({ navigationBarTitleText: '服务签到', enablePullDownRefresh: true });
