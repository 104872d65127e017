// Every advertised version of the classic group and committed-offset APIs on
// the wire, through the codec's request encoder and response decoder: a full
// join -> sync -> heartbeat -> commit -> fetch -> leave cycle per version
// family, static membership, OffsetFetch shapes, and the refusals that must
// leave committed offsets untouched. DescribeGroups / ListGroups /
// DeleteGroups / OffsetDelete are in group-admin-apis.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  GroupWire,
  MEMBER_ID_REQUIRED,
  OTHER_TOPIC,
  TOPIC,
  offsetsOf,
  range,
  stableMember,
  startGroupTestBroker,
  subscription,
  type GroupTestBroker,
} from './group-wire.js';

const NONE = 0;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const ILLEGAL_GENERATION = 22;
const INCONSISTENT_GROUP_PROTOCOL = 23;
const UNKNOWN_MEMBER_ID = 25;
const REBALANCE_IN_PROGRESS = 27;

let setup: GroupTestBroker;
let admin: GroupWire;
const connection = () => setup.connection();

beforeAll(async () => {
  setup = await startGroupTestBroker();
  admin = setup.admin;
});

afterAll(async () => {
  await setup?.stop();
});

const both = [{ name: TOPIC, partitionIndexes: [0, 1] }];

/** Heartbeats (another connection's join is in flight) until the member is told to rejoin. */
async function heartbeatUntilRebalance(wire: GroupWire, groupId: string, member: { generationId: number; memberId: string }): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { errorCode } = await wire.heartbeat(4, groupId, member.generationId, member.memberId);
    if (errorCode === REBALANCE_IN_PROGRESS) return;
    expect(errorCode).toBe(NONE);
    if (Date.now() > deadline) throw new Error('no rebalance started');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a member cycle at every version', () => {
  it.each(range(0, 9))('family %i: join, sync, heartbeat, commit, fetch, leave, then an admin commit', async (k) => {
    const versions = { join: k, sync: Math.min(k, 5), heartbeat: Math.min(k, 4), commit: k, fetch: Math.max(k, 1), leave: Math.min(k, 5) };
    const groupId = `cycle-${k}`;
    const wire = await connection();

    let joined = await wire.join(versions.join, { groupId });
    if (versions.join >= 4) {
      // KIP-394: a new member is told its id and must come back with it.
      expect(joined).toMatchObject({ errorCode: MEMBER_ID_REQUIRED, generationId: -1, members: [] });
      expect(joined.memberId).toMatch(new RegExp(`^${CLIENT_ID}-[0-9a-f]{8}-`));
      joined = await wire.join(versions.join, { groupId, memberId: joined.memberId });
    }
    const memberId: string = joined.memberId;
    expect(joined).toMatchObject({ errorCode: NONE, generationId: 1, leader: memberId, protocolName: 'range' });
    expect(joined.members).toHaveLength(1);
    expect(joined.members[0].memberId).toBe(memberId);
    expect(Buffer.from(joined.members[0].metadata).equals(subscription(TOPIC))).toBe(true);
    if (versions.join >= 7) expect(joined.protocolType).toBe('consumer');
    if (versions.join >= 9) expect(joined.skipAssignment).toBe(false);

    const synced = await wire.sync(versions.sync, groupId, 1, memberId, [{ memberId, assignment: Buffer.from('assigned') }]);
    expect(synced.errorCode).toBe(NONE);
    expect(Buffer.from(synced.assignment).toString()).toBe('assigned');
    if (versions.sync >= 5) expect(synced).toMatchObject({ protocolType: 'consumer', protocolName: 'range' });

    expect((await wire.heartbeat(versions.heartbeat, groupId, 1, memberId)).errorCode).toBe(NONE);
    expect((await wire.heartbeat(versions.heartbeat, groupId, 2, memberId)).errorCode).toBe(ILLEGAL_GENERATION);

    const commits = [
      { topic: TOPIC, partition: 0, offset: 5n, metadata: 'at-5', leaderEpoch: 0 },
      { topic: TOPIC, partition: 1, offset: -1n, metadata: null },
    ];
    const codes = await wire.commit(versions.commit, groupId, { generationId: 1, memberId }, commits);
    const fetched = await wire.fetchOffsets(versions.fetch, groupId, both);
    if (versions.fetch >= 2) expect(fetched.errorCode).toBe(NONE);
    if (versions.commit === 0) {
      // v0 cannot name a member, so it is an admin commit, refused while the group has members.
      expect(codes).toEqual({ [`${TOPIC}:0`]: UNKNOWN_MEMBER_ID, [`${TOPIC}:1`]: UNKNOWN_MEMBER_ID });
      expect(offsetsOf(fetched.offsets)).toEqual([
        [TOPIC, 0, -1n, ''],
        [TOPIC, 1, -1n, ''],
      ]);
    } else {
      expect(codes).toEqual({ [`${TOPIC}:0`]: NONE, [`${TOPIC}:1`]: NONE });
      // Stored literally: -1 is kept, a null metadata reads back as "".
      expect(offsetsOf(fetched.offsets)).toEqual([
        [TOPIC, 0, 5n, 'at-5'],
        [TOPIC, 1, -1n, ''],
      ]);
      if (versions.fetch >= 5) expect(fetched.offsets.map((o) => o.leaderEpoch)).toEqual([versions.commit >= 6 ? 0 : -1, -1]);
    }
    expect(fetched.offsets.every((o) => o.errorCode === NONE)).toBe(true);

    const left = await wire.leave(versions.leave, groupId, memberId);
    expect(left.errorCode).toBe(NONE);
    if (versions.leave >= 3) expect(left.members).toEqual([expect.objectContaining({ memberId, errorCode: NONE })]);
    expect((await wire.heartbeat(versions.heartbeat, groupId, 1, memberId)).errorCode).toBe(UNKNOWN_MEMBER_ID);

    // Empty now: an admin commit (generation -1, no member) is accepted at this version.
    const adminCodes = await wire.commit(versions.commit, groupId, { generationId: -1, memberId: '' }, [{ topic: TOPIC, partition: 0, offset: 9n }]);
    expect(adminCodes).toEqual({ [`${TOPIC}:0`]: NONE });
    const after = await wire.fetchOffsets(versions.fetch, groupId, [{ name: TOPIC, partitionIndexes: [0] }]);
    expect(offsetsOf(after.offsets)).toEqual([[TOPIC, 0, 9n, '']]);
  });
});

