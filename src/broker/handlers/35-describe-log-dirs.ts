// DescribeLogDirs (key 35), versions 1-4.
//
// Behaviour:
// - One log directory: the broker's data directory, or "memory" when the log
//   is kept in memory.
// - topics null = every partition of every topic; otherwise the named
//   partitions that exist (unknown topics and partitions are left out, as
//   Kafka does).
// - partition_size is the bytes the partition's segments hold; offset_lag is
//   0 and is_future_key false, since nothing is ever moved between log dirs.
// - v4 total_bytes / usable_bytes come from statfs on the data directory
//   (usable = what this user may still write); -1 when in memory or when the
//   filesystem cannot be asked.
//
// Version notes: v0 is not served (Kafka 4 dropped it); v1 is the same as v0
// with throttling semantics; v2 is the first flexible version; v3 adds the
// top-level error_code; v4 adds total_bytes and usable_bytes.
import { statfsSync } from 'node:fs';
import { ErrorCode } from '../protocol/error-codes.js';
import type { DescribeLogDirsRequest, DescribeLogDirsResponse } from '../protocol/index.js';
import type { TopicMetadata } from '../storage/types.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type LogDirResult = DescribeLogDirsResponse['results'][number];
type TopicResult = LogDirResult['topics'][number];

const FIRST_VERSION_WITH_TOP_LEVEL_ERROR = 3;
const FIRST_VERSION_WITH_VOLUME_SIZES = 4;
const IN_MEMORY_LOG_DIR = 'memory';
const UNKNOWN_SIZE = -1n;

function volumeSizes(dir: string | null): { totalBytes: bigint; usableBytes: bigint } {
  if (dir === null) return { totalBytes: UNKNOWN_SIZE, usableBytes: UNKNOWN_SIZE };
  try {
    const stats = statfsSync(dir, { bigint: true });
    return { totalBytes: stats.blocks * stats.bsize, usableBytes: stats.bavail * stats.bsize };
  } catch {
    return { totalBytes: UNKNOWN_SIZE, usableBytes: UNKNOWN_SIZE };
  }
}

function describePartitions(topic: TopicMetadata, indexes: Iterable<number>, core: BrokerCore): TopicResult {
  const partitions: TopicResult['partitions'] = [];
  for (const partitionIndex of indexes) {
    const log = core.logs.partition(topic.name, partitionIndex);
    if (!log) continue;
    partitions.push({ partitionIndex, partitionSize: BigInt(log.sizeBytes()), offsetLag: 0n, isFutureKey: false });
  }
  return { name: topic.name, partitions };
}

function selectTopics(request: DescribeLogDirsRequest, core: BrokerCore): TopicResult[] {
  if (request.topics === null) {
    return core.logs.topics().map((topic) => describePartitions(topic, Array.from({ length: topic.partitionCount }, (_, i) => i), core));
  }
  const results: TopicResult[] = [];
  for (const { topic: name, partitions } of request.topics) {
    const topic = core.logs.topic(name);
    if (!topic) continue;
    const described = describePartitions(topic, new Set(partitions), core);
    if (described.partitions.length > 0) results.push(described);
  }
  return results;
}

export const describeLogDirsHandler: ApiHandler<DescribeLogDirsRequest, DescribeLogDirsResponse, BrokerCore> = {
  apiKey: 35,
  name: 'DescribeLogDirs',
  minVersion: 1,
  maxVersion: 4,
  handle(request: DescribeLogDirsRequest, ctx: RequestContext<BrokerCore>): DescribeLogDirsResponse {
    const { core, apiVersion } = ctx;
    const dir = core.config.logDir;
    const result: LogDirResult = { errorCode: ErrorCode.NONE, logDir: dir ?? IN_MEMORY_LOG_DIR, topics: selectTopics(request, core) };
    if (apiVersion >= FIRST_VERSION_WITH_VOLUME_SIZES) Object.assign(result, volumeSizes(dir));
    const response: DescribeLogDirsResponse = { throttleTimeMs: 0, results: [result] };
    if (apiVersion >= FIRST_VERSION_WITH_TOP_LEVEL_ERROR) response.errorCode = ErrorCode.NONE;
    return response;
  },
};
