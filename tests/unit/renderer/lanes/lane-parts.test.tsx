import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LaneColumn } from '../../../../src/renderer/src/features/lanes/lane-column';
import { LaneAssignment } from '../../../../src/renderer/src/features/lanes/lane-assignment';
import { LaneControls } from '../../../../src/renderer/src/features/lanes/lane-controls';
import { emptySnapshot, type LaneSnapshot } from '../../../../src/renderer/src/features/lanes/lane-feed';
import { LaneStatus } from '../../../../src/renderer/src/features/lanes/lane-status';
import { formatClock, LaneTimeline } from '../../../../src/renderer/src/features/lanes/lane-timeline';
import { startBackendWithBroker, type ClusterHarness } from '../../../integration/backend/helpers';
import { fakeElementSize } from '../frames-and-layout';
import { renderWithProviders } from '../test-providers';

// The column's parts draw the snapshot they are given (the column fed by a
// scripted stream is tested in lane-column.test.tsx); the last test puts them
// together on a real lane of a real broker.
const renderUi = (ui: ReactElement) => render(<MantineProvider env="test">{ui}</MantineProvider>);
const snapshot = (patch: Partial<LaneSnapshot>): LaneSnapshot => ({ ...emptySnapshot(), ...patch });
const at = (h: number, m: number, s: number, ms: number) => new Date(2026, 0, 1, h, m, s, ms).getTime();

describe('<LaneStatus>', () => {
  it('before any event: the lane view’s state, no records, lag not measured yet, no badges', () => {
    renderUi(<LaneStatus snapshot={emptySnapshot()} fallbackState="starting" />);
    expect(screen.getByTestId('lane-state')).toHaveTextContent('starting');
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('0 records');
    expect(screen.getByTestId('lane-lag')).toHaveTextContent('lag …');
    expect(screen.queryByTestId('lane-trimmed')).toBeNull();
    expect(screen.queryByTestId('lane-backpressure')).toBeNull();
  });

  it('the streamed state wins over the view’s; one record is “record”; lag is grouped', () => {
    const lag = { total: '1234567', partitions: [{ partition: 0, committed: '1', highWatermark: '1234568', lag: '1234567' }] };
    renderUi(<LaneStatus snapshot={snapshot({ state: 'paused', lag, records: { version: 1, length: 1, received: 1, trimmed: 0 } })} fallbackState="running" />);
    expect(screen.getByTestId('lane-state')).toHaveAttribute('data-state', 'paused');
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent(/^1 record$/);
    expect(screen.getByTestId('lane-lag')).toHaveTextContent('lag 1,234,567');
  });

  it('after backpressure has ended, keeps a quiet badge counting the episodes', () => {
    renderUi(<LaneStatus snapshot={snapshot({ state: 'running', backpressure: false, backpressureEpisodes: 3 })} fallbackState="running" />);
    const badge = screen.getByTestId('lane-backpressure');
    expect(badge).toHaveAttribute('data-active', 'false');
    expect(badge).toHaveTextContent('backpressure ×3');
  });

  it('shows how many records were trimmed from view', () => {
    renderUi(<LaneStatus snapshot={snapshot({ records: { version: 2, length: 45_000, received: 51_000, trimmed: 6_000 } })} fallbackState="running" />);
    expect(screen.getByTestId('lane-trimmed')).toHaveTextContent('6,000 trimmed');
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('51,000 records');
  });
});

