// OffsetDelete (key 47), version 0.
//
// Behaviour (protocol.md §4.8, KIP-496):
// - GROUP_ID_NOT_FOUND (group-level) if neither the coordinator nor the
//   offset store knows the group.
// - NON_EMPTY_GROUP (group-level) if the group has members whose
//   subscriptions cannot be read: not a "consumer" protocol group.
// - Per partition: UNKNOWN_TOPIC_OR_PARTITION for a partition that does not
//   exist; GROUP_SUBSCRIBED_TO_TOPIC if an active member's subscription names
//   the topic; otherwise the offset is deleted (a partition with no commit is
//   simply answered NONE, as Kafka does).
import { ErrorCode } from '../protocol/error-codes.js';
import { groupExists } from '../coordinator/stored-groups.js';
import type { OffsetDeleteRequest, OffsetDeleteResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

export const offsetDeleteHandler: ApiHandler<OffsetDeleteRequest, OffsetDeleteResponse, BrokerCore> = {
  apiKey: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  handle(request: OffsetDeleteRequest, { core }: RequestContext<BrokerCore>): OffsetDeleteResponse {
    const groupError = (errorCode: ErrorCode): OffsetDeleteResponse => ({ errorCode, throttleTimeMs: 0, topics: [] });
    if (!groupExists(core, request.groupId)) return groupError(ErrorCode.GROUP_ID_NOT_FOUND);
    const subscribed = core.groups.subscribedTopics(request.groupId);
    if (subscribed === null) return groupError(ErrorCode.NON_EMPTY_GROUP);

    const topics = request.topics.map((topic) => {
      const deletable: number[] = [];
      const partitions = topic.partitions.map(({ partitionIndex }) => {
        const answer = (errorCode: ErrorCode) => ({ partitionIndex, errorCode });
        if (!core.logs.partition(topic.name, partitionIndex)) return answer(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        if (subscribed.has(topic.name)) return answer(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
        deletable.push(partitionIndex);
        return answer(ErrorCode.NONE);
      });
      if (deletable.length > 0) core.offsets.deleteOffsets(request.groupId, topic.name, deletable);
      return { name: topic.name, partitions };
    });
    return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics };
  },
};
