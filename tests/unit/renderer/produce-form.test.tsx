import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ProduceRequest } from '../../../src/renderer/src/api/use-produce';
import { ProduceForm } from '../../../src/renderer/src/features/produce/produce-form';
import {
  emptyProduceForm,
  formatJson,
  toProduceRequest,
  validateProduceForm,
  type ProduceFormValues,
} from '../../../src/renderer/src/features/produce/produce-form-model';
import { fakeClient, renderWithProviders } from './test-providers';

const topic = { name: 'orders', internal: false, partitions: 4, replicationFactor: 1, messageCount: '0', sizeBytes: null };

describe('produce form model', () => {
  const base = { ...emptyProduceForm('orders'), value: 'hi' };

  it('accepts JSON whose placeholders become JSON once filled, and refuses broken JSON with the reason', () => {
    expect(validateProduceForm({ ...base, valueMode: 'json', value: '{"n": {{i}}, "id": "{{uuid}}"}' }, 4)).toEqual({});
    expect(validateProduceForm({ ...base, valueMode: 'json', value: '{"n": 1,}' }, 4).value).toMatch(/^Not valid JSON/);
    expect(validateProduceForm({ ...base, valueMode: 'json', value: '' }, 4).value).toMatch(/needs a value/);
    expect(validateProduceForm({ ...base, valueMode: 'text', value: '{oops' }, 4)).toEqual({});
  });

  it('checks placement: by key needs a key, an explicit partition must exist', () => {
    expect(validateProduceForm({ ...base, partitionMode: 'key', key: '' }, 4).key).toBe('Placing by key needs a key.');
    expect(validateProduceForm({ ...base, partitionMode: 'key', key: 'k', withKey: false }, 4).key).toBeDefined();
    expect(validateProduceForm({ ...base, partitionMode: 'explicit', partition: 4 }, 4).partition).toBe('The topic has partitions 0 to 3.');
    expect(validateProduceForm({ ...base, partitionMode: 'explicit', partition: 3 }, 4)).toEqual({});
    expect(validateProduceForm({ ...base, partitionMode: 'explicit', partition: 9 }, null)).toEqual({});
  });

  it('checks headers, copies and rate', () => {
    expect(validateProduceForm({ ...base, headers: [{ key: '', value: 'v' }] }, 4).headers).toBeDefined();
    expect(validateProduceForm({ ...base, headers: [{ key: '', value: '' }] }, 4)).toEqual({});
    expect(validateProduceForm({ ...base, count: 0 }, 4).count).toBeDefined();
    expect(validateProduceForm({ ...base, count: 10, ratePerSecond: 0 }, 4).ratePerSecond).toBeDefined();
  });

  it('builds the request: null key, explicit partition, rate only for several copies, empty headers dropped', () => {
    const values: ProduceFormValues = { ...base, withKey: false, partitionMode: 'explicit', partition: 2, headers: [{ key: 'h', value: '1' }, { key: '', value: '' }], ratePerSecond: 5 };
    expect(toProduceRequest(values, 'local')).toEqual({
      connectionId: 'local',
      topic: 'orders',
      key: null,
      value: { encoding: 'utf8', data: 'hi' },
      valueMode: 'text',
      headers: [{ key: 'h', value: '1' }],
      partition: 2,
      count: 1,
    });
    expect(toProduceRequest({ ...base, key: 'k', count: 3, ratePerSecond: 5 }, 'local')).toMatchObject({ key: { data: 'k' }, count: 3, ratePerSecond: 5 });
    expect(toProduceRequest({ ...base, key: 'k' }, 'local')).not.toHaveProperty('partition');
  });

  it('formats JSON but leaves templates alone', () => {
    expect(formatJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatJson('{"a":{{i}}}')).toBeNull();
    expect(formatJson('nope')).toBeNull();
  });
});

function Harness({ onSend }: { onSend: (request: ProduceRequest) => void }) {
  const [values, setValues] = useState(emptyProduceForm('orders'));
  return <ProduceForm connectionId="local" values={values} onChange={setValues} onSend={onSend} sending={false} />;
}

describe('<ProduceForm>', () => {
  it('shows the JSON problem and does not send, then sends once it is fixed and formatted', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    const { client } = fakeClient({ 'topics.list': () => [topic] });
    renderWithProviders(<Harness onSend={onSend} />, client);

    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    const value = screen.getByRole('textbox', { name: 'Value' });
    await user.click(value);
    await user.paste('{"greeting": "hello",}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/^Not valid JSON/)).toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();

    await user.clear(value);
    await user.paste('{"greeting":"hello"}');
    await user.click(screen.getByRole('button', { name: 'Format' }));
    expect(value).toHaveValue('{\n  "greeting": "hello"\n}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ topic: 'orders', valueMode: 'json', value: { encoding: 'utf8', data: '{\n  "greeting": "hello"\n}' } }));
  });

  it('refuses an explicit partition the topic does not have', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    const { client } = fakeClient({ 'topics.list': () => [topic] });
    renderWithProviders(<Harness onSend={onSend} />, client);
    await screen.findByDisplayValue('orders');
    await user.click(screen.getByRole('radio', { name: 'Explicit' }));
    const partition = screen.getByRole('textbox', { name: 'Partition' });
    await user.clear(partition);
    await user.type(partition, '7');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('The topic has partitions 0 to 3.')).toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();
  });
});
