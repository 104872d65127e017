// DescribeGroups, ListGroups, DeleteGroups and OffsetDelete at every
// advertised version on the wire, including ListGroups with librdkafka
// 2.0.2's stray trailing byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import { CLIENT_ID, GroupWire, OTHER_TOPIC, TOPIC, offsetsOf, range, stableMember, startGroupTestBroker, subscription, type GroupTestBroker } from './group-wire.js';

const NONE = 0;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const NON_EMPTY_GROUP = 68;
const GROUP_ID_NOT_FOUND = 69;
const GROUP_SUBSCRIBED_TO_TOPIC = 86;
const NOT_REQUESTED = -2147483648;

const debugLines: { message: string; fields?: Record<string, unknown> }[] = [];
const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => void debugLines.push({ message, fields }),
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

let setup: GroupTestBroker;
let admin: GroupWire;
const connection = () => setup.connection();

beforeAll(async () => {
  setup = await startGroupTestBroker(logger);
  admin = setup.admin;
});

afterAll(async () => {
  await setup?.stop();
});

describe('DescribeGroups, ListGroups, DeleteGroups', () => {
  let stable: { memberId: string; generationId: number };
  const stableGroup = 'described-stable';

  beforeAll(async () => {
    stable = await stableMember(await connection(), stableGroup);
  });

  it.each(range(0, 5))('DescribeGroups v%i describes a Stable group, an Empty one and an unknown one', async (version) => {
    const emptyGroup = `described-empty-${version}`;
    await admin.commit(9, emptyGroup, { generationId: -1, memberId: '' }, [{ topic: TOPIC, partition: 0, offset: 1n }]);
    const body: Record<string, unknown> = { groups: [stableGroup, emptyGroup, 'described-nobody'] };
    if (version >= 3) body.includeAuthorizedOperations = false;
    const answer = await admin.call(15, version, body);
    const [stableOne, emptyOne, unknownOne] = answer.groups;
    expect(stableOne).toMatchObject({ errorCode: NONE, groupId: stableGroup, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(stableOne.members).toHaveLength(1);
    expect(stableOne.members[0]).toMatchObject({ memberId: stable.memberId, clientId: CLIENT_ID, clientHost: '127.0.0.1' });
    expect(Buffer.from(stableOne.members[0].memberMetadata).equals(subscription(TOPIC))).toBe(true);
    expect(Buffer.from(stableOne.members[0].memberAssignment).toString()).toBe('a');
    if (version >= 4) expect(stableOne.members[0].groupInstanceId).toBeNull();
    expect(emptyOne).toMatchObject({ errorCode: NONE, groupId: emptyGroup, groupState: 'Empty', protocolData: '', members: [] });
    expect(unknownOne).toMatchObject({ errorCode: NONE, groupId: 'described-nobody', groupState: 'Dead', protocolType: '', members: [] });
    if (version >= 3) expect(answer.groups.map((g: any) => g.authorizedOperations)).toEqual([NOT_REQUESTED, NOT_REQUESTED, NOT_REQUESTED]);
  });

  it('DescribeGroups v5 reports authorized operations when asked', async () => {
    const answer = await admin.call(15, 5, { groups: [stableGroup], includeAuthorizedOperations: true });
    // READ (3), DELETE (6), DESCRIBE (8): nothing is restricted without ACLs.
    expect(answer.groups[0].authorizedOperations).toBe((1 << 3) | (1 << 6) | (1 << 8));
  });

  it.each(range(0, 4))('ListGroups v%i lists live groups with their protocol type', async (version) => {
    const answer = await admin.call(16, version, version >= 4 ? { statesFilter: [] } : {});
    expect(answer.errorCode).toBe(NONE);
    const listed = answer.groups.find((g: any) => g.groupId === stableGroup);
    expect(listed).toMatchObject({ groupId: stableGroup, protocolType: 'consumer' });
    if (version >= 4) expect(listed.groupState).toBe('Stable');
    expect(answer.groups.some((g: any) => g.groupId === 'described-nobody')).toBe(false);
  });

  it('ListGroups v4 filters by state, case-insensitively', async () => {
    await admin.commit(9, 'listed-empty', { generationId: -1, memberId: '' }, [{ topic: TOPIC, partition: 0, offset: 1n }]);
    const stableOnly = await admin.call(16, 4, { statesFilter: ['sTaBlE'] });
    expect(stableOnly.groups.every((g: any) => g.groupState === 'Stable')).toBe(true);
    expect(stableOnly.groups.map((g: any) => g.groupId)).toContain(stableGroup);
    const emptyOnly = await admin.call(16, 4, { statesFilter: ['Empty'] });
    expect(emptyOnly.groups.map((g: any) => g.groupId)).toContain('listed-empty');
    expect(emptyOnly.groups.map((g: any) => g.groupId)).not.toContain(stableGroup);
  });

  it.each([3, 4])('ListGroups v%i still answers with a stray trailing 0x00 (librdkafka 2.0.2)', async (version) => {
    const wire = await connection();
    const frame = Buffer.concat(encodeRequestFrame(16, version, 77, 'rdkafka', version >= 4 ? { statesFilter: [] } : {}));
    const padded = Buffer.concat([frame, Buffer.from([0])]);
    padded.writeInt32BE(padded.length - 4, 0);
    wire.raw.send(padded);
    const answer = decodeResponseFrame(16, version, await wire.raw.nextResponse());
    expect(answer.correlationId).toBe(77);
    expect(answer.body.errorCode).toBe(NONE);
    expect(answer.body.groups.map((g) => g.groupId)).toContain(stableGroup);
    expect(debugLines).toContainEqual({ message: 'ignored bytes after the request body', fields: { api: 'ListGroups', apiVersion: version, count: 1 } });
  });

  it.each(range(0, 2))('DeleteGroups v%i: NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, and an Empty group goes with its offsets', async (version) => {
    const emptyGroup = `deleted-${version}`;
    await admin.commit(9, emptyGroup, { generationId: -1, memberId: '' }, [{ topic: TOPIC, partition: 0, offset: 6n }]);
    const answer = await admin.call(42, version, { groupsNames: [stableGroup, 'deleted-nobody', emptyGroup] });
    expect(answer.results).toEqual([
      expect.objectContaining({ groupId: stableGroup, errorCode: NON_EMPTY_GROUP }),
      expect.objectContaining({ groupId: 'deleted-nobody', errorCode: GROUP_ID_NOT_FOUND }),
      expect.objectContaining({ groupId: emptyGroup, errorCode: NONE }),
    ]);
    expect(offsetsOf((await admin.fetchOffsets(9, emptyGroup, null)).offsets)).toEqual([]);
    const described = await admin.call(15, 5, { groups: [emptyGroup], includeAuthorizedOperations: false });
    expect(described.groups[0].groupState).toBe('Dead');
    const listed = await admin.call(16, 4, { statesFilter: [] });
    expect(listed.groups.map((g: any) => g.groupId)).not.toContain(emptyGroup);
  });
});

describe('OffsetDelete v0', () => {
  const offsetDelete = (groupId: string, topics: { name: string; partitions: number[] }[]) =>
    admin.call(47, 0, { groupId, topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex })) })) });
  const codesOf = (answer: any) => answer.topics.flatMap((t: any) => t.partitions.map((p: any) => [t.name, p.partitionIndex, p.errorCode]));

  it('answers GROUP_ID_NOT_FOUND for an unknown group', async () => {
    const answer = await offsetDelete('offset-delete-nobody', [{ name: TOPIC, partitions: [0] }]);
    expect(answer).toMatchObject({ errorCode: GROUP_ID_NOT_FOUND, topics: [] });
  });

  it('keeps offsets of a subscribed topic in an active consumer group and deletes the others', async () => {
    const groupId = 'offset-delete-active';
    const member = await stableMember(await connection(), groupId, 9, [{ name: 'range', metadata: subscription(TOPIC) }]);
    await admin.commit(9, groupId, member, [
      { topic: TOPIC, partition: 0, offset: 1n },
      { topic: OTHER_TOPIC, partition: 0, offset: 2n },
      { topic: OTHER_TOPIC, partition: 1, offset: 3n },
    ]);
    const answer = await offsetDelete(groupId, [
      { name: TOPIC, partitions: [0] },
      { name: OTHER_TOPIC, partitions: [0, 5] },
    ]);
    expect(answer.errorCode).toBe(NONE);
    expect(codesOf(answer)).toEqual([
      [TOPIC, 0, GROUP_SUBSCRIBED_TO_TOPIC],
      [OTHER_TOPIC, 0, NONE],
      [OTHER_TOPIC, 5, UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    expect(offsetsOf((await admin.fetchOffsets(9, groupId, null)).offsets)).toEqual([
      [TOPIC, 0, 1n, ''],
      [OTHER_TOPIC, 1, 3n, ''],
    ]);
  });

  it('answers NON_EMPTY_GROUP for an active group that is not a consumer group', async () => {
    const groupId = 'offset-delete-connect';
    await stableMember(await connection(), groupId, 9, [{ name: 'range', metadata: Buffer.from('opaque') }], 'connect');
    const answer = await offsetDelete(groupId, [{ name: TOPIC, partitions: [0] }]);
    expect(answer).toMatchObject({ errorCode: NON_EMPTY_GROUP, topics: [] });
  });

  it('deletes any offset of an Empty group', async () => {
    const groupId = 'offset-delete-empty';
    await admin.commit(9, groupId, { generationId: -1, memberId: '' }, [
      { topic: TOPIC, partition: 0, offset: 1n },
      { topic: TOPIC, partition: 1, offset: 2n },
    ]);
    const answer = await offsetDelete(groupId, [{ name: TOPIC, partitions: [1] }]);
    expect(answer.errorCode).toBe(NONE);
    expect(codesOf(answer)).toEqual([[TOPIC, 1, NONE]]);
    expect(offsetsOf((await admin.fetchOffsets(9, groupId, null)).offsets)).toEqual([[TOPIC, 0, 1n, '']]);
  });
});
