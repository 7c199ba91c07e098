export default definePageConfig({ navigationBarTitleText: '数字背后的心愿', enablePullDownRefresh: true });
