import { describe, expect, it } from 'vitest';
import { initialBrowseState, reduceBrowse } from '../../../../src/renderer/src/api/use-browse';
import { browseFormFromLink, requestFromLink, toBrowseLink, toBrowseRequest, validateBrowseForm } from '../../../../src/renderer/src/features/browse/browse-form-model';
import { progressPercent } from '../../../../src/renderer/src/features/browse/browse-progress';
import type { ConsumedRecord } from '../../../../src/shared/contract/common';

const record = (partition: number, offset: number): ConsumedRecord => ({ partition, offset: String(offset), timestamp: '0', key: null, value: null, headers: [] });

describe('browse stream state', () => {
  it('appends a frame’s records in arrival order, keeps the latest progress and the done event, and never mutates', () => {
    const first = reduceBrowse(initialBrowseState, [
      { type: 'progress', partitions: [{ partition: 0, start: '0', position: '0', end: '3' }] },
      { type: 'records', records: [record(0, 0), record(1, 0)] },
    ]);
    const second = reduceBrowse(first, [
      { type: 'records', records: [record(0, 1)] },
      { type: 'progress', partitions: [{ partition: 0, start: '0', position: '2', end: '3' }] },
      { type: 'done', reason: 'time', records: 3, elapsedMs: 10 },
    ]);
    expect(first.records.map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:0', '1:0']);
    expect(second.records.map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:0', '1:0', '0:1']);
    expect(second.progress[0].position).toBe('2');
    expect(second.done).toMatchObject({ reason: 'time' });
    expect(initialBrowseState.records).toEqual([]);
    const idle = reduceBrowse(second, [{ type: 'progress', partitions: second.progress }]);
    expect(idle.records).toBe(second.records);
  });

  it('measures progress from the start position, an empty range counting as done', () => {
    expect(progressPercent({ partition: 0, start: '10', position: '15', end: '30' })).toBe(25);
    expect(progressPercent({ partition: 0, start: '5', position: '5', end: '5' })).toBe(100);
    expect(progressPercent({ partition: 0, start: '9007199254740990', position: '9007199254740991', end: '9007199254740994' })).toBe(25);
  });
});

describe('browse form', () => {
  it('starts from a link at its partition and offset, and builds the request for each start', () => {
    const link = { topic: 'orders', partitions: [2], start: { from: 'offset' as const, offset: '15' }, maxRecords: 7 };
    const expected = { connectionId: 'local', topic: 'orders', start: { from: 'offset', offset: '15' }, partitions: [2], maxRecords: 7, maxWaitMs: 30_000 };
    expect(toBrowseRequest(browseFormFromLink(link), 'local')).toEqual(expected);
    expect(requestFromLink(link, 'local')).toEqual(expected);
    expect(toBrowseLink(requestFromLink(link, 'local'))).toEqual(link);
    const at = { topic: 'orders', start: { from: 'timestamp' as const, timestamp: '1700000000123' } };
    expect(requestFromLink(at, 'local').start).toEqual(at.start);
    expect(toBrowseRequest(browseFormFromLink(at), 'local')?.start).toEqual({ from: 'timestamp', timestamp: '1700000000000' });
    const base = browseFormFromLink({ topic: 'orders' });
    expect(toBrowseRequest(base, 'local')?.start).toEqual({ from: 'earliest' });
    expect(toBrowseRequest({ ...base, start: 'latest', minus: 20 }, 'local')?.start).toEqual({ from: 'latest', minus: 20 });
    expect(toBrowseRequest({ ...base, start: 'timestamp', timestamp: '1700000000000' }, 'local')?.start).toEqual({ from: 'timestamp', timestamp: '1700000000000' });
    expect(toBrowseRequest(base, 'local')).not.toHaveProperty('partitions');
  });

  it('refuses a missing topic, a bad offset and an out-of-range record count', () => {
    expect(validateBrowseForm(browseFormFromLink(null)).topic).toBeDefined();
    const base = browseFormFromLink({ topic: 'orders' });
    expect(validateBrowseForm({ ...base, start: 'offset', offset: '-3' }).offset).toBeDefined();
    expect(validateBrowseForm({ ...base, maxRecords: 100_001 }).maxRecords).toBeDefined();
    expect(validateBrowseForm({ ...base, start: 'latest', minus: -1 }).minus).toBeDefined();
    expect(toBrowseRequest({ ...base, maxRecords: 0 }, 'local')).toBeNull();
  });
});
