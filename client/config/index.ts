import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

/**
 * Written by hand (taro init needs the internet). Plain CSS pixels, no px→rpx/rem transform, so the
 * elder-mode sizes in the stylesheet are the sizes a person sees.
 */
export default defineConfig<'webpack5'>(() => ({
  projectName: 'linli',
  date: '2026-11-22',
  designWidth: 375,
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV}`,
  framework: 'react',
  compiler: 'webpack5',
  plugins: [],
  alias: { '@shared': path.resolve(__dirname, '..', '..', 'shared') },
  defineConstants: {
    LINLI_API_BASE: JSON.stringify(process.env.LINLI_API_BASE ?? 'http://localhost:3000'),
    // {"action_needed":"<template id>",…}: the subscribe-message templates set up in the WeChat admin console.
    LINLI_WECHAT_TEMPLATES: process.env.LINLI_WECHAT_TEMPLATES ?? '{}',
  },
  copy: { patterns: [], options: {} },
  cache: { enable: false },
  mini: {
    compile: { include: [path.resolve(__dirname, '..', '..', 'shared')] },
    optimizeMainPackage: { enable: true },
    postcss: { pxtransform: { enable: false, config: {} }, cssModules: { enable: false, config: {} } },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: [path.resolve(__dirname, '..', '..', 'shared')] },
    postcss: { pxtransform: { enable: false, config: {} }, autoprefixer: { enable: true, config: {} }, cssModules: { enable: false, config: {} } },
  },
}));
