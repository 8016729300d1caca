import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../src-main/window/web-preferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/preload.cjs');

  it('isolates and sandboxes the renderer', () => {
    expect(prefs).toMatchObject({
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
      navigateOnDragDrop: false,
    });
  });

  it('uses the CommonJS preload it is given', () => {
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });
});
