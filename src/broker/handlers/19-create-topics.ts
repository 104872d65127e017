// CreateTopics (key 19), versions 2-7.
//
// Behaviour (checked per topic, in this order; the first failure is the answer):
// - A name given twice in one request: INVALID_REQUEST, reported once.
// - Illegal name, or one that collides with an existing topic once "." and "_"
//   are treated alike, or differs from one only by letter case (both would
//   share a directory on macOS and Windows): INVALID_TOPIC_EXCEPTION.
// - Existing topic: TOPIC_ALREADY_EXISTS.
// - Manual assignments: num_partitions and replication_factor must both be -1
//   (else INVALID_REQUEST); partition indexes must be 0..n-1, each once, and
//   each replica list must be exactly [this node] (else
//   INVALID_REPLICA_ASSIGNMENT: this is a single-node cluster).
// - Otherwise num_partitions must be positive, or -1 for num.partitions
//   (else INVALID_PARTITIONS); replication_factor must be 1, or -1 for the
//   default (else INVALID_REPLICATION_FACTOR). Kafka resolves -1 at every
//   version, not only from v4 where the schema documents it, and kafkajs
//   relies on that: it sends -1 for both on v3 when the caller gives none.
// - Configs: unknown names or bad values give INVALID_CONFIG naming the key
//   and the accepted form; null values are ignored.
// - validate_only runs every check and creates nothing.
// Every error carries a readable error_message. Creation is synchronous, so
// timeout_ms never expires.
//
// Version notes: v2 adds throttle_time_ms; v3 is the same; v4 documents -1
// for num_partitions and replication_factor; v5 (first flexible) returns
// num_partitions, replication_factor and the topic's configs; v6 is the same;
// v7 returns topic_id.
import { MAX_PARTITIONS_PER_TOPIC } from '../config/partition-limits.js';
import { describeTopicConfig, validateTopicConfigs } from '../config/topic-config.js';
import { findTopicNameCollision, validateTopicName } from '../config/topic-names.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { CreateTopicsRequest, CreateTopicsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type CreatableTopic = CreateTopicsRequest['topics'][number];
type TopicResult = CreateTopicsResponse['topics'][number];

const USE_DEFAULT = -1;
const FIRST_VERSION_WITH_DETAILS = 5;
const FIRST_VERSION_WITH_TOPIC_ID = 7;
const NO_TOPIC_ID = Buffer.alloc(16);

interface Plan {
  readonly partitionCount: number;
  readonly configs: Record<string, string>;
}

class Refusal {
  constructor(
    readonly errorCode: number,
    readonly message: string,
  ) {}
}

function checkName(name: string, existing: readonly string[]): Refusal | null {
  const invalid = validateTopicName(name);
  if (invalid !== null) return new Refusal(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid);
  if (existing.includes(name)) return new Refusal(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic ${name} already exists.`);
  const collision = findTopicNameCollision(name, existing);
  if (collision !== null) {
    return new Refusal(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic ${name} collides with existing topic ${collision}: Kafka treats "." and "_" alike in metric names.`);
  }
  const caseTwin = existing.find((other) => other.toLowerCase() === name.toLowerCase());
  if (caseTwin !== undefined) {
    return new Refusal(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic ${name} differs from existing topic ${caseTwin} only by letter case, which not every filesystem can hold apart.`);
  }
  return null;
}

function checkAssignments(topic: CreatableTopic, nodeId: number): number | Refusal {
  if (topic.numPartitions !== USE_DEFAULT || topic.replicationFactor !== USE_DEFAULT) {
    return new Refusal(ErrorCode.INVALID_REQUEST, 'With a manual partition assignment, num_partitions and replication_factor must both be -1.');
  }
  const indexes = topic.assignments.map((assignment) => assignment.partitionIndex).sort((a, b) => a - b);
  if (indexes.some((index, position) => index !== position)) {
    return new Refusal(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Assigned partitions must be numbered 0 to ${indexes.length - 1}, each once; got ${indexes.join(', ')}.`);
  }
  for (const { partitionIndex, brokerIds } of topic.assignments) {
    if (brokerIds.length !== 1 || brokerIds[0] !== nodeId) {
      return new Refusal(
        ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Partition ${partitionIndex} is assigned to brokers [${brokerIds.join(', ')}], but this single-node cluster only has broker ${nodeId}.`,
      );
    }
  }
  return topic.assignments.length;
}

function checkCounts(topic: CreatableTopic, core: BrokerCore): number | Refusal {
  const { numPartitions, replicationFactor } = topic;
  if (numPartitions <= 0 && numPartitions !== USE_DEFAULT) {
    return new Refusal(ErrorCode.INVALID_PARTITIONS, `Number of partitions must be at least 1 (or -1 for the broker default); got ${numPartitions}.`);
  }
  if (replicationFactor !== 1 && replicationFactor !== USE_DEFAULT) {
    const reason = replicationFactor > 1
      ? `this cluster has a single broker, so a replication factor of ${replicationFactor} cannot be met`
      : `a replication factor must be at least 1, got ${replicationFactor}`;
    return new Refusal(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor must be 1: ${reason}.`);
  }
  return numPartitions === USE_DEFAULT ? core.config.numPartitions : numPartitions;
}

