import { TABS } from './tabs';

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/post/index',
    'pages/mine/index',
    'pages/wish/index',
    'pages/login/index',
    'pages/onboard/index',
    'pages/inbox/index',
  ],
  subPackages: [
    {
      root: 'volunteer',
      pages: ['pages/tasks/index', 'pages/join/index', 'pages/profile/index', 'pages/team/index', 'pages/credits/index'],
    },
    {
      root: 'booking',
      pages: [
        'pages/services/index',
        'pages/service/index',
        'pages/mine/index',
        'pages/booking/index',
        'pages/draw/index',
        'pages/print/index',
        'pages/roster/index',
        'pages/manage/index',
      ],
    },
    {
      root: 'staff',
      pages: [
        'pages/triage/index',
        'pages/file/index',
        'pages/residents/index',
        'pages/teams/index',
        'pages/skills/index',
        'pages/partners/index',
        'pages/calendar/index',
      ],
    },
    // The dashboard (数据看板) and the three lists have a subpackage of their own: staff, grid and street workers load
    // it; residents only for the printable monthly report.
    { root: 'figures', pages: ['pages/dashboard/index', 'pages/wishes/index', 'pages/lists/index', 'pages/report/index'] },
    {
      root: 'council',
      pages: ['pages/topics/index', 'pages/topic/index', 'pages/board/index', 'pages/print/index', 'pages/act/index', 'pages/raise/index'],
    },
  ],
  // Residents open booking and the council (议事), volunteers and grid workers their subpackage, from the home
  // page next: fetch them while they read it. Each is a few KB, so nobody pays much for the others.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['booking', 'volunteer', 'staff', 'council'] },
  },
  window: {
    navigationBarTitleText: '邻里',
    navigationBarBackgroundColor: '#9f2f24',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f1ec',
  },
  tabBar: {
    // WeChat's native tab bar cannot grow for elder mode: the mini-program draws its own (custom-tab-bar/).
    // The browser build keeps Taro's tab bar, which app.css sizes for elder mode.
    custom: process.env.TARO_ENV === 'weapp',
    color: '#4a4a4a',
    selectedColor: '#9f2f24',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TABS.map((t) => ({ ...t })),
  },
});
