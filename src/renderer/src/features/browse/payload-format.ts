// A record's key or value as people want to read it: text, JSON indented,
// hex and base64. Payloads arrive as UTF-8 text or base64 (binary), so both
// views are computed from the same bytes.
import type { Payload } from '../../../../shared/contract/common';

/** Hex views stop here; a 1 MiB value would be three million characters. */
export const HEX_LIMIT_BYTES = 64 * 1024;

export function payloadBytes(payload: Payload): Uint8Array {
  if (payload.encoding === 'utf8') return new TextEncoder().encode(payload.data);
  const binary = atob(payload.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(payload: Payload): string {
  if (payload.encoding === 'base64') return payload.data;
  const bytes = payloadBytes(payload);
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sixteen bytes a line: the offset, the bytes in hex, and the printable ones as ASCII. */
export function toHexDump(bytes: Uint8Array, limit = HEX_LIMIT_BYTES): string {
  const shown = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let at = 0; at < shown; at += 16) {
    const row = bytes.subarray(at, Math.min(at + 16, shown));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47, ' ')}  ${ascii}`);
  }
  return lines.join('\n');
}

/** The text indented as JSON, or null when it is not JSON (plain numbers and strings count as text). */
export function prettyJson(payload: Payload | null): string | null {
  if (!payload || payload.encoding !== 'utf8' || payload.truncated) return null;
  const trimmed = payload.data.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

/** One line for the list: text as is, binary as its first bytes in hex. */
export function payloadSummary(payload: Payload | null, max = 200): string {
  if (payload === null) return 'null';
  if (payload.encoding === 'utf8') return payload.data.length > max ? `${payload.data.slice(0, max)}…` : payload.data;
  const shown = 32;
  const bytes = payloadBytes({ ...payload, data: payload.data.slice(0, Math.ceil(shown / 3) * 4) }).subarray(0, shown);
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}${payload.size > shown ? '…' : ''}`;
}