describe('<LaneAssignment>', () => {
  it('before the first generation: every member, none assigned', () => {
    renderUi(<LaneAssignment memberIds={['member-0', 'member-1']} generationId={null} assignment={[]} recordsPerMember={{}} />);
    expect(screen.getByTestId('lane-assignment')).toHaveTextContent('No assignment yet');
    const members = screen.getAllByTestId('lane-assignment-member');
    expect(members.map((member) => member.textContent)).toEqual(['member-0not assigned0', 'member-1not assigned0']);
  });

  it('a member with nothing to read says so; a member that already left but is in the assignment is still listed', () => {
    renderUi(
      <LaneAssignment
        memberIds={['member-0', 'member-1']}
        generationId={7}
        assignment={[
          { member: 'member-0', partitions: [0, 1, 2] },
          { member: 'member-1', partitions: [] },
          { member: 'member-2', partitions: [3] },
        ]}
        recordsPerMember={{ 'member-0': 12_345, 'member-2': 4 }}
      />,
    );
    expect(screen.getByText('Generation 7')).toBeInTheDocument();
    const rows = screen.getAllByTestId('lane-assignment-member');
    expect(rows.map((row) => row.getAttribute('data-member'))).toEqual(['member-0', 'member-1', 'member-2']);
    expect(rows[0]).toHaveTextContent('partitions 0, 1, 2');
    expect(within(rows[0]!).getByTestId('lane-member-count')).toHaveTextContent('12,345');
    expect(rows[1]).toHaveTextContent('no partitions');
    expect(within(rows[1]!).getByTestId('lane-member-count')).toHaveTextContent('0');
    expect(rows[2]).toHaveTextContent('partitions 3');
  });
});

describe('<LaneTimeline>', () => {
  it('says when there were no rebalances', () => {
    renderUi(<LaneTimeline timeline={[]} />);
    expect(screen.getByTestId('lane-timeline')).toHaveTextContent('No rebalances yet');
    expect(screen.queryAllByTestId('lane-timeline-entry')).toHaveLength(0);
  });

  it('shows joins, leaves and generations in the order given, with a millisecond clock', () => {
    renderUi(
      <LaneTimeline
        timeline={[
          { id: 3, kind: 'generation', at: at(14, 2, 9, 120), member: null, generationId: 5 },
          { id: 2, kind: 'leave', at: at(14, 2, 8, 5), member: 'member-1', generationId: null },
          { id: 1, kind: 'join', at: at(9, 0, 0, 0), member: 'member-2', generationId: null },
        ]}
      />,
    );
    const entries = screen.getAllByTestId('lane-timeline-entry');
    expect(entries.map((entry) => [entry.getAttribute('data-kind'), entry.textContent])).toEqual([
      ['generation', '14:02:09.120 generation 5'],
      ['leave', '14:02:08.005 member-1 left'],
      ['join', '09:00:00.000 member-2 joined'],
    ]);
    expect(formatClock(at(23, 59, 59, 999))).toBe('23:59:59.999');
  });
});

