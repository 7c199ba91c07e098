export default definePageConfig({ navigationBarTitleText: '公告栏', enablePullDownRefresh: true });
