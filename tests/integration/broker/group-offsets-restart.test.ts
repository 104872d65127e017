// Committed offsets are durable; group membership is not. After a restart on
// the same data directory a group that committed offsets behaves like Kafka's
// reloaded Empty group: its offsets read back, ListGroups lists it Empty,
// DescribeGroups describes it Empty, a member can join it, and DeleteGroups
// removes it with its offsets.
import { afterAll, describe, expect, it } from 'vitest';
import { GroupWire, offsetsOf, subscription } from './group-wire.js';
import { makeTempDir, startTestBroker, type TestBroker } from './helpers.js';

const dataDir = makeTempDir('kafka-lanes-group-restart-');
const config = { 'num.partitions': '2', 'group.initial.rebalance.delay.ms': '0' };
const opened: GroupWire[] = [];
let running: TestBroker | undefined;

afterAll(async () => {
  for (const wire of opened) wire.close();
  await running?.close();
  dataDir.remove();
});

async function wireTo(broker: TestBroker): Promise<GroupWire> {
  const wire = await GroupWire.open(broker.port);
  opened.push(wire);
  return wire;
}

describe('committed offsets across a restart', () => {
  it('keeps the offsets and the group, which lists, describes, joins and deletes as an Empty group', async () => {
    const groupId = 'survivor';
    const kept = 'kept-for-join';
    running = await startTestBroker({ dataDir: dataDir.path, config });
    let wire = await wireTo(running);
    expect((await wire.call(19, 5, { topics: [{ name: 'durable-topic', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false })).topics[0].errorCode).toBe(0);
    const joined = await wire.joinFully(9, { groupId, protocols: [{ name: 'range', metadata: subscription('durable-topic') }] });
    expect(joined.errorCode).toBe(0);
    expect((await wire.sync(5, groupId, joined.generationId, joined.memberId, [])).errorCode).toBe(0);
    const member = { generationId: joined.generationId, memberId: joined.memberId };
    const codes = await wire.commit(9, groupId, member, [
      { topic: 'durable-topic', partition: 0, offset: 42n, metadata: 'meta', leaderEpoch: 0 },
      { topic: 'durable-topic', partition: 1, offset: 7n },
    ]);
    expect(codes).toEqual({ 'durable-topic:0': 0, 'durable-topic:1': 0 });
    await wire.commit(9, kept, { generationId: -1, memberId: '' }, [{ topic: 'durable-topic', partition: 0, offset: 1n }]);
    await running.close();
    running = undefined;

    running = await startTestBroker({ dataDir: dataDir.path, config });
    wire = await wireTo(running);
    const all = await wire.fetchOffsets(9, groupId, null);
    expect(offsetsOf(all.offsets)).toEqual([
      ['durable-topic', 0, 42n, 'meta'],
      ['durable-topic', 1, 7n, ''],
    ]);
    expect(offsetsOf((await wire.fetchOffsets(1, groupId, [{ name: 'durable-topic', partitionIndexes: [0] }])).offsets)).toEqual([['durable-topic', 0, 42n, 'meta']]);

    const listed = await wire.call(16, 4, { statesFilter: ['empty'] });
    expect(listed.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ groupId, protocolType: 'consumer', groupState: 'Empty' }),
        expect.objectContaining({ groupId: kept, protocolType: 'consumer', groupState: 'Empty' }),
      ]),
    );
    const described = await wire.call(15, 5, { groups: [groupId], includeAuthorizedOperations: false });
    expect(described.groups[0]).toMatchObject({ errorCode: 0, groupId, groupState: 'Empty', protocolType: 'consumer', members: [] });

    // A member can join the reloaded group; its offsets are still there for it.
    const rejoined = await wire.joinFully(9, { groupId: kept });
    expect(rejoined).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(offsetsOf((await wire.fetchOffsets(9, kept, null)).offsets)).toEqual([['durable-topic', 0, 1n, '']]);

    const deleted = await wire.call(42, 2, { groupsNames: [groupId] });
    expect(deleted.results).toEqual([expect.objectContaining({ groupId, errorCode: 0 })]);
    expect(offsetsOf((await wire.fetchOffsets(9, groupId, null)).offsets)).toEqual([]);
    const afterDelete = await wire.call(16, 3, {});
    expect(afterDelete.groups.map((g: { groupId: string }) => g.groupId)).not.toContain(groupId);
    expect((await wire.call(42, 2, { groupsNames: [groupId] })).results[0].errorCode).toBe(69);
  });
});
