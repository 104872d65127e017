// The drift guard: every contract method and stream has a handler in the map
// createBackend builds, and every handler answers a contract entry. A missing
// handler would otherwise surface only when someone calls it.
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract/index.js';
import { startBackend } from './helpers.js';

describe('contract and backend handlers', () => {
  const harness = startBackend();
  afterAll(() => harness.stop());
  const handlers = harness.backend.handlers as unknown as Record<string, unknown>;

  it('has a handler for every contract method and stream', () => {
    const missing = Object.keys(contract).filter((name) => typeof handlers[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('has no handler without a contract entry', () => {
    const extra = Object.keys(handlers).filter((name) => !Object.hasOwn(contract, name));
    expect(extra).toEqual([]);
  });
});
