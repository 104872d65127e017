import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LocalBrokerCard } from '../../../src/renderer/src/features/connections/local-broker-card';
import type { LocalBrokerStatus } from '../../../src/shared/contract/local-broker';
import { fakeClient, renderWithProviders } from './test-providers';

const running: LocalBrokerStatus = { state: 'running', bootstrap: '127.0.0.1:9092', port: 9092, notice: null, dataDir: '/data' };
const stopped: LocalBrokerStatus = { ...running, state: 'stopped', bootstrap: null, port: null };

describe('<LocalBrokerCard>', () => {
  it('shows the status, follows the watch stream, and stops and starts the broker', async () => {
    const user = userEvent.setup();
    const { client, streams, calls } = fakeClient({
      'localBroker.status': () => running,
      'localBroker.stop': () => stopped,
      'connections.list': () => [],
    });
    renderWithProviders(<LocalBrokerCard />, client);
    expect(await screen.findByTestId('local-broker-state')).toHaveTextContent('running');
    expect(screen.getByTestId('local-broker-bootstrap')).toHaveTextContent('127.0.0.1:9092');
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByTestId('local-broker-state')).toHaveTextContent('stopped'));
    expect(screen.queryByTestId('local-broker-bootstrap')).toBeNull();

    // Another window started it again: the watch stream reports the new address.
    const watch = streams.find((open) => open.stream === 'localBroker.watch' && !open.cancelled)!;
    act(() => watch.emit({ ...running, port: 9093, bootstrap: '127.0.0.1:9093', notice: '9092 was taken, so port 9093 is used.' }));
    await waitFor(() => expect(screen.getByTestId('local-broker-bootstrap')).toHaveTextContent('127.0.0.1:9093'));
    expect(screen.getByText('9092 was taken, so port 9093 is used.')).toBeInTheDocument();
    expect(calls.map((call) => call.method)).toContain('localBroker.stop');
  });
});