describe('SyncGroup checks', () => {
  it('checks member, then generation, then (v5) protocol type and name', async () => {
    const groupId = 'sync-checks';
    const wire = await connection();
    const joined = await wire.joinFully(9, { groupId });
    expect((await wire.sync(5, groupId, 1, 'stranger')).errorCode).toBe(UNKNOWN_MEMBER_ID);
    expect((await wire.sync(5, groupId, 2, joined.memberId)).errorCode).toBe(ILLEGAL_GENERATION);
    const wrongName = await wire.sync(5, groupId, 1, joined.memberId, [], { protocolType: 'consumer', protocolName: 'roundrobin' });
    expect(wrongName.errorCode).toBe(INCONSISTENT_GROUP_PROTOCOL);
    const wrongType = await wire.sync(5, groupId, 1, joined.memberId, [], { protocolType: 'connect', protocolName: 'range' });
    expect(wrongType.errorCode).toBe(INCONSISTENT_GROUP_PROTOCOL);
    // Null names skip the check, as Kafka does for clients that do not send them.
    const unnamed = await wire.sync(5, groupId, 1, joined.memberId, [{ memberId: joined.memberId, assignment: Buffer.from('x') }], { protocolType: null, protocolName: null });
    expect(unnamed).toMatchObject({ errorCode: NONE, protocolType: 'consumer', protocolName: 'range' });
    expect(Buffer.from(unnamed.assignment).toString()).toBe('x');
  });
});

describe('JoinGroup details', () => {
  it('admits a v0-v3 member without MEMBER_ID_REQUIRED, and gives followers no member list', async () => {
    const groupId = 'join-direct';
    const leader = await connection();
    const follower = await connection();
    const first = await leader.join(3, { groupId });
    expect(first).toMatchObject({ errorCode: NONE, generationId: 1 });
    // The follower's join rebalances; it completes when the leader rejoins.
    const followerJoin = follower.join(3, { groupId });
    await heartbeatUntilRebalance(leader, groupId, first);
    const [leaderAgain, followerJoined] = await Promise.all([leader.join(3, { groupId, memberId: first.memberId }), followerJoin]);
    expect(leaderAgain).toMatchObject({ errorCode: NONE, generationId: 2, leader: first.memberId });
    expect(leaderAgain.members).toHaveLength(2);
    expect(followerJoined).toMatchObject({ errorCode: NONE, generationId: 2, leader: first.memberId, members: [] });
  });

  it('answers an unknown member id with UNKNOWN_MEMBER_ID', async () => {
    const wire = await connection();
    expect((await wire.join(5, { groupId: 'join-unknown', memberId: 'nobody' })).errorCode).toBe(UNKNOWN_MEMBER_ID);
  });
});

