import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { LaneColumn } from '../../../../src/renderer/src/features/lanes/lane-column';
import type { LaneEvent, LaneView } from '../../../../src/shared/contract/lanes';
import { fakeClient, renderWithProviders } from '../test-providers';
import { manualFrames, fakeElementSize } from '../frames-and-layout';

// jsdom has no layout; lists read their viewport from these.
fakeElementSize({ clientHeight: 520, clientWidth: 340 });

const lane: LaneView = {
  laneId: 'lane-1',
  connectionId: 'local',
  topic: 'orders',
  groupId: 'group_1',
  autoOffsetReset: 'earliest',
  members: 2,
  autoCommit: true,
  state: 'starting',
  memberIds: ['member-0', 'member-1'],
};

const recordsEvent = (seq: number, member: string, partition: number, from: number, count: number): LaneEvent => ({
  type: 'records',
  seq,
  records: Array.from({ length: count }, (_, i) => ({
    member,
    partition,
    offset: String(from + i),
    timestamp: '1700000000000',
    key: null,
    value: { encoding: 'utf8' as const, data: `hello ${from + i}`, size: 8, truncated: false },
    headers: [],
  })),
});

function renderLane(handlers = {}) {
  const fake = fakeClient(handlers);
  const frames = manualFrames();
  let commits = 0;
  renderWithProviders(
    <Profiler id="lane" onRender={() => commits++}>
      <LaneColumn lane={lane} scheduler={frames.scheduler} />
    </Profiler>,
    fake.client,
  );
  const stream = fake.streams[0]!;
  return { ...fake, frames, stream, commits: () => commits };
}

