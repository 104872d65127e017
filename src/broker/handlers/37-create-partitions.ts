// CreatePartitions (key 37), versions 0-3.
//
// Behaviour:
// - Grows a topic to `count` partitions; the new ones start empty.
// - Partitions can only be added: a count below the current one, or equal to
//   it, is INVALID_PARTITIONS with a message saying so.
// - A missing topic: UNKNOWN_TOPIC_OR_PARTITION.
// - Assignments, when given, need one entry per new partition, each exactly
//   [this node] (single-node cluster); otherwise INVALID_REPLICA_ASSIGNMENT.
// - validate_only runs every check and changes nothing.
// - The same topic twice in one request: INVALID_REQUEST, reported once.
//
// Version notes: v1 is v0 with throttling semantics; v2 is the first flexible
// version; v3 is the same as v2.
import { MAX_PARTITIONS_PER_TOPIC } from '../config/partition-limits.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { CreatePartitionsRequest, CreatePartitionsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type TopicRequest = CreatePartitionsRequest['topics'][number];
type TopicResult = CreatePartitionsResponse['results'][number];

function refusal(name: string, errorCode: number, errorMessage: string): TopicResult {
  return { name, errorCode, errorMessage };
}

function checkAssignments(topic: TopicRequest, added: number, nodeId: number): string | null {
  if (topic.assignments === null) return null;
  if (topic.assignments.length !== added) {
    return `${added} new partition(s) need ${added} assignment(s); the request has ${topic.assignments.length}.`;
  }
  for (const { brokerIds } of topic.assignments) {
    if (brokerIds.length !== 1 || brokerIds[0] !== nodeId) {
      return `Assignment [${brokerIds.join(', ')}] names brokers this single-node cluster does not have; the only broker is ${nodeId}.`;
    }
  }
  return null;
}

function growOne(topic: TopicRequest, validateOnly: boolean, core: BrokerCore): TopicResult {
  const { name, count } = topic;
  const existing = core.logs.topic(name);
  if (!existing) return refusal(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${name} does not exist.`);
  const current = existing.partitionCount;
  if (count < current) {
    return refusal(name, ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${count}. Partitions can only grow.`);
  }
  if (count === current) {
    return refusal(name, ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions. Partitions can only grow.`);
  }
  if (count > MAX_PARTITIONS_PER_TOPIC) {
    return refusal(name, ErrorCode.INVALID_PARTITIONS, `This broker allows at most ${MAX_PARTITIONS_PER_TOPIC} partitions per topic; ${count} were requested.`);
  }
  const assignmentProblem = checkAssignments(topic, count - current, core.config.nodeId);
  if (assignmentProblem !== null) return refusal(name, ErrorCode.INVALID_REPLICA_ASSIGNMENT, assignmentProblem);
  if (validateOnly) return { name, errorCode: ErrorCode.NONE, errorMessage: null };
  try {
    core.logs.addPartitions(name, count);
  } catch (error) {
    core.logger.error('could not add partitions', { topic: name, count, error: String(error) });
    return refusal(name, ErrorCode.UNKNOWN_SERVER_ERROR, `Could not grow ${name} to ${count} partitions: ${error instanceof Error ? error.message : String(error)}`);
  }
  core.logger.info('added partitions', { topic: name, from: current, to: count });
  return { name, errorCode: ErrorCode.NONE, errorMessage: null };
}

export const createPartitionsHandler: ApiHandler<CreatePartitionsRequest, CreatePartitionsResponse, BrokerCore> = {
  apiKey: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  handle(request: CreatePartitionsRequest, ctx: RequestContext<BrokerCore>): CreatePartitionsResponse {
    const counts = new Map<string, number>();
    for (const { name } of request.topics) counts.set(name, (counts.get(name) ?? 0) + 1);
    const reported = new Set<string>();
    const results: TopicResult[] = [];
    for (const topic of request.topics) {
      if (reported.has(topic.name)) continue;
      reported.add(topic.name);
      results.push(counts.get(topic.name)! > 1
        ? refusal(topic.name, ErrorCode.INVALID_REQUEST, `Topic ${topic.name} appears more than once in the request.`)
        : growOne(topic, request.validateOnly, ctx.core));
    }
    return { throttleTimeMs: 0, results };
  },
};