describe('static membership on the wire', () => {
  it('rejoins a static member without a rebalance, fences its old id, and lets it leave by instance id', async () => {
    const groupId = 'static-group';
    const wire = await connection();
    const first = await wire.join(5, { groupId, groupInstanceId: 'instance-1' });
    // Static members skip the MEMBER_ID_REQUIRED round trip.
    expect(first).toMatchObject({ errorCode: NONE, generationId: 1 });
    expect(first.members[0].groupInstanceId).toBe('instance-1');
    expect((await wire.sync(5, groupId, 1, first.memberId, [{ memberId: first.memberId, assignment: Buffer.from('mine') }])).errorCode).toBe(NONE);

    // A restart: same instance id, no member id. Stable with unchanged protocols, so no new generation.
    const again = await wire.join(9, { groupId, groupInstanceId: 'instance-1' });
    expect(again).toMatchObject({ errorCode: NONE, generationId: 1, skipAssignment: true });
    expect(again.memberId).not.toBe(first.memberId);
    expect((await wire.heartbeat(4, groupId, 1, first.memberId, 'instance-1')).errorCode).toBe(82);
    expect((await wire.heartbeat(4, groupId, 1, again.memberId, 'instance-1')).errorCode).toBe(NONE);

    const left = await wire.call(13, 4, { groupId, members: [{ memberId: '', groupInstanceId: 'instance-1' }, { memberId: 'ghost', groupInstanceId: null }] });
    expect(left.errorCode).toBe(NONE);
    expect(left.members.map((m: any) => [m.memberId, m.groupInstanceId, m.errorCode])).toEqual([
      ['', 'instance-1', NONE],
      ['ghost', null, UNKNOWN_MEMBER_ID],
    ]);
    const described = await admin.call(15, 5, { groups: [groupId], includeAuthorizedOperations: false });
    expect(described.groups[0]).toMatchObject({ groupState: 'Empty', members: [] });
  });
});

