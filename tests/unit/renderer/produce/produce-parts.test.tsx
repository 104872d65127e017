import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { HeadersEditor } from '../../../../src/renderer/src/features/produce/headers-editor';
import { PartitionHeatMap } from '../../../../src/renderer/src/features/produce/partition-heat-map';
import type { HeaderRow, ValueMode } from '../../../../src/renderer/src/features/produce/produce-form-model';
import { SendProgress } from '../../../../src/renderer/src/features/produce/send-progress';
import { SendResult } from '../../../../src/renderer/src/features/produce/send-result';
import { ValueEditor } from '../../../../src/renderer/src/features/produce/value-editor';
import { historyEntry } from './history-entry';

// These parts only draw what they are given; none of them talks to the backend.
const renderUi = (ui: ReactElement) => render(<MantineProvider env="test">{ui}</MantineProvider>);

function ValueHarness({ initial = '', initialMode = 'json' as ValueMode, error }: { initial?: string; initialMode?: ValueMode; error?: string }) {
  const [value, setValue] = useState(initial);
  const [mode, setMode] = useState<ValueMode>(initialMode);
  return <ValueEditor value={value} mode={mode} error={error} onChange={setValue} onModeChange={setMode} />;
}

function HeadersHarness({ error }: { error?: string }) {
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  return (
    <>
      <HeadersEditor headers={headers} error={error} onChange={setHeaders} />
      <output data-testid="headers">{JSON.stringify(headers)}</output>
    </>
  );
}

describe('<ValueEditor>', () => {
  it('offers Format only for JSON that parses and is not formatted yet, and formats it', async () => {
    const user = userEvent.setup();
    renderUi(<ValueHarness />);
    const value = screen.getByRole('textbox', { name: 'Value' });
    const format = screen.getByRole('button', { name: 'Format' });
    expect(format).toBeDisabled();
    await user.click(value);
    await user.paste('{"a":1,');
    expect(format).toBeDisabled();
    await user.paste('"b":[true]}');
    expect(format).toBeEnabled();
    await user.click(format);
    expect(value).toHaveValue('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
    expect(format).toBeDisabled();
  });

  it('shows the validation message it is given next to the value', () => {
    renderUi(<ValueHarness initial='{"n": 1,}' error="Not valid JSON: unexpected } at line 1" />);
    const value = screen.getByRole('textbox', { name: 'Value' });
    expect(value).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Not valid JSON: unexpected } at line 1')).toBeInTheDocument();
  });

  it('has no Format button in text mode, and switching modes brings it back', async () => {
    const user = userEvent.setup();
    renderUi(<ValueHarness initial='{"a":1}' initialMode="text" />);
    expect(screen.queryByRole('button', { name: 'Format' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Value' })).toHaveAttribute('placeholder', 'say hello~!!!!');
    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    expect(screen.getByRole('button', { name: 'Format' })).toBeEnabled();
  });
});

describe('<HeadersEditor>', () => {
  it('adds, edits and removes header rows', async () => {
    const user = userEvent.setup();
    renderUi(<HeadersHarness />);
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'trace');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), 'abc');
    await user.type(screen.getByRole('textbox', { name: 'Header 2 name' }), 'source');
    await user.type(screen.getByRole('textbox', { name: 'Header 2 value' }), 'ui');
    expect(JSON.parse(screen.getByTestId('headers').textContent!)).toEqual([
      { key: 'trace', value: 'abc' },
      { key: 'source', value: 'ui' },
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove header 1' }));
    expect(screen.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('source');
    expect(screen.queryByRole('textbox', { name: 'Header 2 name' })).toBeNull();
    expect(JSON.parse(screen.getByTestId('headers').textContent!)).toEqual([{ key: 'source', value: 'ui' }]);
  });

  it('shows its error', () => {
    renderUi(<HeadersHarness error="Every header with a value needs a name." />);
    expect(screen.getByText('Every header with a value needs a name.')).toBeInTheDocument();
  });
});

describe('<SendProgress>', () => {
  const at = (status: 'sending' | 'cancelling' | 'cancelled', countMayBeShort = false) => ({ sent: 120, total: 1_000, status, countMayBeShort });

  it('offers Cancel while sending, says "Cancelling…" without it while the final count is awaited, then the count', () => {
    const { rerender } = renderUi(<SendProgress progress={at('sending')} onCancel={() => undefined} />);
    const show = (status: 'cancelling' | 'cancelled') =>
      rerender(
        <MantineProvider env="test">
          <SendProgress progress={at(status)} onCancel={() => undefined} />
        </MantineProvider>,
      );
    const progress = screen.getByTestId('send-progress');
    expect(progress).toHaveTextContent('Sent 120 of 1,000');
    expect(within(progress).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    show('cancelling');
    expect(progress).toHaveTextContent('Cancelling… sent 120 of 1,000');
    expect(within(progress).queryByRole('button', { name: 'Cancel' })).toBeNull();
    show('cancelled');
    expect(progress).toHaveTextContent('Cancelled: sent 120 of 1,000');
    expect(screen.queryByTestId('count-may-be-short')).toBeNull();
  });

  it('says the count may be short when the cancel could not be confirmed', () => {
    renderUi(<SendProgress progress={at('cancelled', true)} onCancel={() => undefined} />);
    expect(screen.getByTestId('count-may-be-short')).toHaveTextContent('may hold up to one more batch');
  });
});

describe('<SendResult>', () => {
  it('says how many went where and how long it took', () => {
    renderUi(<SendResult topic="orders" total={2} elapsedMs={12.6} sent={[{ partition: 1, offset: '41' }, { partition: 3, offset: '7' }]} />);
    const result = screen.getByTestId('send-result');
    expect(result).toHaveTextContent('Sent 2 to orders in 13 ms');
    expect(within(result).getAllByTestId('sent-record').map((badge) => badge.textContent)).toEqual(['partition 1 · offset 41', 'partition 3 · offset 7']);
    expect(result).not.toHaveTextContent('Showing where the first');
  });

  it('lists at most 100 records and says only the first ones are shown', () => {
    const sent = Array.from({ length: 150 }, (_, i) => ({ partition: i % 3, offset: String(i) }));
    renderUi(<SendResult topic="orders" total={5000} elapsedMs={900} sent={sent} />);
    expect(screen.getByTestId('send-result')).toHaveTextContent('Sent 5,000 to orders in 900 ms');
    expect(screen.getAllByTestId('sent-record')).toHaveLength(100);
    expect(screen.getByText('Showing where the first 100 landed.')).toBeInTheDocument();
  });
});

describe('<PartitionHeatMap>', () => {
  const entry = historyEntry;

  it('explains itself before anything was sent', () => {
    renderUi(<PartitionHeatMap entries={[]} partitionCount={3} />);
    expect(screen.getByTestId('partition-heat-map')).toHaveTextContent('Send to this topic and each key shows up here');
  });

  it('labels a row per key and a column per partition', () => {
    renderUi(<PartitionHeatMap entries={[entry(2, null, [0]), entry(1, 'user-{{i}}', [2, 1])]} partitionCount={3} />);
    const map = screen.getByTestId('partition-heat-map');
    expect(map).not.toHaveTextContent('Send to this topic');
    for (const label of ['(no key)', 'user-0', 'user-1', '0', '1', '2']) expect(within(map).getAllByText(label).length).toBeGreaterThan(0);
  });
});
