import type { WebPreferences } from 'electron';

/**
 * The renderer is an untrusted page that shows untrusted data (DICOM headers, file names): it gets no Node, runs in
 * Chromium's sandbox, and sees the host only through the preload's allow-listed API (contextIsolation).
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // A file dropped on the window must reach our drop handler, never replace the page.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}
