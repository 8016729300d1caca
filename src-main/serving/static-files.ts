import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Unknown extensions are served as bytes; with nosniff the browser will not guess a script out of them. */
export function mimeTypeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside rootDir, or undefined when the path escapes it (`..`, encoded `%2e%2e`,
 * backslashes, NUL) — both the app:// protocol and the web host serve only the built renderer.
 */
export function resolveStaticPath(rootDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const relative = segments.length === 0 ? 'index.html' : segments.join(sep);
  const root = resolve(rootDir);
  const full = resolve(root, relative);
  return full.startsWith(root + sep) ? full : undefined;
}

export type StaticFile =
  | { readonly status: 200; readonly body: Buffer; readonly contentType: string }
  | { readonly status: 404 };

export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile> {
  const path = resolveStaticPath(rootDir, urlPath);
  if (path === undefined) return { status: 404 };
  try {
    if (!(await stat(path)).isFile()) return { status: 404 };
    return { status: 200, body: await readFile(path), contentType: mimeTypeFor(path) };
  } catch {
    return { status: 404 };
  }
}
