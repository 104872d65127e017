// DeleteTopics (key 20), versions 1-6.
//
// Behaviour:
// - Deletes each named topic with all its data, at once (no timeout can expire).
// - delete.topic.enable=false: TOPIC_DELETION_DISABLED for every topic.
// - A topic that does not exist: UNKNOWN_TOPIC_OR_PARTITION; on v6, an unknown
//   topic id: UNKNOWN_TOPIC_ID (the result's name is then null).
// - v6 entries must give a name or a non-zero id, not both: INVALID_REQUEST.
// - The same topic twice in one request: INVALID_REQUEST, reported once.
//
// Version notes: v1 adds throttle_time_ms; v2 and v3 are the same; v4 is the
// first flexible version; v5 adds error_message; v6 replaces topic_names with
// name-or-id entries and returns topic_id (the name may then be null).
import { ErrorCode } from '../protocol/error-codes.js';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from '../protocol/index.js';
import type { TopicMetadata } from '../storage/types.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type TopicResult = DeleteTopicsResponse['responses'][number];

const FIRST_VERSION_WITH_MESSAGE = 5;
const FIRST_VERSION_WITH_IDS = 6;
const NO_TOPIC_ID = Buffer.alloc(16);

interface Target {
  readonly name: string | null;
  readonly topicId: Buffer;
}

type Resolved = { topic: TopicMetadata } | { name: string | null; topicId: Buffer; errorCode: number; message: string };

function resolve(target: Target, core: BrokerCore): Resolved {
  const hasId = !target.topicId.equals(NO_TOPIC_ID);
  if (target.name !== null && hasId) {
    return { ...target, errorCode: ErrorCode.INVALID_REQUEST, message: 'Give either a topic name or a topic id, not both.' };
  }
  if (target.name !== null) {
    const topic = core.logs.topic(target.name);
    return topic ? { topic } : { ...target, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, message: `Topic ${target.name} does not exist.` };
  }
  if (!hasId) return { ...target, errorCode: ErrorCode.INVALID_REQUEST, message: 'A topic name or a topic id is required.' };
  const topic = core.logs.topicById(target.topicId);
  return topic ? { topic } : { ...target, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, message: `No topic has id ${target.topicId.toString('hex')}.` };
}

function result(name: string | null, topicId: Buffer, errorCode: number, message: string | null, apiVersion: number): TopicResult {
  const entry: TopicResult = { name, errorCode };
  if (apiVersion >= FIRST_VERSION_WITH_MESSAGE) entry.errorMessage = message;
  if (apiVersion >= FIRST_VERSION_WITH_IDS) entry.topicId = topicId;
  return entry;
}

function deleteOne(topic: TopicMetadata, core: BrokerCore, apiVersion: number): TopicResult {
  if (!core.config.deleteTopicEnable) {
    return result(topic.name, topic.id, ErrorCode.TOPIC_DELETION_DISABLED, 'Topic deletion is disabled on this broker (delete.topic.enable=false).', apiVersion);
  }
  try {
    core.logs.deleteTopic(topic.name);
    // Kafka drops a deleted topic's committed offsets and producer state too,
    // so a topic re-created under the same name starts clean.
    core.offsets.deleteTopic(topic.name);
    core.producers.deleteTopic(topic.name);
  } catch (error) {
    core.logger.error('could not delete topic', { topic: topic.name, error: String(error) });
    const message = `Could not delete topic ${topic.name}: ${error instanceof Error ? error.message : String(error)}`;
    return result(topic.name, topic.id, ErrorCode.UNKNOWN_SERVER_ERROR, message, apiVersion);
  }
  core.logger.info('deleted topic', { topic: topic.name });
  return result(topic.name, topic.id, ErrorCode.NONE, null, apiVersion);
}

export const deleteTopicsHandler: ApiHandler<DeleteTopicsRequest, DeleteTopicsResponse, BrokerCore> = {
  apiKey: 20,
  name: 'DeleteTopics',
  minVersion: 1,
  maxVersion: 6,
  handle(request: DeleteTopicsRequest, ctx: RequestContext<BrokerCore>): DeleteTopicsResponse {
    const { core, apiVersion } = ctx;
    const targets: readonly Target[] = apiVersion >= FIRST_VERSION_WITH_IDS
      ? request.topics ?? []
      : (request.topicNames ?? []).map((name) => ({ name, topicId: NO_TOPIC_ID }));
    const resolved = targets.map((target) => resolve(target, core));
    // Resolve everything before deleting anything, so that a duplicate is
    // recognised even when one copy names the topic and the other its id.
    const counts = new Map<string, number>();
    for (const entry of resolved) if ('topic' in entry) counts.set(entry.topic.name, (counts.get(entry.topic.name) ?? 0) + 1);
    const reported = new Set<string>();
    const responses: TopicResult[] = [];
    for (const entry of resolved) {
      if (!('topic' in entry)) {
        responses.push(result(entry.name, entry.topicId, entry.errorCode, entry.message, apiVersion));
        continue;
      }
      const { topic } = entry;
      if (reported.has(topic.name)) continue;
      reported.add(topic.name);
      responses.push(counts.get(topic.name)! > 1
        ? result(topic.name, topic.id, ErrorCode.INVALID_REQUEST, `Topic ${topic.name} appears more than once in the request.`, apiVersion)
        : deleteOne(topic, core, apiVersion));
    }
    return { throttleTimeMs: 0, responses };
  },
};
