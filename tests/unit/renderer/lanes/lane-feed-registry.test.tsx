import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LaneColumn } from '../../../../src/renderer/src/features/lanes/lane-column';
import { EAGER_FLUSH_EVENTS } from '../../../../src/renderer/src/features/lanes/lane-feed';
import { laneFeedRegistry, LaneFeedRegistry } from '../../../../src/renderer/src/features/lanes/lane-feed-registry';
import type { LaneEvent, LaneView } from '../../../../src/shared/contract/lanes';
import { fakeClient, renderWithProviders } from '../test-providers';
import { manualFrames, fakeElementSize } from '../frames-and-layout';

// jsdom has no layout; lists read their viewport from these.
fakeElementSize({ clientHeight: 520, clientWidth: 340 });

const records = (seq: number, from: number, count: number): LaneEvent => ({
  type: 'records',
  seq,
  records: Array.from({ length: count }, (_, i) => ({ member: 'member-1', partition: 0, offset: String(from + i), timestamp: '0', key: null, value: null, headers: [] })),
});

const lane: LaneView = { laneId: 'lane-7', connectionId: 'local', topic: 't', groupId: 'g', autoOffsetReset: 'earliest', members: 1, autoCommit: true, state: 'running', memberIds: ['member-1'] };

describe('LaneFeedRegistry', () => {
  it('keeps reading while the lane is off screen: coming back shows what was there and what came meanwhile', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    laneFeedRegistry(client, frames.scheduler);
    const first = renderWithProviders(<LaneColumn lane={lane} scheduler={frames.scheduler} />, client);
    act(() => streams[0]!.emit(records(0, 0, 3)));
    frames.frame();
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('3 records');
    first.unmount();

    expect(streams[0]!.cancelled).toBe(false);
    act(() => streams[0]!.emit(records(1, 3, 4)));
    frames.frame();
    renderWithProviders(<LaneColumn lane={lane} scheduler={frames.scheduler} />, client);
    expect(streams).toHaveLength(1);
    expect(screen.getByTestId('lane-record-count')).toHaveTextContent('7 records');
  });

  it('cancels the stream of a lane that is no longer open', () => {
    const { client, streams } = fakeClient();
    const registry = new LaneFeedRegistry(client, manualFrames().scheduler);
    registry.feed('a');
    registry.feed('b');
    registry.retainOnly(new Set(['b']));
    expect(streams.map((s) => [s.params, s.cancelled])).toEqual([
      [{ laneId: 'a' }, true],
      [{ laneId: 'b' }, false],
    ]);
    expect(registry.size).toBe(1);
  });

  it('folds events into the bounded buffer without frames (a hidden tab gets none), notifying once a frame comes', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const registry = new LaneFeedRegistry(client, frames.scheduler, { capacity: 1_000, slack: 100 });
    const feed = registry.feed('a');
    const seen: number[] = [];
    registry.watch('a', (view) => seen.push(view.snapshot.records.received));
    for (let i = 0; i < EAGER_FLUSH_EVENTS * 4; i++) streams[0]!.emit(records(i, i * 10, 10));
    expect(feed.pending).toBeLessThan(EAGER_FLUSH_EVENTS);
    expect(feed.buffer.length).toBeLessThanOrEqual(1_000);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(seen).toEqual([EAGER_FLUSH_EVENTS * 40]);
  });
});
