// DescribeGroups (key 15), versions 0-5.
//
// Behaviour (protocol.md §4.8):
// - Protocol data (the selected assignor) and each member's metadata and
//   assignment are only filled while the group is Stable, as Kafka's summary.
// - An unknown group answers state "Dead" with error 0 (v6 would answer
//   GROUP_ID_NOT_FOUND; not offered). A group known only by its committed
//   offsets (e.g. after a restart) is described as Empty.
// - Authorized operations: no ACLs exist, so when asked (v3+) every group
//   operation is allowed (READ, DELETE, DESCRIBE); when not asked, Kafka's
//   "not requested" sentinel INT32_MIN.
//
// Version notes: v1 adds throttle_time_ms, v3 authorized operations, v4
// members' group_instance_id, v5 is the first flexible version.
import { describeAnyGroup } from '../coordinator/stored-groups.js';
import type { DescribeGroupsRequest, DescribeGroupsResponse, DescribeGroupsResponseDescribedGroup } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const NOT_REQUESTED = -2147483648;
/** AclOperation codes READ (3), DELETE (6), DESCRIBE (8) as a bit field. */
const GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

export const describeGroupsHandler: ApiHandler<DescribeGroupsRequest, DescribeGroupsResponse, BrokerCore> = {
  apiKey: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  async handle(request: DescribeGroupsRequest, { core }: RequestContext<BrokerCore>): Promise<DescribeGroupsResponse> {
    const authorizedOperations = request.includeAuthorizedOperations ? GROUP_OPERATIONS : NOT_REQUESTED;
    const groups: DescribeGroupsResponseDescribedGroup[] = [];
    for (const groupId of request.groups) {
      const group = await describeAnyGroup(core, groupId);
      groups.push({
        errorCode: group.errorCode,
        groupId: group.groupId,
        groupState: group.state,
        protocolType: group.protocolType,
        protocolData: group.protocolData,
        members: group.members.map((member) => ({
          memberId: member.memberId,
          groupInstanceId: member.groupInstanceId,
          clientId: member.clientId,
          clientHost: member.clientHost,
          memberMetadata: member.metadata,
          memberAssignment: member.assignment,
        })),
        authorizedOperations,
      });
    }
    return { throttleTimeMs: 0, groups };
  },
};
