import { screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { openProduceScreen, resetProduceScreen } from './open-produce-screen';
import { readTopic } from './read-topic';

let h: ClusterHarness;

beforeAll(async () => {
  h = await startBackendWithBroker();
  await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'history', partitions: 3, replicationFactor: 1 });
});
afterAll(() => h?.stop());
afterEach(resetProduceScreen);

describe('Produce history against a real broker', () => {
  it('says nothing was sent yet before the first send', async () => {
    openProduceScreen(h, 'history');
    expect(await screen.findByText('Nothing sent yet')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Sent messages' })).toBeNull();
  });

  it('lists a sent message with where it landed; "Send again" re-sends the same key, value, headers and partition', async () => {
    const user = openProduceScreen(h, 'history');
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'customer-7');
    await user.click(screen.getByRole('textbox', { name: 'Value' }));
    await user.paste('say hello~!!!!');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'source');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), 'jsdom');
    await user.click(screen.getByRole('radio', { name: 'Explicit' }));
    const partition = screen.getByRole('textbox', { name: 'Partition' });
    await user.clear(partition);
    await user.type(partition, '2');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const table = await screen.findByRole('table', { name: 'Sent messages' });
    const first = await within(table).findByText('partition 2 · offset 0');
    const firstRow = first.closest('tr')!;
    expect(firstRow).toHaveTextContent('history');
    expect(firstRow).toHaveTextContent('customer-7');
    expect(firstRow).toHaveTextContent('say hello~!!!!');
    // The last send's result, where it landed, is shown as well.
    expect(within(screen.getByTestId('send-result')).getByTestId('sent-record')).toHaveTextContent('partition 2 · offset 0');

    // Change the form: a re-send must use the recorded request, not the form.
    await user.clear(screen.getByRole('textbox', { name: 'Key' }));
    await user.type(screen.getByRole('textbox', { name: 'Key' }), 'someone-else');
    await user.click(within(firstRow).getByRole('button', { name: 'Send again' }));

    expect(await within(table).findByText('partition 2 · offset 1')).toBeInTheDocument();
    const rows = within(table).getAllByTestId('history-row');
    expect(rows).toHaveLength(2);
    // Newest first.
    expect(rows[0]).toHaveTextContent('partition 2 · offset 1');
    expect(rows[0]).toHaveTextContent('customer-7');
    expect(rows[1]).toHaveTextContent('partition 2 · offset 0');

    const records = await readTopic(h.client, h.connectionId, 'history');
    expect(records).toHaveLength(2);
    for (const [index, record] of records.entries()) {
      expect(record.partition).toBe(2);
      expect(record.offset).toBe(String(index));
      expect(record.key?.data).toBe('customer-7');
      expect(record.value?.data).toBe('say hello~!!!!');
      expect(record.headers.map((header) => [header.key, header.value?.data])).toEqual([['source', 'jsdom']]);
    }
  });

  it('Clear empties the history', async () => {
    const user = openProduceScreen(h, 'history');
    await user.click(screen.getByRole('textbox', { name: 'Value' }));
    await user.paste('to be cleared');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findAllByTestId('history-row')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.queryAllByTestId('history-row')).toHaveLength(0);
    expect(screen.getByText('Nothing sent yet')).toBeInTheDocument();
  });
});
