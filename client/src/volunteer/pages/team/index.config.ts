export default definePageConfig({ navigationBarTitleText: '入队申请', enablePullDownRefresh: true });
