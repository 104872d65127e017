// Serves the built renderer: files under one directory only, with content
// types and a strict CSP; unknown paths get index.html so client-side routes
// survive a reload.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** A plain-text refusal, with the same security headers as every answer. */
export function sendRefusal(response: ServerResponse, status: 403 | 404): void {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(status === 403 ? 'Forbidden' : 'Not found');
}

/** The file under `root` that `urlPath` names, or null when it would escape root or does not exist. */
function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const candidate = resolve(base, normalize(`.${sep}${decoded}`));
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  return statSync(candidate, { throwIfNoEntry: false })?.isFile() ? candidate : null;
}

export function sendStaticFile(response: ServerResponse, root: string, urlPath: string, extraHeaders: Record<string, string> = {}): void {
  const file = resolveStaticFile(root, urlPath) ?? (extname(urlPath) === '' ? resolveStaticFile(root, 'index.html') : null);
  if (!file) return sendRefusal(response, 404);
  const isHtml = file.endsWith('.html');
  response.writeHead(200, {
    ...securityHeaders(),
    ...extraHeaders,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(response);
}
