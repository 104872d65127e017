// Metadata (key 3), versions 0-12.
//
// Behaviour:
// - One broker, this node, at the advertised host and port, rack null. It is
//   also the controller (kafkajs sends admin requests to controller_id) and
//   the leader of every partition, with leader epoch 0 and replicas = isr = [us].
// - Topic selection: v0 empty list = all topics; v1+ null = all, empty = none.
// - A requested topic that does not exist is created on the spot (with
//   num.partitions and no overrides) when auto.create.topics.enable is on and,
//   from v4, the request allows it. Kafka may answer LEADER_NOT_AVAILABLE for
//   a freshly created topic; creation here is synchronous, so it is described
//   right away. Illegal names get INVALID_TOPIC_EXCEPTION, others
//   UNKNOWN_TOPIC_OR_PARTITION.
// - v10+ topic ids are the stable 16-byte ids kept by the log manager; v12
//   may look a topic up by id alone (name null), UNKNOWN_TOPIC_ID when absent.
//   A null name at v10-11 gets INVALID_REQUEST for every requested topic.
// - Authorized operations are never computed: -2147483648 ("not requested").
//
// Version notes: v1 adds controller_id, rack and is_internal and makes a null
// topic list mean "all"; v2 cluster_id; v3 throttle_time_ms; v4
// allow_auto_topic_creation; v5 offline_replicas; v7 leader_epoch; v8
// authorized operations; v9 flexible; v10 topic ids; v11 drops the cluster
// operations; v12 nullable topic names in requests and responses.
import { findTopicNameCollision, validateTopicName } from '../config/topic-names.js';
import type { Decoded, MetadataRequest, MetadataResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { TopicMetadata } from '../storage/types.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type TopicResult = MetadataResponse['topics'][number];

const LEADER_EPOCH = 0;
const AUTHORIZED_OPERATIONS_NOT_REQUESTED = -2147483648;
const NO_TOPIC_ID = Buffer.alloc(16);

function describeTopic(topic: TopicMetadata, nodeId: number): TopicResult {
  return {
    errorCode: ErrorCode.NONE,
    name: topic.name,
    topicId: topic.id,
    isInternal: false,
    partitions: Array.from({ length: topic.partitionCount }, (_, partitionIndex) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex,
      leaderId: nodeId,
      leaderEpoch: LEADER_EPOCH,
      replicaNodes: [nodeId],
      isrNodes: [nodeId],
      offlineReplicas: [],
    })),
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_NOT_REQUESTED,
  };
}

function topicError(errorCode: number, name: string | null, topicId: Buffer = NO_TOPIC_ID): TopicResult {
  return {
    errorCode,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_NOT_REQUESTED,
  };
}

function isZeroId(id: Buffer | undefined): boolean {
  return id === undefined || id.equals(NO_TOPIC_ID);
}

/** Creates `name` if the broker and the request allow it; the result to report either way. */
function describeOrCreate(name: string, mayAutoCreate: boolean, core: BrokerCore): TopicResult {
  const existing = core.logs.topic(name);
  if (existing) return describeTopic(existing, core.config.nodeId);
  const invalid = validateTopicName(name);
  if (invalid !== null) return topicError(ErrorCode.INVALID_TOPIC_EXCEPTION, name);
  if (!mayAutoCreate) return topicError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name);
  const collision = findTopicNameCollision(name, core.logs.topics().map((t) => t.name));
  if (collision !== null) return topicError(ErrorCode.INVALID_TOPIC_EXCEPTION, name);
  try {
    const created = core.logs.createTopic(name, core.config.numPartitions, {});
    core.logger.info('auto-created topic', { topic: name, partitions: created.partitionCount });
    return describeTopic(created, core.config.nodeId);
  } catch (error) {
    // e.g. a name that differs from an existing one only by case, which a
    // case-insensitive filesystem cannot hold apart.
    core.logger.warn('could not auto-create topic', { topic: name, error: error instanceof Error ? error.message : String(error) });
    return topicError(ErrorCode.INVALID_TOPIC_EXCEPTION, name);
  }
}

function selectTopics(request: Decoded<MetadataRequest>, ctx: RequestContext<BrokerCore>): TopicResult[] {
  const { core, apiVersion } = ctx;
  const nodeId = core.config.nodeId;
  const requested = request.topics;
  if (requested === null || (apiVersion === 0 && requested.length === 0)) {
    return core.logs.topics().map((topic) => describeTopic(topic, nodeId));
  }
  // Before v12 a response cannot carry a null name, so a topic cannot be asked
  // for by id alone: Kafka refuses the request with INVALID_REQUEST for every
  // requested topic, a missing name answered as "" (MetadataRequest.getErrorResponse).
  if (apiVersion < 12 && requested.some((entry) => entry.name === null)) {
    return requested.map((entry) => topicError(ErrorCode.INVALID_REQUEST, entry.name ?? '', entry.topicId));
  }
  const mayAutoCreate = core.config.autoCreateTopicsEnable && (apiVersion < 4 || request.allowAutoTopicCreation);
  const results: TopicResult[] = [];
  const seen = new Set<string>();
  for (const entry of requested) {
    if (entry.name === null) {
      const key = `id:${entry.topicId.toString('hex')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const byId = isZeroId(entry.topicId) ? undefined : core.logs.topicById(entry.topicId);
      results.push(byId ? describeTopic(byId, nodeId) : topicError(ErrorCode.UNKNOWN_TOPIC_ID, null, entry.topicId));
      continue;
    }
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    results.push(describeOrCreate(entry.name, mayAutoCreate, core));
  }
  return results;
}

export const metadataHandler: ApiHandler<Decoded<MetadataRequest>, MetadataResponse, BrokerCore> = {
  apiKey: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  handle(request: Decoded<MetadataRequest>, ctx: RequestContext<BrokerCore>): MetadataResponse {
    const { core } = ctx;
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: core.config.nodeId, host: core.advertised.host, port: core.advertised.port, rack: null }],
      clusterId: core.logs.clusterId,
      controllerId: core.config.nodeId,
      topics: selectTopics(request, ctx),
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_NOT_REQUESTED,
    };
  },
};
