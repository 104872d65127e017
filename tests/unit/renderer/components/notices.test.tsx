import { Button, MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmptyNotice } from '../../../../src/renderer/src/components/empty-notice';
import { ErrorNotice } from '../../../../src/renderer/src/components/error-notice';
import { LoadingState } from '../../../../src/renderer/src/components/loading-state';
import { TopicDetail } from '../../../../src/renderer/src/features/topics/topic-detail';
import { AppFailure } from '../../../../src/shared/rpc/result';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';

const renderUi = (ui: ReactElement) => render(<MantineProvider env="test">{ui}</MantineProvider>);

describe('<EmptyNotice> and <LoadingState>', () => {
  it('shows the title, the description and the action', async () => {
    const onCreate = vi.fn();
    renderUi(<EmptyNotice title="No topics yet" description="Create one." action={<Button onClick={onCreate}>Create topic</Button>} />);
    const notice = screen.getByTestId('empty-notice');
    expect(notice).toHaveTextContent('No topics yet');
    expect(notice).toHaveTextContent('Create one.');
    await userEvent.setup().click(within(notice).getByRole('button', { name: 'Create topic' }));
    expect(onCreate).toHaveBeenCalledTimes(1);
  });

  it('has no action unless given one', () => {
    renderUi(<EmptyNotice title="Nothing sent yet" description="Messages you send appear here." />);
    expect(within(screen.getByTestId('empty-notice')).queryByRole('button')).toBeNull();
  });

  it('announces loading politely, with its label', () => {
    renderUi(<LoadingState label="Loading topics…" />);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('Loading topics…');
  });
});

describe('<ErrorNotice>', () => {
  it('with a title, keeps the sentence for what happened underneath it', () => {
    const error = new AppFailure({ code: 'BROKER_UNREACHABLE', message: 'No broker answered at 127.0.0.1:1.', retriable: true });
    renderUi(<ErrorNotice error={error} title="Not sent" />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-error-code', 'BROKER_UNREACHABLE');
    expect(alert).toHaveTextContent(/^Not sent/);
    expect(alert).toHaveTextContent('The cluster could not be reached.');
    expect(alert).toHaveTextContent('No broker answered at 127.0.0.1:1. (BROKER_UNREACHABLE)');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('shows a plain exception as an internal error, keeping its message', () => {
    renderUi(<ErrorNotice error={new Error('boom')} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-error-code', 'INTERNAL_ERROR');
    expect(alert).toHaveTextContent('boom (INTERNAL_ERROR)');
  });
});

describe('<ErrorNotice> on a real refusal', () => {
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
  });
  afterAll(() => h?.stop());

  it('"Try again" asks again, and the screen recovers once the cause is gone', async () => {
    renderWithProviders(<TopicDetail connectionId={h.connectionId} topic="later" />, h.client);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('The topic does not exist (any more).');
    expect(notice).toHaveTextContent('Refresh the topic list, or create the topic first.');
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'later', partitions: 2, replicationFactor: 1 });
    await userEvent.setup().click(within(notice).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('topic-summary')).toHaveTextContent(/^2 partitions/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
