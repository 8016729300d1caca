import { BrowserWindow } from 'electron';
import { APP_PAGE_URL } from '../serving/scheme';
import { APP_DISPLAY_NAME } from '../services/app-info';
import { applyContentsGuards } from './guards';
import { secureWebPreferences } from './web-preferences';

export interface WindowOptions {
  readonly preloadPath: string;
  /** electron-vite's dev server URL in development; otherwise the app:// page. */
  readonly devServerUrl?: string | undefined;
}

export async function createMainWindow(options: WindowOptions): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    title: APP_DISPLAY_NAME,
    width: 1600,
    height: 1000,
    minWidth: 1000,
    minHeight: 640,
    // Reading rooms are dark: avoid a white flash before the first paint.
    backgroundColor: '#0b0d10',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  applyContentsGuards(window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(options.devServerUrl ?? APP_PAGE_URL);
  return window;
}
