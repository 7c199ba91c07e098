export default definePageConfig({ navigationBarTitleText: '推进议事' });