function planTopic(topic: CreatableTopic, existing: readonly string[], core: BrokerCore): Plan | Refusal {
  const nameProblem = checkName(topic.name, existing);
  if (nameProblem) return nameProblem;
  const partitionCount = topic.assignments.length > 0 ? checkAssignments(topic, core.config.nodeId) : checkCounts(topic, core);
  if (partitionCount instanceof Refusal) return partitionCount;
  if (partitionCount > MAX_PARTITIONS_PER_TOPIC) {
    return new Refusal(ErrorCode.INVALID_PARTITIONS, `This broker allows at most ${MAX_PARTITIONS_PER_TOPIC} partitions per topic; ${partitionCount} were requested.`);
  }
  const configs: Record<string, string> = {};
  for (const { name, value } of topic.configs) {
    if (Object.hasOwn(configs, name)) return new Refusal(ErrorCode.INVALID_CONFIG, `Config ${name} is given more than once.`);
    if (value !== null) configs[name] = value;
  }
  const problem = validateTopicConfigs(configs);
  if (problem) return new Refusal(ErrorCode.INVALID_CONFIG, problem.message);
  return { partitionCount, configs };
}

function success(name: string, plan: Plan, topicId: Buffer, core: BrokerCore, apiVersion: number): TopicResult {
  const result: TopicResult = { name, errorCode: ErrorCode.NONE, errorMessage: null };
  if (apiVersion >= FIRST_VERSION_WITH_DETAILS) {
    result.numPartitions = plan.partitionCount;
    result.replicationFactor = 1;
    result.configs = describeTopicConfig(core.config, plan.configs).map((entry) => ({
      name: entry.name,
      value: entry.value,
      readOnly: entry.readOnly,
      configSource: entry.source,
      isSensitive: entry.isSensitive,
    }));
  }
  if (apiVersion >= FIRST_VERSION_WITH_TOPIC_ID) result.topicId = topicId;
  return result;
}

function failure(name: string, refusal: Refusal, apiVersion: number): TopicResult {
  const result: TopicResult = { name, errorCode: refusal.errorCode, errorMessage: refusal.message };
  if (apiVersion >= FIRST_VERSION_WITH_DETAILS) {
    result.numPartitions = -1;
    result.replicationFactor = -1;
    result.configs = [];
  }
  if (apiVersion >= FIRST_VERSION_WITH_TOPIC_ID) result.topicId = NO_TOPIC_ID;
  return result;
}

function createOne(topic: CreatableTopic, planned: string[], request: CreateTopicsRequest, ctx: RequestContext<BrokerCore>): TopicResult {
  const { core, apiVersion } = ctx;
  const plan = planTopic(topic, planned, core);
  if (plan instanceof Refusal) return failure(topic.name, plan, apiVersion);
  // Later topics of a validate-only request are checked against this one too.
  planned.push(topic.name);
  if (request.validateOnly) return success(topic.name, plan, NO_TOPIC_ID, core, apiVersion);
  try {
    const created = core.logs.createTopic(topic.name, plan.partitionCount, plan.configs);
    core.logger.info('created topic', { topic: topic.name, partitions: plan.partitionCount, configs: plan.configs });
    return success(topic.name, plan, created.id, core, apiVersion);
  } catch (error) {
    core.logger.error('could not create topic', { topic: topic.name, error: String(error) });
    const message = `Could not create topic ${topic.name}: ${error instanceof Error ? error.message : String(error)}`;
    return failure(topic.name, new Refusal(ErrorCode.UNKNOWN_SERVER_ERROR, message), apiVersion);
  }
}

export const createTopicsHandler: ApiHandler<CreateTopicsRequest, CreateTopicsResponse, BrokerCore> = {
  apiKey: 19,
  name: 'CreateTopics',
  minVersion: 2,
  maxVersion: 7,
  handle(request: CreateTopicsRequest, ctx: RequestContext<BrokerCore>): CreateTopicsResponse {
    const counts = new Map<string, number>();
    for (const { name } of request.topics) counts.set(name, (counts.get(name) ?? 0) + 1);
    const planned = ctx.core.logs.topics().map((topic) => topic.name);
    const reported = new Set<string>();
    const topics: TopicResult[] = [];
    for (const topic of request.topics) {
      if (reported.has(topic.name)) continue;
      reported.add(topic.name);
      topics.push(counts.get(topic.name)! > 1
        ? failure(topic.name, new Refusal(ErrorCode.INVALID_REQUEST, `Topic ${topic.name} appears more than once in the request.`), ctx.apiVersion)
        : createOne(topic, planned, request, ctx));
    }
    return { throttleTimeMs: 0, topics };
  },
};
