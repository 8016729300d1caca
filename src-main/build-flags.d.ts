/** Replaced at build time (electron.vite.config.ts): true only in `electron-vite dev`. */
declare const __DEV_SERVER_BUILD__: boolean;
