/**
 * The page's Content-Security-Policy, built in one place and sent by every path that serves the renderer
 * (the app:// protocol handler, the session's response headers in dev, the web host) and mirrored in index.html.
 *
 * - script-src has 'wasm-unsafe-eval' because the image codecs are WebAssembly; never 'unsafe-eval'.
 * - style-src has no 'unsafe-inline': Vite emits CSS files, and React's `style` prop writes CSSOM properties,
 *   which CSP does not govern (checked by the e2e test).
 * - connect-src 'self': browser mode calls its own origin; nothing else may be reached.
 * - style-src also allows the report's own stylesheet, by hash and nothing else: the live preview is a sandboxed
 *   srcdoc iframe holding the same self-contained HTML as the PDF, and a srcdoc document inherits this policy.
 */
import { createHash } from 'node:crypto';
import { PAGE_SIZES, reportStyleSheet } from '@shared/report/html';

/** CSP hash sources of the report stylesheet, one per page size (the @page size is part of the text). */
export function reportStyleHashes(): string[] {
  return PAGE_SIZES.map((page) => `'sha256-${createHash('sha256').update(reportStyleSheet(page), 'utf8').digest('base64')}'`);
}

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', ["'self'", ...reportStyleHashes()].join(' ')],
  ['img-src', "'self' blob: data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> policy may not carry (Chromium ignores them there and logs a console error). */
const HEADER_ONLY = new Set(['frame-ancestors']);

export type CspDelivery = 'header' | 'meta';

/**
 * Only for `electron-vite dev` (never a build): Vite's React refresh preamble is an inline script and hot reload
 * talks over a websocket to the dev server. Production and browser mode never get these.
 */
export interface DevServerAllowance {
  readonly devServerUrl: string;
}

function devValue(name: string, value: string, dev: DevServerAllowance): string {
  const ws = `ws://${new URL(dev.devServerUrl).host}`;
  if (name === 'script-src') return `${value} 'unsafe-inline'`;
  if (name === 'connect-src') return `${value} ${ws}`;
  return value;
}

export function buildCsp(delivery: CspDelivery = 'header', dev?: DevServerAllowance): string {
  return DIRECTIVES.filter(([name]) => delivery === 'header' || !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${dev === undefined ? value : devValue(name, value, dev)}`)
    .join('; ');
}

/** Headers sent with every renderer response, whatever the transport. */
export function securityHeaders(dev?: DevServerAllowance): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp('header', dev),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
