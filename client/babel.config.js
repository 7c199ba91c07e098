// babel-preset-taro: React, TypeScript, webpack 5. Without targets it compiles for iOS 9 and Android 5: every
// async function through regenerator, every class and spread through helpers. The browser build targets the
// browsers of phones still in use (WeChat's and the system browser on iOS 14 / Android with Chrome 87 and
// later); the mini-program keeps Taro's default (WeChat's own ES6→ES5 step runs after it anyway).
const h5 = process.env.TARO_ENV === 'h5';
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(h5 ? { targets: { chrome: '87', safari: '14', ios: '14' } } : {}) }],
  ],
};
