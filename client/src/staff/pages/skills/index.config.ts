export default definePageConfig({ navigationBarTitleText: '技能表' });