describe('refused requests leave committed offsets unchanged', () => {
  it('a member with another protocol type or no common protocol gets INCONSISTENT_GROUP_PROTOCOL', async () => {
    const groupId = 'bad-protocol';
    const first = await connection();
    const member = await stableMember(first, groupId);
    expect(await first.commit(8, groupId, member, [{ topic: TOPIC, partition: 0, offset: 3n, metadata: 'three' }])).toEqual({ [`${TOPIC}:0`]: NONE });

    const intruder = await connection();
    for (const version of [3, 9]) {
      const otherType = await intruder.joinFully(version, { groupId, protocolType: 'connect' });
      expect(otherType.errorCode).toBe(INCONSISTENT_GROUP_PROTOCOL);
      const noCommonName = await intruder.joinFully(version, { groupId, protocols: [{ name: 'roundrobin', metadata: subscription(TOPIC) }] });
      expect(noCommonName.errorCode).toBe(INCONSISTENT_GROUP_PROTOCOL);
    }
    // The group carried on undisturbed.
    expect((await first.heartbeat(4, groupId, member.generationId, member.memberId)).errorCode).toBe(NONE);
    const fetched = await admin.fetchOffsets(8, groupId, null);
    expect(offsetsOf(fetched.offsets)).toEqual([[TOPIC, 0, 3n, 'three']]);
  });

  it('a commit from a generation before a rebalance gets ILLEGAL_GENERATION', async () => {
    const groupId = 'stale-generation';
    const a = await connection();
    const b = await connection();
    const first = await stableMember(a, groupId);
    expect(await a.commit(8, groupId, first, [{ topic: TOPIC, partition: 0, offset: 3n }])).toEqual({ [`${TOPIC}:0`]: NONE });

    // B joins: a rebalance to generation 2 that A learns about from its heartbeat.
    const bJoin = b.joinFully(9, { groupId });
    await heartbeatUntilRebalance(a, groupId, first);
    const [aJoined, bJoined] = await Promise.all([a.join(9, { groupId, memberId: first.memberId }), bJoin]);
    expect([aJoined.generationId, bJoined.generationId]).toEqual([2, 2]);

    for (const version of [2, 5, 9]) {
      const stale = await a.commit(version, groupId, first, [{ topic: TOPIC, partition: 0, offset: 99n }]);
      expect(stale).toEqual({ [`${TOPIC}:0`]: ILLEGAL_GENERATION });
    }
    // Generation 2 is current but not yet synced: Kafka refuses commits in CompletingRebalance.
    expect(await b.commit(9, groupId, { generationId: 2, memberId: bJoined.memberId }, [{ topic: TOPIC, partition: 0, offset: 98n }])).toEqual({
      [`${TOPIC}:0`]: REBALANCE_IN_PROGRESS,
    });
    const fetched = await admin.fetchOffsets(7, groupId, both);
    expect(offsetsOf(fetched.offsets)).toEqual([
      [TOPIC, 0, 3n, ''],
      [TOPIC, 1, -1n, ''],
    ]);
  });

  it('answers unknown topics and partitions per partition and still stores the rest', async () => {
    const groupId = 'unknown-partitions';
    const codes = await admin.commit(9, groupId, { generationId: -1, memberId: '' }, [
      { topic: TOPIC, partition: 1, offset: 4n },
      { topic: TOPIC, partition: 7, offset: 4n },
      { topic: 'ga-missing', partition: 0, offset: 4n },
    ]);
    expect(codes).toEqual({ [`${TOPIC}:1`]: NONE, [`${TOPIC}:7`]: UNKNOWN_TOPIC_OR_PARTITION, 'ga-missing:0': UNKNOWN_TOPIC_OR_PARTITION });
    expect(offsetsOf((await admin.fetchOffsets(9, groupId, null)).offsets)).toEqual([[TOPIC, 1, 4n, '']]);
  });

  it('refuses metadata over 4096 bytes with OFFSET_METADATA_TOO_LARGE', async () => {
    const groupId = 'big-metadata';
    const codes = await admin.commit(8, groupId, { generationId: -1, memberId: '' }, [
      { topic: TOPIC, partition: 0, offset: 1n, metadata: 'x'.repeat(4097) },
      { topic: TOPIC, partition: 1, offset: 2n, metadata: 'ok' },
    ]);
    expect(codes).toEqual({ [`${TOPIC}:0`]: 12, [`${TOPIC}:1`]: NONE });
    expect(offsetsOf((await admin.fetchOffsets(8, groupId, null)).offsets)).toEqual([[TOPIC, 1, 2n, 'ok']]);
  });

  it('refuses a member commit to a group that does not exist with ILLEGAL_GENERATION', async () => {
    expect(await admin.commit(9, 'never-joined', { generationId: 4, memberId: 'm' }, [{ topic: TOPIC, partition: 0, offset: 1n }])).toEqual({
      [`${TOPIC}:0`]: ILLEGAL_GENERATION,
    });
  });
});

describe('OffsetFetch shapes', () => {
  it.each(range(1, 9))('v%i answers -1 / "" for a group with nothing committed', async (version) => {
    const fetched = await admin.fetchOffsets(version, `nothing-${version}`, both);
    expect(fetched.offsets).toEqual([
      // Below v5 the field is absent and the decoder fills in its default, also -1.
      { topic: TOPIC, partition: 0, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: NONE },
      { topic: TOPIC, partition: 1, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: NONE },
    ]);
    if (version >= 2) expect(fetched.errorCode).toBe(NONE);
  });

  it.each(range(2, 9))('v%i answers every committed partition for null topics, and nothing for an empty list', async (version) => {
    const groupId = `all-${version}`;
    await admin.commit(9, groupId, { generationId: -1, memberId: '' }, [
      { topic: TOPIC, partition: 1, offset: 11n },
      { topic: OTHER_TOPIC, partition: 0, offset: 12n },
    ]);
    const all = await admin.fetchOffsets(version, groupId, null);
    expect(offsetsOf(all.offsets)).toEqual([
      [TOPIC, 1, 11n, ''],
      [OTHER_TOPIC, 0, 12n, ''],
    ]);
    expect((await admin.fetchOffsets(version, groupId, [])).offsets).toEqual([]);
  });

  it('v8 answers several groups in one request', async () => {
    await admin.commit(9, 'multi-a', { generationId: -1, memberId: '' }, [{ topic: TOPIC, partition: 0, offset: 1n }]);
    const answer = await admin.call(9, 8, {
      groups: [
        { groupId: 'multi-a', topics: null },
        { groupId: 'multi-b', topics: [{ name: TOPIC, partitionIndexes: [0] }] },
      ],
      requireStable: true,
    });
    expect(answer.groups.map((g: any) => [g.groupId, g.errorCode, g.topics[0].partitions[0].committedOffset])).toEqual([
      ['multi-a', NONE, 1n],
      ['multi-b', NONE, -1n],
    ]);
  });
});
