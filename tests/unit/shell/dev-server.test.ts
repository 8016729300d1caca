// The renderer URL override is a development switch: only the dev server's own build, run unpackaged, honours it.
import { describe, expect, it } from 'vitest';
import type { ConfigEnv } from 'vite';
import config from '../../../electron.vite.config';
import { devServerUrl } from '../../../src-main/window/dev-server';

const DEV_URL = 'http://localhost:5173/';
const cases = [
  { name: 'an ordinary start (production build) ignores the variable', devBuild: false, packaged: false, url: DEV_URL, want: undefined },
  { name: 'a packaged app ignores it', devBuild: false, packaged: true, url: DEV_URL, want: undefined },
  { name: 'a dev build, packaged, ignores it', devBuild: true, packaged: true, url: DEV_URL, want: undefined },
  { name: 'the dev server build, unpackaged, uses it', devBuild: true, packaged: false, url: DEV_URL, want: DEV_URL },
  { name: 'the dev build without the variable has none', devBuild: true, packaged: false, url: undefined, want: undefined },
  { name: 'a remote URL is refused even in development', devBuild: true, packaged: false, url: 'http://example.org:5173/', want: undefined },
  { name: 'a file URL is refused', devBuild: true, packaged: false, url: 'file:///etc/passwd', want: undefined },
  { name: 'garbage is refused', devBuild: true, packaged: false, url: 'not a url', want: undefined },
] as const;

describe('renderer URL override', () => {
  it.each(cases)('$name', ({ devBuild, packaged, url, want }) => {
    expect(devServerUrl({ devBuild, packaged, env: { ELECTRON_RENDERER_URL: url } })).toBe(want);
  });

  it.each([
    { command: 'build', want: 'false' },
    { command: 'serve', want: 'true' },
  ] as const)('electron-vite $command compiles the dev switch as $want', ({ command, want }) => {
    const env: ConfigEnv = { command, mode: command === 'build' ? 'production' : 'development' };
    const resolved = typeof config === 'function' ? config(env) : config;
    if (resolved instanceof Promise) throw new Error('config is synchronous');
    expect(resolved.main?.define?.__DEV_SERVER_BUILD__).toBe(want);
  });
});