describe('<LaneControls>', () => {
  const names = () => within(screen.getByRole('toolbar', { name: 'Lane controls' })).getAllByRole('button').map((button) => button.textContent);

  it('offers what the state allows and sends the matching control', async () => {
    const user = userEvent.setup();
    const onControl = vi.fn();
    const view = renderUi(<LaneControls state="running" memberCount={2} busy={false} onControl={onControl} />);
    expect(names()).toEqual(['Pause', 'Stop', 'Add member', 'Remove member', 'Replay from earliest', 'Close']);
    for (const name of names()) await user.click(screen.getByRole('button', { name: name! }));
    expect(onControl.mock.calls.map(([control]) => control)).toEqual(['lanes.pause', 'lanes.stop', 'lanes.addMember', 'lanes.removeMember', 'lanes.replay', 'lanes.close']);

    for (const state of ['stopped', 'failed'] as const) {
      view.rerender(
        <MantineProvider env="test">
          <LaneControls state={state} memberCount={2} busy={false} onControl={onControl} />
        </MantineProvider>,
      );
      expect(names()).toEqual(['Start', 'Add member', 'Remove member', 'Replay from earliest', 'Close']);
    }
    view.rerender(
      <MantineProvider env="test">
        <LaneControls state="reconnecting" memberCount={2} busy={false} onControl={onControl} />
      </MantineProvider>,
    );
    expect(names().slice(0, 2)).toEqual(['Pause', 'Stop']);
  });

  it('keeps at least one member and at most sixteen', () => {
    const view = renderUi(<LaneControls state="running" memberCount={1} busy={false} onControl={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Remove member' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add member' })).toBeEnabled();
    view.rerender(
      <MantineProvider env="test">
        <LaneControls state="running" memberCount={16} busy={false} onControl={vi.fn()} />
      </MantineProvider>,
    );
    expect(screen.getByRole('button', { name: 'Add member' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove member' })).toBeEnabled();
  });

  it('disables everything while a control is under way', () => {
    renderUi(<LaneControls state="paused" memberCount={3} busy onControl={vi.fn()} />);
    const buttons = within(screen.getByRole('toolbar', { name: 'Lane controls' })).getAllByRole('button');
    expect(buttons[0]).toHaveTextContent('Resume');
    for (const button of buttons) expect(button).toBeDisabled();
  });
});

describe('the parts together on a real lane', () => {
  fakeElementSize({ clientHeight: 520, clientWidth: 340 });
  let h: ClusterHarness;
  beforeAll(async () => {
    h = await startBackendWithBroker();
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'lane-parts', partitions: 2, replicationFactor: 1 });
    for (const partition of [0, 1]) await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'lane-parts', key: null, value: { data: `p${partition}-{{i}}` }, partition, count: 2 });
  });
  afterAll(() => h?.stop());

  it('shows the run, the assignment and the rebalances; adding a member splits the partitions; Stop offers Start', async () => {
    const lane = await h.client.call('lanes.open', { connectionId: h.connectionId, topic: 'lane-parts', groupId: 'parts', autoOffsetReset: 'earliest', members: 1, autoCommit: true });
    const user = userEvent.setup();
    renderWithProviders(<LaneColumn lane={lane} />, h.client);
    const column = screen.getByRole('region', { name: 'Lane parts' });
    const slow = { timeout: 20_000 };

    await vi.waitFor(() => expect(within(column).getByTestId('lane-state')).toHaveAttribute('data-state', 'running'), slow);
    await vi.waitFor(() => expect(within(column).getByTestId('lane-record-count')).toHaveTextContent('4 records'), slow);
    const [only] = lane.memberIds;
    await vi.waitFor(() => expect(within(column).getAllByTestId('lane-assignment-member').map((m) => m.getAttribute('data-partitions'))).toEqual(['0,1']), slow);
    expect(within(column).getByTestId('lane-member-count')).toHaveTextContent('4');
    const entries = () => within(column).getAllByTestId('lane-timeline-entry').map((entry) => entry.textContent ?? '');
    // The first member may have joined before the column subscribed (the app subscribes as it opens a lane);
    // a new subscriber is sent the last assignment, so its generation is shown.
    const generations = () => entries().filter((text) => /generation \d+$/.test(text));
    expect(generations()).toHaveLength(1);

    await user.click(within(column).getByRole('button', { name: 'Add member' }));
    await vi.waitFor(() => {
      const members = within(column).getAllByTestId('lane-assignment-member');
      expect(members).toHaveLength(2);
      expect(members.map((m) => m.getAttribute('data-partitions')).sort()).toEqual(['0', '1']);
    }, slow);
    // Newest first: the new member's join, then the generation that gave it a partition, on top.
    await vi.waitFor(() => expect(generations().length).toBeGreaterThanOrEqual(2), slow);
    expect(entries()[0]).toMatch(/generation \d+$/);
    const joined = entries().filter((text) => text.endsWith(' joined'));
    expect(joined.some((text) => !text.endsWith(`${only} joined`))).toBe(true);
    expect(within(column).getByTestId('lane-assignment')).toHaveTextContent(/Generation \d+/);

    await user.click(within(column).getByRole('button', { name: 'Stop' }));
    await vi.waitFor(() => expect(within(column).getByTestId('lane-state')).toHaveAttribute('data-state', 'stopped'), slow);
    expect(within(column).getByRole('button', { name: 'Start' })).toBeEnabled();
    expect(within(column).queryByRole('button', { name: 'Pause' })).toBeNull();
    await h.client.call('lanes.close', { laneId: lane.laneId });
  });
});
