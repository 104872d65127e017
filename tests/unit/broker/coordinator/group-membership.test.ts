import { describe, expect, it } from 'vitest';
import type { GroupCoordinator } from '../../../../src/broker/coordinator/group-coordinator.js';
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js';
import { flush, GROUP, harness, heartbeat, joinInput, sync, track } from './group-fixtures.js';

/** Two members a (leader) and b, Stable at generation 1. */
async function stablePair(coordinator: GroupCoordinator, clock: { advance(ms: number): void }) {
  const a = track(coordinator.join(joinInput({ clientId: 'a' })));
  const b = track(coordinator.join(joinInput({ clientId: 'b' })));
  clock.advance(100);
  await flush();
  const [ja, jb] = [a.value(), b.value()];
  await sync(coordinator, ja, [
    { memberId: ja.memberId, assignment: Buffer.from('p0') },
    { memberId: jb.memberId, assignment: Buffer.from('p1') },
  ]);
  await sync(coordinator, jb);
  return { ja, jb };
}

describe('group coordinator: membership', () => {
  it('lets a member leave cleanly, and empties the group when the last one goes', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const { ja, jb } = await stablePair(coordinator, clock);
    const left = await coordinator.leave({ groupId: GROUP, members: [{ memberId: jb.memberId, groupInstanceId: null }, { memberId: 'nobody', groupInstanceId: null }] });
    expect(left.errorCode).toBe(ErrorCode.NONE);
    expect(left.members.map((m) => m.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoined = await coordinator.join(joinInput({ clientId: 'a', memberId: ja.memberId }));
    expect(rejoined).toMatchObject({ generationId: 2, leader: ja.memberId });
    expect(rejoined.members).toHaveLength(1);

    await coordinator.leave({ groupId: GROUP, members: [{ memberId: ja.memberId, groupInstanceId: null }] });
    expect(await coordinator.describe(GROUP)).toMatchObject({ state: 'Empty', members: [] });
    expect(await coordinator.heartbeat({ groupId: GROUP, generationId: 2, memberId: ja.memberId, groupInstanceId: null })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('evicts a member whose session times out and reassigns to the survivor', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const { ja, jb } = await stablePair(coordinator, clock);
    for (let i = 0; i < 3; i++) {
      clock.advance(3_000);
      expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.NONE);
    }
    clock.advance(2_000);
    // b never heartbeated after its SyncGroup: 11 s > its 10 s session.
    expect(await heartbeat(coordinator, jb.memberId, 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoined = await coordinator.join(joinInput({ clientId: 'a', memberId: ja.memberId }));
    expect(rejoined.generationId).toBe(2);
    expect(rejoined.members.map((m) => m.memberId)).toEqual([ja.memberId]);
    const synced = await sync(coordinator, rejoined, [{ memberId: ja.memberId, assignment: Buffer.from('p0,p1') }]);
    expect(synced.assignment).toEqual(Buffer.from('p0,p1'));
  });

  it('drops members that never send SyncGroup within the rebalance timeout', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const a = track(coordinator.join(joinInput({ clientId: 'a' })));
    const b = track(coordinator.join(joinInput({ clientId: 'b' })));
    clock.advance(100);
    await flush();
    const leader = await sync(coordinator, a.value(), []);
    expect(leader.errorCode).toBe(ErrorCode.NONE);
    for (let i = 0; i < 6; i++) {
      clock.advance(5_000);
      await heartbeat(coordinator, a.value().memberId, 1);
      await heartbeat(coordinator, b.value().memberId, 1);
    }
    // b heartbeats but never synced: after 30 s it is removed and a must rejoin.
    expect(await heartbeat(coordinator, b.value().memberId, 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(coordinator, a.value().memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('answers stale generations with ILLEGAL_GENERATION and checks commits as §4.5 says', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const check = (generationId: number, memberId = '') => coordinator.validateCommit({ groupId: GROUP, generationId, memberId, groupInstanceId: null });
    expect(await check(0)).toBe(ErrorCode.ILLEGAL_GENERATION); // unknown group
    expect(await check(-1)).toBe(ErrorCode.NONE); // creates it Empty
    expect((await coordinator.describe(GROUP)).state).toBe('Empty');

    const first = track(coordinator.join(joinInput({ clientId: 'a' })));
    clock.advance(100);
    await flush();
    const ja = first.value();
    expect(await check(1, ja.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS); // CompletingRebalance
    await sync(coordinator, ja);
    expect(await check(1, ja.memberId)).toBe(ErrorCode.NONE);
    const joiner = track(coordinator.join(joinInput({ clientId: 'b' })));
    expect(await check(1, ja.memberId)).toBe(ErrorCode.NONE); // PreparingRebalance: the old generation may still commit
    const ja2 = await coordinator.join(joinInput({ clientId: 'a', memberId: ja.memberId }));
    await flush();
    expect(joiner.done()).toBe(true);
    expect(await check(2, ja.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS); // CompletingRebalance
    expect(await check(1, ja.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await check(-1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await check(2, 'stranger')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(coordinator, ja.memberId, 1)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await sync(coordinator, { ...ja2, generationId: 1 })).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    await sync(coordinator, ja2);
    expect(await check(2, ja.memberId)).toBe(ErrorCode.NONE);
  });

  it('lets a static member rejoin with a new id without a rebalance, fencing the old id', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const a = track(coordinator.join(joinInput({ clientId: 'a', groupInstanceId: 'a-1', requireKnownMemberId: true })));
    const b = track(coordinator.join(joinInput({ clientId: 'b', groupInstanceId: 'b-1', requireKnownMemberId: true })));
    clock.advance(100);
    await flush();
    const [ja, jb] = [a.value(), b.value()];
    expect(ja.errorCode).toBe(ErrorCode.NONE); // static members skip MEMBER_ID_REQUIRED
    await sync(coordinator, ja, [{ memberId: jb.memberId, assignment: Buffer.from('p1') }]);
    await sync(coordinator, jb);

    const again = await coordinator.join(joinInput({ clientId: 'b', groupInstanceId: 'b-1' }));
    expect(again).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: ja.memberId, members: [], skipAssignment: false });
    expect(again.memberId).not.toBe(jb.memberId);
    expect((await coordinator.describe(GROUP)).state).toBe('Stable');
    expect(await heartbeat(coordinator, jb.memberId, 1, 'b-1')).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(await coordinator.validateCommit({ groupId: GROUP, generationId: 1, memberId: jb.memberId, groupInstanceId: 'b-1' })).toBe(ErrorCode.FENCED_INSTANCE_ID);
    const leave = await coordinator.leave({ groupId: GROUP, members: [{ memberId: jb.memberId, groupInstanceId: 'b-1' }] });
    expect(leave.members[0]!.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect(await heartbeat(coordinator, again.memberId, 1, 'b-1')).toBe(ErrorCode.NONE);
    const synced = await coordinator.sync({ groupId: GROUP, generationId: 1, memberId: again.memberId, groupInstanceId: 'b-1', assignments: [] });
    expect(synced.assignment).toEqual(Buffer.from('p1'));

    // The static leader rejoining learns the members but must not reassign (KIP-814).
    const leader = await coordinator.join(joinInput({ clientId: 'a', groupInstanceId: 'a-1' }));
    expect(leader).toMatchObject({ generationId: 1, skipAssignment: true });
    expect(leader.leader).toBe(leader.memberId);
    expect(leader.members).toHaveLength(2);

    // Leaving by instance id alone removes it.
    const byInstance = await coordinator.leave({ groupId: GROUP, members: [{ memberId: '', groupInstanceId: 'b-1' }] });
    expect(byInstance.members[0]!.errorCode).toBe(ErrorCode.NONE);
    expect((await coordinator.describe(GROUP)).state).toBe('PreparingRebalance');
  });

  it('answers parked SyncGroups with REBALANCE_IN_PROGRESS when a new member arrives before the leader syncs', async () => {
    const { clock, coordinator } = harness({ initialRebalanceDelayMs: 100 });
    const a = track(coordinator.join(joinInput({ clientId: 'a' })));
    const b = track(coordinator.join(joinInput({ clientId: 'b' })));
    clock.advance(100);
    await flush();
    const follower = track(sync(coordinator, b.value()));
    const c = track(coordinator.join(joinInput({ clientId: 'c' })));
    await flush();
    expect(follower.value().errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(c.done()).toBe(false);
    expect((await coordinator.describe(GROUP)).state).toBe('PreparingRebalance');
    expect(await heartbeat(coordinator, a.value().memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('refuses to delete a group with members, deletes an empty one, and describes unknown groups as Dead', async () => {
    const { coordinator } = harness();
    expect(await coordinator.describe('ghost')).toEqual({ errorCode: ErrorCode.NONE, groupId: 'ghost', state: 'Dead', protocolType: '', protocolData: '', members: [] });
    expect(await coordinator.delete('ghost')).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    const joined = await coordinator.join(joinInput());
    expect(await coordinator.delete(GROUP)).toBe(ErrorCode.NON_EMPTY_GROUP);
    await coordinator.leave({ groupId: GROUP, members: [{ memberId: joined.memberId, groupInstanceId: null }] });
    expect(await coordinator.delete(GROUP)).toBe(ErrorCode.NONE);
    expect((await coordinator.describe(GROUP)).state).toBe('Dead');
    expect(await coordinator.list()).toEqual([]);
    expect(await heartbeat(coordinator, joined.memberId, 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });
});
