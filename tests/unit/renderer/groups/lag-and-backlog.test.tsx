import { describe, expect, it } from 'vitest';
import { browseParam, parseBrowseParam } from '../../../../src/renderer/src/features/browse/browse-link';
import { appendSamples, MAX_SAMPLES_PER_GROUP } from '../../../../src/renderer/src/features/groups/lag-history-store';
import { unconsumedRanges } from '../../../../src/renderer/src/features/groups/unconsumed-view';

describe('lag history', () => {
  it('keeps at most MAX_SAMPLES_PER_GROUP samples per group, newest last', () => {
    let history = {};
    for (let at = 1; at <= MAX_SAMPLES_PER_GROUP + 30; at++) history = appendSamples(history, 'local', [{ groupId: 'g', totalLag: String(at * 2) }], at);
    const series = (history as Record<string, Record<string, { at: number; lag: number | null }[]>>).local.g;
    expect(series).toHaveLength(MAX_SAMPLES_PER_GROUP);
    expect(series[0].at).toBe(31);
    expect(series.at(-1)).toEqual({ at: MAX_SAMPLES_PER_GROUP + 30, lag: (MAX_SAMPLES_PER_GROUP + 30) * 2 });
  });

  it('ignores a repeated answer, records null lag, drops groups no longer listed, leaves other connections alone', () => {
    let history = appendSamples({}, 'local', [{ groupId: 'a', totalLag: '5' }, { groupId: 'b', totalLag: null }], 10);
    history = appendSamples(history, 'other', [{ groupId: 'a', totalLag: '1' }], 10);
    history = appendSamples(history, 'local', [{ groupId: 'a', totalLag: '9' }], 10);
    expect(history.local).toEqual({ a: [{ at: 10, lag: 5 }] });
    history = appendSamples(history, 'local', [{ groupId: 'a', totalLag: '3' }, { groupId: 'c', totalLag: null }], 20);
    expect(history.local).toEqual({ a: [{ at: 10, lag: 5 }, { at: 20, lag: 3 }], c: [{ at: 20, lag: null }] });
    expect(history.other).toEqual({ a: [{ at: 10, lag: 1 }] });
  });
});

describe('what a group has not consumed yet', () => {
  const row = (partition: number, committed: string | null, highWatermark: string | null) => ({ topic: 'orders', partition, committed, highWatermark, lag: null, member: null });

  it('is committed → high watermark for each partition behind, nothing for caught-up, uncommitted or deleted ones', () => {
    const ranges = unconsumedRanges([row(0, '3', '10'), row(1, '10', '10'), row(2, null, '4'), row(3, '2', null), row(4, '9007199254740990', '9007199254740999')]);
    expect(ranges).toEqual([
      { topic: 'orders', partition: 0, from: '3', to: '10', count: 7n },
      { topic: 'orders', partition: 4, from: '9007199254740990', to: '9007199254740999', count: 9n },
    ]);
  });

  it('puts a read in the URL (partitions, start, limit) and reads it back, leaving out what is malformed', () => {
    const param = browseParam({ topic: 'orders.v1', partitions: [2], start: { from: 'offset', offset: '15' }, maxRecords: 7 });
    expect(param).toBe('orders.v1?partitions=2&from=offset&offset=15&max=7');
    expect(parseBrowseParam(param)).toEqual({ topic: 'orders.v1', partitions: [2], start: { from: 'offset', offset: '15' }, maxRecords: 7 });
    for (const start of [{ from: 'earliest' }, { from: 'latest', minus: 20 }, { from: 'timestamp', timestamp: '1700000000123' }] as const) {
      expect(parseBrowseParam(browseParam({ topic: 't', partitions: [0, 3], start }))).toEqual({ topic: 't', partitions: [0, 3], start });
    }
    expect(parseBrowseParam('orders')).toEqual({ topic: 'orders' });
    expect(parseBrowseParam('orders?partitions=x&from=offset&offset=-1&max=lots')).toEqual({ topic: 'orders' });
    expect(parseBrowseParam('orders?from=latest&minus=2000000')).toEqual({ topic: 'orders' });
    expect(parseBrowseParam(null)).toBeNull();
  });
});
