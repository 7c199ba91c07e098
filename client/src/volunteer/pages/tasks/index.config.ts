export default definePageConfig({ navigationBarTitleText: '志愿者任务', enablePullDownRefresh: true });
