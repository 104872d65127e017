// OffsetCommit's handler when the offset store cannot write: the partitions it
// tried get UNKNOWN_SERVER_ERROR, the failure is logged, and what was
// committed before stays committed.
import { describe, expect, it } from 'vitest';
import { OFFSETS_LOG_FILE, OffsetStore } from '../../../../src/broker/coordinator/offset-store.js';
import { offsetCommitHandler } from '../../../../src/broker/handlers/08-offset-commit.js';
import type { BrokerCore, RequestContext } from '../../../../src/broker/handlers/types.js';
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js';
import type { OffsetCommitRequest } from '../../../../src/broker/protocol/index.js';
import { harness as groupHarness } from '../coordinator/group-fixtures.js';
import { DATA_DIR, harness, openManager } from '../storage/storage-fixtures.js';

function setUp() {
  const h = harness();
  const offsets = OffsetStore.open({ dataDir: DATA_DIR, fs: h.fs, clock: h.clock, logger: h.logger });
  const { coordinator } = groupHarness();
  // Only "orders" partitions 0 and 1 exist.
  const logs = openManager(h);
  logs.createTopic('orders', 2, {});
  const core = { groups: coordinator, offsets, logs, logger: h.logger } as unknown as BrokerCore;
  const ctx = (apiVersion: number): RequestContext<BrokerCore> => ({
    apiVersion,
    correlationId: 1,
    connection: { clientId: 'unit', clientHost: '127.0.0.1', clientPort: 1 },
    core,
  });
  return { h, offsets, ctx };
}

function adminCommit(offset: bigint, partitions: number[] = [0]): OffsetCommitRequest {
  return {
    groupId: 'g',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    topics: [
      { name: 'orders', partitions: partitions.map((partitionIndex) => ({ partitionIndex, committedOffset: offset, committedMetadata: null })) },
      { name: 'missing', partitions: [{ partitionIndex: 0, committedOffset: offset, committedMetadata: null }] },
    ],
  };
}

const codes = (response: Awaited<ReturnType<typeof offsetCommitHandler.handle>>) =>
  (response as { topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] }).topics.flatMap((t) =>
    t.partitions.map((p) => [t.name, p.partitionIndex, p.errorCode]),
  );

describe('OffsetCommit handler', () => {
  it('answers UNKNOWN_SERVER_ERROR for the partitions it could not store, and logs why', async () => {
    const { h, offsets, ctx } = setUp();
    expect(codes(await offsetCommitHandler.handle(adminCommit(1n), ctx(8)))).toEqual([
      ['orders', 0, ErrorCode.NONE],
      ['missing', 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);

    h.fs.failNextWrite(undefined, OFFSETS_LOG_FILE);
    expect(codes(await offsetCommitHandler.handle(adminCommit(2n, [0, 1]), ctx(8)))).toEqual([
      ['orders', 0, ErrorCode.UNKNOWN_SERVER_ERROR],
      ['orders', 1, ErrorCode.UNKNOWN_SERVER_ERROR],
      ['missing', 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    expect(h.logger.lines.filter((line) => line.level === 'error').map((line) => line.message)).toEqual(['could not store committed offsets']);
    expect(offsets.fetch('g', null).map((o) => [o.topic, o.partition, o.offset])).toEqual([['orders', 0, 1n]]);
  });

  it('treats v0, which names no member, as an admin commit', async () => {
    const { offsets, ctx } = setUp();
    const v0: OffsetCommitRequest = { groupId: 'g', topics: [{ name: 'orders', partitions: [{ partitionIndex: 1, committedOffset: -2n, committedMetadata: 'm' }] }] };
    expect(codes(await offsetCommitHandler.handle(v0, ctx(0)))).toEqual([['orders', 1, ErrorCode.NONE]]);
    expect(offsets.fetch('g', null).map((o) => [o.partition, o.offset, o.metadata])).toEqual([[1, -2n, 'm']]);
  });
});