describe('LaneColumn', () => {
  it('subscribes to its lane and shows state, assignment, rebalances and lag from the events', () => {
    const { streams, stream, frames } = renderLane();
    expect(streams).toHaveLength(1);
    expect(stream.stream).toBe('lanes.events');
    expect(stream.params).toEqual({ laneId: 'lane-1' });

    act(() => {
      stream.emit({ type: 'state', seq: 0, state: 'running', detail: null });
      stream.emit({ type: 'rebalance', seq: 1, member: 'member-0', change: 'join', at: String(new Date(2026, 0, 1, 9, 30, 5, 7).getTime()) });
      stream.emit({ type: 'rebalance', seq: 2, member: 'member-1', change: 'join', at: String(new Date(2026, 0, 1, 9, 30, 6, 0).getTime()) });
      stream.emit({ type: 'assignment', seq: 3, generationId: 4, members: [{ member: 'member-1', partitions: [3, 2] }, { member: 'member-0', partitions: [0, 1] }] });
      stream.emit({ type: 'lag', seq: 4, total: '1234', partitions: [{ partition: 0, committed: null, highWatermark: '1234', lag: '1234' }] });
    });
    frames.frame();

    const region = screen.getByRole('region', { name: 'Lane group_1' });
    expect(within(region).getByTestId('lane-state')).toHaveAttribute('data-state', 'running');
    const assignment = within(region).getByTestId('lane-assignment');
    expect(assignment).toHaveAttribute('data-generation', '4');
    expect(assignment).toHaveTextContent('Generation 4');
    const members = within(region).getAllByTestId('lane-assignment-member');
    expect(members.map((m) => [m.getAttribute('data-member'), m.getAttribute('data-partitions')])).toEqual([
      ['member-0', '0,1'],
      ['member-1', '2,3'],
    ]);
    const timeline = within(region).getAllByTestId('lane-timeline-entry').map((entry) => entry.textContent);
    expect(timeline).toEqual([expect.stringMatching(/generation 4$/), '09:30:06.000 member-1 joined', '09:30:05.007 member-0 joined']);
    expect(within(region).getByTestId('lane-lag')).toHaveTextContent('lag 1,234');
  });

  it('renders a burst of records once per frame, newest first, each tagged with member, partition and offset', () => {
    const { stream, frames, commits } = renderLane();
    // The first record mounts the list (and the virtualizer measures it); count from there.
    act(() => stream.emit(recordsEvent(0, 'member-0', 0, 0, 1)));
    frames.frame();
    const before = commits();
    act(() => {
      stream.emit(recordsEvent(1, 'member-0', 0, 1, 999));
      stream.emit(recordsEvent(2, 'member-1', 2, 0, 1_000));
      stream.emit(recordsEvent(3, 'member-0', 1, 0, 1_000));
    });
    expect(commits()).toBe(before);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(commits()).toBe(before + 1);
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('3,000 records');
    const rows = screen.getAllByTestId('lane-record');
    // Virtualized: only the rows in view exist.
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('data-member', 'member-0');
    expect(rows[0]).toHaveAttribute('data-partition', '1');
    expect(rows[0]).toHaveAttribute('data-offset', '999');
    expect(rows[0]).toHaveTextContent('p1@999');
    expect(rows[0]).toHaveTextContent('hello 999');
    const counts = screen.getAllByTestId('lane-member-count').map((cell) => cell.textContent);
    expect(counts).toEqual(['2,000', '1,000']);
  });

  it('flags trimmed records and backpressure', () => {
    const { stream, frames } = renderLane();
    act(() => {
      for (let i = 0; i < 56; i++) stream.emit(recordsEvent(i, 'member-0', 0, i * 1_000, 1_000));
      stream.emit({ type: 'backpressure', seq: 57, paused: true, bufferedRecords: 20_000 });
    });
    frames.frame();
    // Past 50,000 the oldest go, down to 45,000: one trim for 56,000 records.
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('56,000 records');
    expect(screen.getByTestId('lane-trimmed')).toHaveTextContent('6,000 trimmed');
    expect(screen.getByTestId('lane-backpressure')).toHaveAttribute('data-active', 'true');
  });

  it('controls call the backend; start begins a new run with an empty list', async () => {
    const calls: string[] = [];
    const view = (state: LaneView['state']) => () => ({ ...lane, state });
    const { stream, frames } = renderLane({
      'lanes.stop': (input: unknown) => (calls.push(`stop ${JSON.stringify(input)}`), view('stopped')()),
      'lanes.start': (input: unknown) => (calls.push(`start ${JSON.stringify(input)}`), view('starting')()),
    });
    act(() => {
      stream.emit({ type: 'state', seq: 0, state: 'running', detail: null });
      stream.emit(recordsEvent(1, 'member-0', 0, 0, 3));
    });
    frames.frame();
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('3 records');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    act(() => stream.emit({ type: 'state', seq: 2, state: 'stopped', detail: null }));
    frames.frame();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    frames.frame();
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('0 records');
    expect(calls).toEqual(['stop {"laneId":"lane-1"}', 'start {"laneId":"lane-1"}']);
  });

  it('offers Resume on a paused lane and Pause on a running one', async () => {
    const resumed: unknown[] = [];
    const { stream, frames } = renderLane({ 'lanes.resume': (input: unknown) => (resumed.push(input), { ...lane, state: 'running' }) });
    act(() => stream.emit({ type: 'state', seq: 0, state: 'paused', detail: null }));
    frames.frame();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Resume' }));
    expect(resumed).toEqual([{ laneId: 'lane-1' }]);
    act(() => stream.emit({ type: 'state', seq: 1, state: 'running', detail: null }));
    frames.frame();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    // Removing is offered only while another member stays.
    expect(screen.getByRole('button', { name: 'Remove member' })).toBeEnabled();
  });

  it('shows a lane error from its code as a sentence', () => {
    const { stream, frames } = renderLane();
    act(() => stream.emit({ type: 'error', seq: 0, code: 'BROKER_UNREACHABLE', message: 'member-0 lost 127.0.0.1:9092', retriable: true }));
    frames.frame();
    const notice = screen.getByTestId('error-notice');
    expect(notice).toHaveAttribute('data-error-code', 'BROKER_UNREACHABLE');
    expect(notice).toHaveTextContent('The cluster could not be reached.');
  });
});
