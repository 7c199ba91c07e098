import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import { BundleStatsPlugin } from './bundle-stats';
import { RoutePreloadPlugin } from './route-preload';

const API_BASE = process.env.LINLI_API_BASE ?? 'http://localhost:3000';

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
    LINLI_API_BASE: JSON.stringify(API_BASE),
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
    // File names carry their content's hash, so the server can let browsers keep them for a year.
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
    // index.html opens the connection to the API, and asks for the home page's lists, while the scripts load.
    htmlPluginOption: { apiOrigin: new URL(API_BASE).origin, apiBase: API_BASE },
    webpackChain(chain) {
      // Taro splits only the first load's chunks; every page chunk then carried its own copy of the
      // components, the request layer and the polyfills. Share what two or more chunks use, lazy ones too.
      // Pieces under 8 KB stay inside the chunks that use them rather than cost a request of their own.
      chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all', minSize: 8000 });
      chain.plugin('route-preload').use(RoutePreloadPlugin);
      if (process.env.LINLI_BUNDLE_STATS) chain.plugin('bundle-stats').use(BundleStatsPlugin, [process.env.LINLI_BUNDLE_STATS]);
    },
    compile: { include: [path.resolve(__dirname, '..', '..', 'shared')] },
    postcss: {
      pxtransform: { enable: false, config: {} },
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false, config: {} },
    },
  },
}));
