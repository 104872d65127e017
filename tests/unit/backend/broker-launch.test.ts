import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrokerCli } from '../../../src/backend/local-broker/broker-launch.js';

describe('findBrokerCli', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  function packageRoot(withCli: boolean): string {
    const root = mkdtempSync(join(tmpdir(), 'kafka-lanes-pkg-'));
    roots.push(root);
    mkdirSync(join(root, 'out', 'main'), { recursive: true });
    if (withCli) {
      mkdirSync(join(root, 'dist', 'broker'), { recursive: true });
      writeFileSync(join(root, 'dist', 'broker', 'cli.js'), '');
    }
    return root;
  }

  it('finds dist/broker/cli.js above a bundle or source folder', () => {
    const root = packageRoot(true);
    expect(findBrokerCli(join(root, 'out', 'main'))).toBe(join(root, 'dist', 'broker', 'cli.js'));
    expect(findBrokerCli(root)).toBe(join(root, 'dist', 'broker', 'cli.js'));
  });

  it('answers null when the broker was never built', () => {
    expect(findBrokerCli(join(packageRoot(false), 'out', 'main'))).toBeNull();
  });
});
