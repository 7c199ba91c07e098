export default defineAppConfig({
  pages: ['pages/home/index', 'pages/post/index', 'pages/mine/index', 'pages/wish/index', 'pages/login/index', 'pages/onboard/index', 'pages/inbox/index'],
  subPackages: [
    { root: 'volunteer', pages: ['pages/tasks/index'] },
    { root: 'staff', pages: ['pages/triage/index', 'pages/file/index', 'pages/residents/index'] },
  ],
  window: {
    navigationBarTitleText: '邻里',
    navigationBarBackgroundColor: '#9f2f24',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f1ec',
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#9f2f24',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/post/index', text: '许愿' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
});
