export default definePageConfig({ navigationBarTitleText: '心愿队列', enablePullDownRefresh: true });
