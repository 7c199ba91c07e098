/**
 * What the sign-in page needs once the person taps: the request layer (and with it zod and the schemas) is
 * loaded then, not with the first screen (pages/login imports this module with `import()`).
 */
export { api } from './endpoints';
export { errorText } from './request';
