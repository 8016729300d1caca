/** Where the app's own page is served from: the privileged app:// scheme (serving/app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
