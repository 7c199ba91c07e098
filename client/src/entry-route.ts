import { session } from './api/session';

/**
 * H5 only, run before the router starts: a signed-out visitor who opens the app (the home page is the first
 * page) is sent straight to sign-in, so the home page is neither loaded nor run for someone who cannot see it
 * (it used to fetch /wall, get a 401 and send the visitor to sign-in a second time). The mini-program has no
 * hook before its first page: there the home page itself redirects. index.html preloads the same page's code
 * by the same rule (client/config/route-preload.ts).
 */
const HOME_ROUTES = ['', '/', '/pages/home/index'];

if (process.env.TARO_ENV === 'h5' && !session.token()) {
  const route = window.location.hash.replace(/^#/, '').split('?')[0];
  if (HOME_ROUTES.includes(route)) window.history.replaceState(window.history.state, '', '#/pages/login/index');
}
