// The committed generated code must match what the generator produces now.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripJsonComments } from '../../../../scripts/gen-protocol.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('gen-protocol', () => {
  it('strips // comments but not // inside strings', () => {
    const text = '{\n  // a comment\n  "about": "see https://kafka.apache.org // not a comment", // trailing\n  "q": "a \\" // b"\n}';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ about: 'see https://kafka.apache.org // not a comment', q: 'a " // b' });
  });

  it('--check passes on the committed output', () => {
    const result = spawnSync('npx', ['tsx', 'scripts/gen-protocol.ts', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr.split('\n').filter((l) => l.includes('gen-protocol'))).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('--check fails when the spec dir is missing', () => {
    const result = spawnSync('npx', ['tsx', 'scripts/gen-protocol.ts', '--check', '--spec-dir', 'no-such-dir'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('spec dir not found');
  });
});
