// Reading partitions without a consumer group. kafkajs' consumer can only
// read what a group assigns it, so Fetch requests go straight to each
// partition's leader over kafkajs' own connections. kafkajs builds the request
// and decodes the record batches (so every registered codec works); only its
// "throw on the first partition error" step is skipped, so one partition's
// OFFSET_OUT_OF_RANGE does not hide the others' records.
import type { FetchedPartition, FetchedRecord, FetchRequest, TopicReader } from './client.js';
import { kafkajsRequire, type InternalCluster, type KafkajsCluster, type KafkajsProtocolRequest } from './kafkajs-internals.js';
import { withFreshTargets } from './deleted-topics.js';
import { mapped } from './map-error.js';

const FETCH = 1;
const READ_UNCOMMITTED = 0;
/** Fetch's replica id for an ordinary client. */
const CONSUMER_REPLICA = -1;
/** Errors after which the partition's leader may have moved. */
const STALE_METADATA = new Set([3, 6, 74, 75]);
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const EARLIEST = '-2';
const LATEST = '-1';

interface KafkajsRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
  isControlRecord: boolean;
  batchContext: { firstOffset: string; lastOffsetDelta: number };
}

interface KafkajsFetchResponse {
  responses: { topicName: string; partitions: { partition: number; errorCode: number; highWatermark: string; messages: KafkajsRecord[] }[] }[];
}

function headersOf(raw: KafkajsRecord['headers']): FetchedRecord['headers'] {
  // kafkajs groups repeated keys into an array; they come back in that order.
  return Object.entries(raw).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: v ?? null })));
}

function partitionOf(raw: KafkajsFetchResponse['responses'][number]['partitions'][number], from: bigint): FetchedPartition {
  let nextOffset = from;
  const records: FetchedRecord[] = [];
  for (const message of raw.messages) {
    const batchEnd = BigInt(message.batchContext.firstOffset) + BigInt(message.batchContext.lastOffsetDelta) + 1n;
    if (batchEnd > nextOffset) nextOffset = batchEnd;
    const offset = BigInt(message.offset);
    // A batch is returned whole, so records before the asked offset come too.
    if (message.isControlRecord || offset < from) continue;
    records.push({ offset, timestamp: BigInt(message.timestamp), key: message.key, value: message.value, headers: headersOf(message.headers) });
  }
  return { partition: raw.partition, errorCode: raw.errorCode, highWatermark: BigInt(raw.highWatermark), nextOffset, records };
}

/** Leaders by partition, refreshing kafkajs' metadata when a partition is new to it (the topic grew). */
async function leadersOf(connected: KafkajsCluster, topic: string, partitions: number[]): Promise<Map<number, number>> {
  await withFreshTargets(connected, topic, () => connected.addTargetTopic(topic));
  const known = () => new Map(connected.findTopicPartitionMetadata(topic).map((p) => [p.partitionId, p.leader]));
  const leaders = known();
  if (partitions.every((p) => leaders.has(p))) return leaders;
  await withFreshTargets(connected, topic, () => connected.refreshMetadata());
  return known();
}

export function kafkajsTopicReader(cluster: InternalCluster): TopicReader {
  const { requests } = kafkajsRequire('kafkajs/src/protocol/requests/index.js') as { requests: { Fetch: unknown } };

  async function fetchFromLeader(nodeId: number, request: FetchRequest, positions: FetchRequest['positions']): Promise<FetchedPartition[]> {
    const broker = await (await cluster.get()).findBroker({ nodeId });
    const built: KafkajsProtocolRequest = broker.lookupRequest(FETCH, requests.Fetch)({
      replicaId: CONSUMER_REPLICA,
      isolationLevel: READ_UNCOMMITTED,
      maxWaitTime: request.maxWaitMs,
      minBytes: 1,
      maxBytes: Math.min(MAX_RESPONSE_BYTES, request.partitionMaxBytes * positions.length),
      topics: [{ topic: request.topic, partitions: positions.map((p) => ({ partition: p.partition, fetchOffset: p.offset.toString(), maxBytes: request.partitionMaxBytes })) }],
      rackId: '',
    });
    const answer = (await broker.connectionPool.send({ ...built, response: { ...built.response, parse: async (data) => data } })) as KafkajsFetchResponse;
    const from = new Map(positions.map((p) => [p.partition, p.offset]));
    return answer.responses.filter((r) => r.topicName === request.topic).flatMap((r) => r.partitions.map((p) => partitionOf(p, from.get(p.partition) ?? 0n)));
  }

  return {
    fetch: (request) =>
      mapped(async () => {
        const connected = await cluster.get();
        const leaders = await leadersOf(connected, request.topic, request.positions.map((p) => p.partition));
        const byLeader = new Map<number, FetchRequest['positions']>();
        for (const position of request.positions) {
          const leader = leaders.get(position.partition) ?? -1;
          byLeader.set(leader, [...(byLeader.get(leader) ?? []), position]);
        }
        const answers = await Promise.all([...byLeader].map(([leader, positions]) => fetchFromLeader(leader, request, positions)));
        const fetched = answers.flat();
        if (fetched.some((p) => STALE_METADATA.has(p.errorCode))) await withFreshTargets(connected, request.topic, () => connected.refreshMetadata());
        return fetched.sort((a, b) => a.partition - b.partition);
      }),
    offsetsForTimestamp: (topic, timestamp, partitions) =>
      mapped(async () => {
        const connected = await cluster.get();
        await leadersOf(connected, topic, partitions);
        const [answer] = await connected.fetchTopicsOffset([{ topic, fromTimestamp: timestamp.toString(), partitions: partitions.map((partition) => ({ partition })) }]);
        // ListOffsets answers -1 where no record has a timestamp at or after the one asked.
        return new Map((answer?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset) < 0n ? null : BigInt(p.offset)]));
      }),
    watermarks: (topic, partitions) =>
      mapped(async () => {
        const connected = await cluster.get();
        await leadersOf(connected, topic, partitions);
        const ask = async (timestamp: string) => {
          const [answer] = await connected.fetchTopicsOffset([{ topic, fromTimestamp: timestamp, partitions: partitions.map((partition) => ({ partition })) }]);
          return new Map((answer?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        };
        // ListOffsets' special timestamps: -2 the log start, -1 the log end.
        const [low, high] = await Promise.all([ask(EARLIEST), ask(LATEST)]);
        return partitions.map((partition) => ({ partition, low: low.get(partition) ?? 0n, high: high.get(partition) ?? 0n }));
      }),
  };
}
