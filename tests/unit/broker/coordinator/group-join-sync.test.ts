import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js';
import { flush, GROUP, harness, heartbeat, joinInput, protocols, sync, track } from './group-fixtures.js';

describe('group coordinator: join and sync', () => {
  it('takes a single member from join through sync to Stable', async () => {
    const { coordinator } = harness();
    const joined = await coordinator.join(joinInput());
    expect(joined).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, protocolType: 'consumer', protocolName: 'range', skipAssignment: false });
    expect(joined.leader).toBe(joined.memberId);
    expect(joined.memberId).toMatch(/^client-[0-9a-f]{8}-/);
    expect(joined.members).toEqual([{ memberId: joined.memberId, groupInstanceId: null, metadata: Buffer.from('meta:range') }]);
    expect((await coordinator.describe(GROUP)).state).toBe('CompletingRebalance');

    const synced = await sync(coordinator, joined, [{ memberId: joined.memberId, assignment: Buffer.from('all') }]);
    expect(synced).toEqual({ errorCode: ErrorCode.NONE, assignment: Buffer.from('all'), protocolType: 'consumer', protocolName: 'range' });
    const described = await coordinator.describe(GROUP);
    expect(described).toMatchObject({ state: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(described.members[0]).toMatchObject({ memberId: joined.memberId, metadata: Buffer.from('meta:range'), assignment: Buffer.from('all') });
    expect(await heartbeat(coordinator, joined.memberId, 1)).toBe(ErrorCode.NONE);
    expect(await coordinator.list()).toEqual([{ groupId: GROUP, protocolType: 'consumer', state: 'Stable' }]);
    expect(await coordinator.list(['stable'])).toHaveLength(1);
    expect(await coordinator.list(['Empty'])).toHaveLength(0);
  });

  it('answers MEMBER_ID_REQUIRED with a member id the client then joins with', async () => {
    const { clock, coordinator } = harness();
    const first = await coordinator.join(joinInput({ requireKnownMemberId: true }));
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.memberId).toMatch(/^client-/);
    expect(first.generationId).toBe(-1);
    const second = await coordinator.join(joinInput({ requireKnownMemberId: true, memberId: first.memberId }));
    expect(second).toMatchObject({ errorCode: ErrorCode.NONE, memberId: first.memberId, leader: first.memberId, generationId: 1 });

    // A pending id that is never used expires after the session timeout.
    const stale = await coordinator.join(joinInput({ requireKnownMemberId: true, groupId: 'other' }));
    clock.advance(10_001);
    const late = await coordinator.join(joinInput({ requireKnownMemberId: true, groupId: 'other', memberId: stale.memberId }));
    expect(late.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('gives the leader the members, and both members their assignments', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 3_000 });
    const a = track(coordinator.join(joinInput({ clientId: 'a' })));
    const b = track(coordinator.join(joinInput({ clientId: 'b' })));
    await flush();
    expect(a.done()).toBe(false); // the initial delay holds the first generation open
    clock.advance(3_000);
    await flush();
    const [ja, jb] = [a.value(), b.value()];
    expect(ja.generationId).toBe(1);
    expect(jb.generationId).toBe(1);
    expect(ja.leader).toBe(ja.memberId);
    expect(jb.leader).toBe(ja.memberId);
    expect(ja.members.map((m) => m.memberId)).toEqual([ja.memberId, jb.memberId]);
    expect(jb.members).toEqual([]);

    const follower = track(sync(coordinator, jb));
    await flush();
    expect(follower.done()).toBe(false); // parked until the leader's assignment arrives
    const leader = await sync(coordinator, ja, [
      { memberId: ja.memberId, assignment: Buffer.from('p0') },
      { memberId: jb.memberId, assignment: Buffer.from('p1') },
    ]);
    await flush();
    expect(leader.assignment).toEqual(Buffer.from('p0'));
    expect(follower.value()).toMatchObject({ errorCode: ErrorCode.NONE, assignment: Buffer.from('p1') });
    expect((await coordinator.describe(GROUP)).state).toBe('Stable');
  });

  it('rebalances when a third member joins: heartbeats say REBALANCE_IN_PROGRESS, rejoins bump the generation', async () => {
    const { coordinator } = harness();
    const a = track(coordinator.join(joinInput({ clientId: 'a' })));
    await flush();
    const ja = a.value();
    await sync(coordinator, ja);
    const b = track(coordinator.join(joinInput({ clientId: 'b' })));
    expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const ra = track(coordinator.join(joinInput({ clientId: 'a', memberId: ja.memberId })));
    await flush();
    const [ja2, jb] = [ra.value(), b.value()];
    expect(ja2.generationId).toBe(2);
    await sync(coordinator, ja2, [{ memberId: jb.memberId, assignment: Buffer.from('x') }]);
    expect((await sync(coordinator, jb)).assignment).toEqual(Buffer.from('x'));

    const c = track(coordinator.join(joinInput({ clientId: 'c' })));
    expect(await heartbeat(coordinator, ja.memberId, 2)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(await heartbeat(coordinator, jb.memberId, 2)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect((await sync(coordinator, jb)).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rb = track(coordinator.join(joinInput({ clientId: 'b', memberId: jb.memberId })));
    await flush();
    expect(c.done()).toBe(false); // a has not rejoined yet
    const ra3 = track(coordinator.join(joinInput({ clientId: 'a', memberId: ja.memberId })));
    await flush();
    for (const result of [c.value(), rb.value(), ra3.value()]) expect(result).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 3 });
    expect(ra3.value().members).toHaveLength(3);
    expect(await heartbeat(coordinator, jb.memberId, 2)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await heartbeat(coordinator, jb.memberId, 3)).toBe(ErrorCode.NONE);
  });

  it('removes members that do not rejoin within the rebalance timeout', async () => {
    const { clock, coordinator } = harness();
    const ja = await coordinator.join(joinInput({ clientId: 'a', rebalanceTimeoutMs: 20_000 }));
    const jb = track(coordinator.join(joinInput({ clientId: 'b', rebalanceTimeoutMs: 20_000 })));
    await flush();
    expect(jb.done()).toBe(false);
    clock.advance(5_000);
    expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    clock.advance(15_000);
    await flush();
    expect(jb.value()).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2 });
    expect(jb.value().leader).toBe(jb.value().memberId);
    expect(await heartbeat(coordinator, ja.memberId, 2)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('rejects a protocol the group does not share, bad session timeouts and a full group', async () => {
    const { coordinator } = harness({ maxSize: 2 });
    await coordinator.join(joinInput({ protocols: protocols('range', 'roundrobin') }));
    const mismatch = await coordinator.join(joinInput({ protocols: protocols('RoundRobinAssigner') }));
    expect(mismatch.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const otherType = await coordinator.join(joinInput({ protocolType: 'connect' }));
    expect(otherType.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await coordinator.join(joinInput({ sessionTimeoutMs: 1_000 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await coordinator.join(joinInput({ sessionTimeoutMs: 400_000 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await coordinator.join(joinInput({ protocols: [], groupId: 'fresh' }))).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    void coordinator.join(joinInput({ protocols: protocols('roundrobin') }));
    expect((await coordinator.join(joinInput({ protocols: protocols('range', 'roundrobin') }))).errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
    expect((await coordinator.join(joinInput({ groupId: '' }))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
  });

  it('selects the protocol most members prefer among those all support', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 1_000 });
    const a = track(coordinator.join(joinInput({ clientId: 'a', protocols: protocols('roundrobin', 'range') })));
    const b = track(coordinator.join(joinInput({ clientId: 'b', protocols: protocols('range', 'roundrobin', 'sticky') })));
    const c = track(coordinator.join(joinInput({ clientId: 'c', protocols: protocols('sticky', 'range', 'roundrobin') })));
    clock.advance(1_000);
    await flush();
    // sticky is not shared by a; of the candidates, b and c both vote range.
    expect(c.value().protocolName).toBe('range');
    expect(b.value().protocolName).toBe('range');
    expect(a.value().members.map((m) => m.metadata.toString())).toEqual(['meta:range', 'meta:range', 'meta:range']);
  });
});
