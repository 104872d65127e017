// Who may talk to the browser-mode server: only a page this process served,
// on the loopback address, holding this start's random token. The Host check
// defeats DNS rebinding; the Origin check stops other sites' pages from
// opening the WebSocket; the token stops other local users and programs.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'kl_token';

export interface GuardVerdict {
  allowed: boolean;
  /** Why not, for the log; never sent to the client in detail. */
  reason?: string;
}

function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function tokenFromRequest(request: IncomingMessage): { query: string | null; cookie: string | null } {
  const url = new URL(request.url ?? '/', 'http://localhost');
  return { query: url.searchParams.get('token'), cookie: cookieValue(request, TOKEN_COOKIE) };
}

export function checkRequest(request: IncomingMessage, options: { port: number; token: string; websocket: boolean }): GuardVerdict {
  const host = request.headers.host ?? '';
  if (!loopbackHosts(options.port).has(host)) return { allowed: false, reason: `Host header ${JSON.stringify(host)} is not this loopback address` };
  if (options.websocket) {
    const origin = request.headers.origin;
    // Browsers always send Origin on a WebSocket; a page from anywhere else is refused.
    if (origin !== undefined && !loopbackHosts(options.port).has(origin.replace(/^http:\/\//, ''))) {
      return { allowed: false, reason: `foreign Origin ${JSON.stringify(origin)}` };
    }
  }
  const { query, cookie } = tokenFromRequest(request);
  if (!sameToken(query, options.token) && !sameToken(cookie, options.token)) return { allowed: false, reason: 'missing or wrong token' };
  return { allowed: true };
}
