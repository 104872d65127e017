import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageDetail } from '../../../../src/renderer/src/features/browse/message-detail';
import { payloadSummary, prettyJson, toBase64, toHexDump } from '../../../../src/renderer/src/features/browse/payload-format';
import type { ConsumedRecord } from '../../../../src/shared/contract/common';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { fakeClient, recordingCalls, renderWithProviders } from '../test-providers';

const text = (data: string, truncated = false, size = new TextEncoder().encode(data).length) => ({ encoding: 'utf8' as const, data, size, truncated });

const jsonRecord: ConsumedRecord = {
  partition: 2,
  offset: '41',
  timestamp: '1700000000000',
  key: text('héllo'),
  value: text('{"id":7,"tags":["a","b"]}'),
  headers: [
    { key: 'trace-id', value: text('abc') },
    { key: 'bin', value: { encoding: 'base64', data: '3q2+7w==', size: 4, truncated: false } },
  ],
};

describe('payload views', () => {
  it('indents JSON objects and arrays, leaves other text alone', () => {
    expect(prettyJson(text('{"a":[1,2]}'))).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson(text('42'))).toBeNull();
    expect(prettyJson(text('{broken'))).toBeNull();
    expect(prettyJson(text('{"a":1}', true, 5_000_000))).toBeNull();
  });

  it('dumps hex sixteen bytes a line with offsets and printable ASCII, from UTF-8 or binary alike', () => {
    expect(toHexDump(new TextEncoder().encode('héllo'))).toBe(`00000000  68 c3 a9 6c 6c 6f${' '.repeat(30)}  h..llo`);
    const bytes = new Uint8Array(20).map((_, i) => i + 0x41);
    expect(toHexDump(bytes).split('\n')).toEqual([
      '00000000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP',
      `00000010  51 52 53 54${' '.repeat(36)}  QRST`,
    ]);
    expect(toHexDump(bytes, 4)).toBe(`00000000  41 42 43 44${' '.repeat(36)}  ABCD`);
  });

  it('gives base64 of the bytes (UTF-8 encoded for text), and a hex start for binary in the list', () => {
    expect(toBase64(text('héllo'))).toBe('aMOpbGxv');
    expect(toBase64({ encoding: 'base64', data: '3q2+7w==', size: 4, truncated: false })).toBe('3q2+7w==');
    expect(payloadSummary({ encoding: 'base64', data: '3q2+7w==', size: 4, truncated: false })).toBe('0xdeadbeef');
    expect(payloadSummary(null)).toBe('null');
  });
});

describe('<MessageDetail>', () => {
  it('shows the value as indented JSON first, then as text, hex and base64; the key; and the headers', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MessageDetail connectionId="local" topic="orders" record={jsonRecord} />, fakeClient().client);
    expect(screen.getByRole('heading', { name: 'Partition 2 · offset 41' })).toBeInTheDocument();
    expect(screen.getByTestId('value-json').textContent).toBe('{\n  "id": 7,\n  "tags": [\n    "a",\n    "b"\n  ]\n}');

    await user.click(screen.getByRole('radio', { name: 'Text' }));
    expect(screen.getByTestId('value-text').textContent).toBe('{"id":7,"tags":["a","b"]}');
    await user.click(screen.getByRole('radio', { name: 'Hex' }));
    expect(screen.getByTestId('value-hex').textContent).toMatch(/^00000000 {2}7b 22 69 64 22 3a 37 2c/);
    await user.click(screen.getByRole('radio', { name: 'Base64' }));
    expect(screen.getByTestId('value-base64').textContent).toBe(btoa('{"id":7,"tags":["a","b"]}'));
    expect(screen.getByRole('button', { name: 'Copy base64' })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Key' }));
    expect(screen.getByTestId('key-text').textContent).toBe('héllo');
    expect(screen.getByRole('radio', { name: 'JSON' })).toBeDisabled();

    await user.click(screen.getByRole('tab', { name: 'Headers (2)' }));
    const headers = screen.getByRole('table', { name: 'Headers' });
    expect(headers).toHaveTextContent('trace-id');
    expect(headers).toHaveTextContent('abc');
    expect(headers).toHaveTextContent('0xdeadbeef');
  });

  it('opens binary values in hex', () => {
    const record = { ...jsonRecord, key: null, value: { encoding: 'base64' as const, data: 'AAEC/w==', size: 4, truncated: false } };
    renderWithProviders(<MessageDetail connectionId="local" topic="orders" record={record} />, fakeClient().client);
    expect(screen.getByTestId('value-hex').textContent).toMatch(/^00000000 {2}00 01 02 ff/);
  });

  describe('against a real backend and broker', () => {
    let h: ClusterHarness;
    const full = 'x'.repeat(3000);
    beforeAll(async () => {
      h = await startBackendWithBroker();
      await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'orders', partitions: 3, replicationFactor: 1 });
      await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'orders', key: null, value: { data: full }, partition: 2, count: 1 });
    });
    afterAll(() => h?.stop());

    it('loads the whole of a truncated value through browse.value when asked', async () => {
      const user = userEvent.setup();
      // The record as a read with a 1,000-byte preview lists it.
      const record = { ...jsonRecord, offset: '0', value: text('x'.repeat(1000), true, 3000) };
      const { client, calls } = recordingCalls(h.client);
      renderWithProviders(<MessageDetail connectionId={h.connectionId} topic="orders" record={record} />, client);
      expect(screen.getByText(/Showing a preview of 2\.9 KiB/)).toBeInTheDocument();
      expect(calls).toHaveLength(0);

      await user.click(screen.getByRole('button', { name: 'Load full value' }));
      expect(await screen.findByText(full)).toBeInTheDocument();
      expect(calls).toEqual([{ method: 'browse.value', input: { connectionId: h.connectionId, topic: 'orders', partition: 2, offset: '0', part: 'value' } }]);
      expect(screen.queryByRole('button', { name: 'Load full value' })).not.toBeInTheDocument();
    });
  });
});
