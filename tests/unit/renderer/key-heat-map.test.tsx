import { describe, expect, it } from 'vitest';
import { keyHeatMap } from '../../../src/renderer/src/features/produce/key-heat-map-data';
import { selectTransport, webSocketUrl } from '../../../src/renderer/src/api/transport';
import { historyEntry } from './produce/history-entry';

const entry = historyEntry;

describe('keyHeatMap', () => {
  it('expands {{i}} keys per copy and counts where each key landed, newest keys first', () => {
    // History is newest first: the keyless send came last.
    const map = keyHeatMap([entry(2, null, [0, 1]), entry(1, 'user-{{i}}', [2, 0, 2])], 3);
    expect(map.partitions).toEqual(['0', '1', '2']);
    expect(map.keys).toEqual(['(no key)', 'user-2', 'user-1', 'user-0']);
    const cell = (y: string, x: string) => map.cells.find((c) => c.x === x && c.y === y)?.value;
    expect(cell('user-0', '2')).toBe(1);
    expect(cell('user-1', '0')).toBe(1);
    expect(cell('user-1', '2')).toBeNull();
    expect(cell('(no key)', '0')).toBe(1);
    expect(cell('(no key)', '1')).toBe(1);
  });

  it('keeps a key with random placeholders as one row and widens to partitions seen beyond the count', () => {
    const map = keyHeatMap([entry(1, 'id-{{uuid}}', [0, 4, 4])], 2);
    expect(map.keys).toEqual(['id-{{uuid}}']);
    expect(map.partitions).toHaveLength(5);
    expect(map.cells.find((c) => c.x === '4')?.value).toBe(2);
  });
});

describe('transport selection', () => {
  it('uses the WebSocket on the page’s host without the Electron bridge', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/ws');
    expect(webSocketUrl({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/ws');
  });

  it('uses the preload bridge when Electron provides one', async () => {
    const calls: unknown[] = [];
    const bridge = { invoke: async (method: string, input: unknown) => (calls.push([method, input]), { ok: true, value: 42 }), subscribe: () => () => undefined };
    const transport = selectTransport({ kafkaLanes: bridge } as unknown as Window);
    await expect(transport.invoke('topics.list', { connectionId: 'local' })).resolves.toEqual({ ok: true, value: 42 });
    expect(calls).toEqual([['topics.list', { connectionId: 'local' }]]);
  });
});
