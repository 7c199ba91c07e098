export default definePageConfig({ navigationBarTitleText: '三个清单', enablePullDownRefresh: false });
