export default definePageConfig({ navigationBarTitleText: '完善居民信息' });
