export default definePageConfig({ navigationBarTitleText: '加入志愿队伍', enablePullDownRefresh: true });
