import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the web host. Pure functions over the request headers, so each rule has its own test.
 *
 * Token transport (chosen): the printed URL carries `?token=…`; the first page load trades it for an HttpOnly,
 * SameSite=Strict cookie and redirects to the same path without it (so the token leaves the address bar and history).
 * After that every request — static files, `fetch('/api/…')`, and EventSource, which cannot set headers — carries the
 * cookie by itself and no script ever sees the token. Non-browser clients (tests, tools) may send `x-host-token`.
 */
export const TOKEN_HEADER = 'x-host-token';

/** Cookies ignore ports, so the name carries the port: two hosts on one machine never read each other's cookie. */
export function cookieName(port: number): string {
  return `spine_host_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = headerValue(request, 'cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token a request presents, from the header or the cookie. */
export function presentedToken(request: IncomingMessage, port: number): string | undefined {
  return headerValue(request, TOKEN_HEADER) ?? readCookie(request, cookieName(port));
}

export type AccessVerdict = { readonly ok: true; readonly origin: string } | { readonly ok: false; readonly reason: string };

/**
 * Host must name the loopback address and our port (a DNS-rebinding page would send its own host name);
 * Origin, when present, must be exactly our own origin (a page on another origin or port is refused).
 */
export function checkHostAndOrigin(request: IncomingMessage, port: number): AccessVerdict {
  const host = headerValue(request, 'host');
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (host === undefined || !allowedHosts.includes(host.toLowerCase())) {
    return { ok: false, reason: `Host header ${JSON.stringify(host ?? '')} is not this host` };
  }
  const origin = `http://${host.toLowerCase()}`;
  const given = headerValue(request, 'origin');
  if (given !== undefined && given !== origin) {
    return { ok: false, reason: `Origin ${JSON.stringify(given)} is not ${origin}` };
  }
  return { ok: true, origin };
}
