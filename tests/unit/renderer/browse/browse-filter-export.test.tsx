import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowseRequest } from '../../../../src/renderer/src/api/use-browse';
import type { FrameScheduler } from '../../../../src/renderer/src/api/use-stream';
import { BrowseResults } from '../../../../src/renderer/src/features/browse/browse-results';
import { csvField, toCsvExport, toJsonExport } from '../../../../src/renderer/src/features/browse/export-records';
import { filterRecords } from '../../../../src/renderer/src/features/browse/record-filter';
import type { ConsumedRecord } from '../../../../src/shared/contract/common';
import { fakeClient, renderWithProviders } from '../test-providers';
import { giveMessageListsASize } from './sized-lists';

giveMessageListsASize();

const text = (data: string) => ({ encoding: 'utf8' as const, data, size: data.length, truncated: false });
const binary = (base64: string, size: number) => ({ encoding: 'base64' as const, data: base64, size, truncated: false });

const records: ConsumedRecord[] = [
  { partition: 0, offset: '0', timestamp: '1700000000000', key: text('user-1'), value: text('{"total": 12, "note": "a, \\"b\\""}'), headers: [] },
  { partition: 1, offset: '0', timestamp: '1700000000001', key: null, value: text('line one\nline two'), headers: [{ key: 'trace-id', value: text('Abc-123') }] },
  { partition: 0, offset: '1', timestamp: '1700000000002', key: text('user-2'), value: binary('AAEC/w==', 4), headers: [{ key: 'empty', value: null }] },
];

describe('text filter over loaded records', () => {
  it('matches key, value, header names and header values, ignoring case', () => {
    expect(filterRecords(records, 'USER-2').map((r) => r.offset)).toEqual(['1']);
    expect(filterRecords(records, 'total').map((r) => r.partition)).toEqual([0]);
    expect(filterRecords(records, 'abc-1')).toEqual([records[1]]);
    expect(filterRecords(records, 'TRACE')).toEqual([records[1]]);
    expect(filterRecords(records, 'empty')).toEqual([records[2]]);
    expect(filterRecords(records, '  ')).toBe(records);
    expect(filterRecords(records, 'nowhere')).toEqual([]);
  });
});

describe('export', () => {
  it('quotes CSV fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('cr\rx')).toBe('"cr\rx"');
    expect(csvField(null)).toBe('');
    expect(csvField(7)).toBe('7');
    // Text a spreadsheet would run as a formula is defused; numbers stay numbers.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('-2.5e3')).toBe('-2.5e3');
    expect(csvField('-')).toBe("'-");
  });

  it('writes one CSV row per record with a header row, null as empty, headers as a JSON object', () => {
    const csv = toCsvExport('orders', records);
    expect(csv.split('\r\n')).toEqual([
      'topic,partition,offset,timestamp,key,value,headers',
      'orders,0,0,1700000000000,user-1,"{""total"": 12, ""note"": ""a, \\""b\\""""}",',
      'orders,1,0,1700000000001,,"line one\nline two","{""trace-id"":""Abc-123""}"',
      'orders,0,1,1700000000002,user-2,AAEC/w==,"{""empty"":null}"',
      '',
    ]);
  });

  it('writes JSON with every field and each payload’s encoding', () => {
    const parsed = JSON.parse(toJsonExport('orders', records));
    expect(parsed).toHaveLength(3);
    expect(parsed[1]).toEqual({
      topic: 'orders',
      partition: 1,
      offset: '0',
      timestamp: '1700000000001',
      key: null,
      keyEncoding: null,
      value: 'line one\nline two',
      valueEncoding: 'utf8',
      headers: [{ key: 'trace-id', value: 'Abc-123', encoding: 'utf8' }],
    });
    expect(parsed[2]).toMatchObject({ value: 'AAEC/w==', valueEncoding: 'base64' });
  });
});

function manualFrames() {
  const queued: (() => void)[] = [];
  const scheduler: FrameScheduler = (flush) => {
    queued.push(flush);
    return () => queued.splice(queued.indexOf(flush) >>> 0, 1);
  };
  return { scheduler, frame: () => act(() => queued.splice(0).forEach((flush) => flush())) };
}

const request: BrowseRequest = { connectionId: 'local', topic: 'orders', start: { from: 'earliest' }, maxRecords: 500, maxWaitMs: 30_000 };

describe('<BrowseResults>', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows progress per partition, filters the loaded records by text, and exports what is shown', async () => {
    const user = userEvent.setup();
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    renderWithProviders(<BrowseResults request={request} scheduler={frames.scheduler} />, client);
    expect(streams[0]).toMatchObject({ stream: 'browse.read', params: request });

    streams[0].emit({ type: 'progress', partitions: [{ partition: 0, start: '0', position: '0', end: '2' }, { partition: 1, start: '0', position: '0', end: '1' }] });
    streams[0].emit({ type: 'records', records: records.slice(0, 2) });
    streams[0].emit({ type: 'records', records: records.slice(2) });
    streams[0].emit({ type: 'progress', partitions: [{ partition: 0, start: '0', position: '2', end: '2' }, { partition: 1, start: '0', position: '0', end: '1' }] });
    frames.frame();
    expect(screen.getByRole('progressbar', { name: 'Partition 0 read 100%' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Partition 1 read 0%' })).toBeInTheDocument();
    expect(screen.getAllByTestId('message-row')).toHaveLength(3);
    expect(screen.getByTestId('browse-status')).toHaveTextContent('Reading… 3 loaded');

    await user.type(screen.getByRole('textbox', { name: 'Filter messages' }), 'trace');
    expect(screen.getByTestId('browse-shown')).toHaveTextContent('1 shown');
    expect(screen.getAllByTestId('message-row')).toHaveLength(1);

    let saved: Blob | null = null;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved = blob;
      return 'blob:export';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^orders-.*\.csv$/);
    });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'As CSV' }));
    expect(click).toHaveBeenCalledTimes(1);
    expect(saved).not.toBeNull();
    expect(await saved!.text()).toBe(toCsvExport('orders', [records[1]]));
  });

  it('cancels the read, keeping what arrived, and reports the end reason when the backend finishes', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    renderWithProviders(<BrowseResults request={request} scheduler={frames.scheduler} />, client);
    streams[0].emit({ type: 'records', records: records.slice(0, 1) });
    frames.frame();
    act(() => within(screen.getByTestId('browse-status').parentElement!).getByRole('button', { name: 'Cancel' }).click());
    expect(streams[0].cancelled).toBe(true);
    expect(screen.getByTestId('browse-status')).toHaveTextContent('1 loaded — cancelled');
    expect(screen.getAllByTestId('message-row')).toHaveLength(1);
  });

  it('says why a read ended', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    renderWithProviders(<BrowseResults request={request} scheduler={frames.scheduler} />, client);
    streams[0].emit({ type: 'records', records });
    streams[0].emit({ type: 'done', reason: 'end', records: 3, elapsedMs: 420 });
    streams[0].end();
    frames.frame();
    expect(screen.getByTestId('browse-status')).toHaveTextContent('3 loaded — reached the end of every partition in 0.4 s');
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });
});
