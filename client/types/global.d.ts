/// <reference types="@tarojs/taro" />

declare module '*.css';

/** The API's base URL, set at build time (LINLI_API_BASE). */
declare const LINLI_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
