// toPayload: text when the bytes are UTF-8, base64 otherwise, true sizes, and
// previews cut at the limit without splitting a character.
import { describe, expect, it } from 'vitest';
import { toPayload } from '../../../src/backend/records/payload.js';

describe('toPayload', () => {
  it('keeps null, text and binary apart', () => {
    expect(toPayload(null)).toBeNull();
    expect(toPayload(Buffer.from('héllo'))).toEqual({ encoding: 'utf8', data: 'héllo', size: 6, truncated: false });
    expect(toPayload(Buffer.from([0xff, 0x00, 0x01]))).toEqual({ encoding: 'base64', data: '/wAB', size: 3, truncated: false });
    expect(toPayload(Buffer.alloc(0))).toEqual({ encoding: 'utf8', data: '', size: 0, truncated: false });
  });

  it('cuts a text preview before a character the limit would split', () => {
    // "aé" is 61 C3 A9: a 2-byte limit would end inside é.
    expect(toPayload(Buffer.from('aéb'), 2)).toEqual({ encoding: 'utf8', data: 'a', size: 4, truncated: true });
    expect(toPayload(Buffer.from('aéb'), 3)).toEqual({ encoding: 'utf8', data: 'aé', size: 4, truncated: true });
  });

  it('cuts a binary preview at the limit, and gives everything with no limit', () => {
    const bytes = Buffer.from([0xff, 1, 2, 3, 4]);
    expect(toPayload(bytes, 2)).toEqual({ encoding: 'base64', data: Buffer.from([0xff, 1]).toString('base64'), size: 5, truncated: true });
    expect(toPayload(bytes, Infinity)).toEqual({ encoding: 'base64', data: bytes.toString('base64'), size: 5, truncated: false });
  });
});
