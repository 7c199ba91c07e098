export default definePageConfig({ navigationBarTitleText: '居民核实', enablePullDownRefresh: true });
