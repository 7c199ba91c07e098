/// <reference types="@tarojs/taro" />

declare module '*.css';

/** The API's base URL, set at build time (LINLI_API_BASE). */
declare const LINLI_API_BASE: string;

/** WeChat subscribe-message template ids, keyed by the app's template names (LINLI_WECHAT_TEMPLATES). */
declare const LINLI_WECHAT_TEMPLATES: Partial<Record<'action_needed' | 'booking_result' | 'booking_reminder' | 'waitlist_offer', string>>;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}
