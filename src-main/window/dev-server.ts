/**
 * The renderer URL override (electron-vite's dev server) is a development switch: honoured only by a main process
 * built by `electron-vite dev` and run unpackaged. An ordinary start (`npm start` builds for production) ignores
 * ELECTRON_RENDERER_URL whatever the environment says, so no variable can point the app's window elsewhere.
 */
export interface DevServerFacts {
  /** True only in the main bundle built by `electron-vite dev` (a build-time constant). */
  readonly devBuild: boolean;
  readonly packaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function devServerUrl(facts: DevServerFacts): string | undefined {
  if (!facts.devBuild || facts.packaged) return undefined;
  const url = facts.env.ELECTRON_RENDERER_URL;
  if (url === undefined) return undefined;
  // The dev server is local: a non-loopback URL is refused even in development.
  try {
    const parsed = new URL(url);
    const loopback = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]';
    return parsed.protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}
