// OffsetDelete's view of a group: the topics its members subscribe to, read
// from their consumer-protocol metadata.
import { describe, expect, it } from 'vitest';
import { subscribedTopicsOf } from '../../../../src/broker/coordinator/consumer-protocol.js';
import { GROUP, flush, harness, joinInput } from './group-fixtures.js';

function subscription(version: number, topics: string[], trailer: Buffer = Buffer.from([0xff, 0xff, 0xff, 0xff])): Buffer {
  const head = Buffer.alloc(6);
  head.writeInt16BE(version, 0);
  head.writeInt32BE(topics.length, 2);
  const names = topics.map((topic) => {
    const length = Buffer.alloc(2);
    length.writeInt16BE(Buffer.byteLength(topic));
    return Buffer.concat([length, Buffer.from(topic)]);
  });
  return Buffer.concat([head, ...names, trailer]);
}

describe('subscribedTopicsOf', () => {
  it('reads the topic list of any subscription version and ignores what follows', () => {
    expect(subscribedTopicsOf(subscription(0, ['a', 'ünï']))).toEqual(['a', 'ünï']);
    expect(subscribedTopicsOf(subscription(3, ['orders'], Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])))).toEqual(['orders']);
    expect(subscribedTopicsOf(subscription(1, []))).toEqual([]);
  });

  it('answers null for bytes that are not a subscription', () => {
    expect(subscribedTopicsOf(Buffer.from('meta:range'))).toBeNull();
    expect(subscribedTopicsOf(Buffer.alloc(3))).toBeNull();
    const truncated = subscription(0, ['orders']).subarray(0, 9);
    expect(subscribedTopicsOf(truncated)).toBeNull();
  });
});

describe('GroupCoordinator.subscribedTopics', () => {
  it('is empty for an unknown group and for a group whose members all left', async () => {
    const { coordinator } = harness();
    expect([...coordinator.subscribedTopics('nobody')!]).toEqual([]);
    const joined = await coordinator.join(joinInput({ protocols: [{ name: 'range', metadata: subscription(0, ['orders']) }] }));
    await coordinator.leave({ groupId: GROUP, members: [{ memberId: joined.memberId, groupInstanceId: null }] });
    expect(coordinator.stateOf(GROUP)).toBe('Empty');
    expect([...coordinator.subscribedTopics(GROUP)!]).toEqual([]);
  });

  it("unions the members' topics of the selected protocol", async () => {
    const { coordinator, clock } = harness({ initialRebalanceDelayMs: 1_000 });
    const first = coordinator.join(
      joinInput({
        clientId: 'one',
        protocols: [
          { name: 'range', metadata: subscription(0, ['orders']) },
          { name: 'roundrobin', metadata: subscription(0, ['not-chosen']) },
        ],
      }),
    );
    const second = coordinator.join(joinInput({ clientId: 'two', protocols: [{ name: 'range', metadata: subscription(0, ['orders', 'payments']) }] }));
    // Before the vote every offered protocol counts, so 'not-chosen' shows up.
    expect([...coordinator.subscribedTopics(GROUP)!].sort()).toEqual(['not-chosen', 'orders', 'payments']);
    clock.advance(1_000);
    await flush();
    expect((await Promise.all([first, second])).map((joined) => joined.protocolName)).toEqual(['range', 'range']);
    expect([...coordinator.subscribedTopics(GROUP)!].sort()).toEqual(['orders', 'payments']);
  });

  it('is null for an active group that is not a consumer group, or whose metadata cannot be read', async () => {
    const { coordinator } = harness();
    await coordinator.join(joinInput({ groupId: 'connect', protocolType: 'connect', protocols: [{ name: 'range', metadata: subscription(0, ['orders']) }] }));
    expect(coordinator.subscribedTopics('connect')).toBeNull();
    await coordinator.join(joinInput({ groupId: 'opaque', protocols: [{ name: 'range', metadata: Buffer.from('x') }] }));
    expect(coordinator.subscribedTopics('opaque')).toBeNull();
  });
});
