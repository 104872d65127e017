// JoinGroup (key 11), versions 0-9.
//
// Behaviour: a thin translation to the group coordinator, which parks the
// request until the join phase ends (protocol.md §4.2). The member's client
// id and host come from the connection, as Kafka records them for
// DescribeGroups. Only the leader's answer carries the member list.
//
// Version notes:
// - v0 has no rebalance timeout; Kafka uses the session timeout for both.
// - v4+: a new dynamic member first gets MEMBER_ID_REQUIRED with its id and
//   must rejoin with it (KIP-394); older clients are admitted directly.
// - v5+ carry group_instance_id (static membership).
// - v7+ answer protocol_type, and protocol_name becomes nullable; below v7 a
//   missing name is sent as "" because the field cannot be null there.
// - v9 adds skip_assignment (a static leader rejoining without a rebalance).
import type { JoinGroupRequest, JoinGroupResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_REBALANCE_TIMEOUT = 1;
const FIRST_VERSION_REQUIRING_MEMBER_ID = 4;
const FIRST_VERSION_WITH_PROTOCOL_TYPE = 7;
const FIRST_VERSION_WITH_SKIP_ASSIGNMENT = 9;

export const joinGroupHandler: ApiHandler<JoinGroupRequest, JoinGroupResponse, BrokerCore> = {
  apiKey: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  async handle(request: JoinGroupRequest, ctx: RequestContext<BrokerCore>): Promise<JoinGroupResponse> {
    const { apiVersion, connection, core } = ctx;
    const result = await core.groups.join({
      groupId: request.groupId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId ?? null,
      clientId: connection.clientId ?? '',
      clientHost: connection.clientHost,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: apiVersion >= FIRST_VERSION_WITH_REBALANCE_TIMEOUT ? (request.rebalanceTimeoutMs ?? request.sessionTimeoutMs) : request.sessionTimeoutMs,
      protocolType: request.protocolType,
      protocols: request.protocols.map(({ name, metadata }) => ({ name, metadata })),
      requireKnownMemberId: apiVersion >= FIRST_VERSION_REQUIRING_MEMBER_ID,
      reason: request.reason ?? null,
    });
    const response: JoinGroupResponse = {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolName: apiVersion >= FIRST_VERSION_WITH_PROTOCOL_TYPE ? result.protocolName : (result.protocolName ?? ''),
      leader: result.leader,
      memberId: result.memberId,
      members: result.members.map(({ memberId, groupInstanceId, metadata }) => ({ memberId, groupInstanceId, metadata })),
    };
    if (apiVersion >= FIRST_VERSION_WITH_PROTOCOL_TYPE) response.protocolType = result.protocolType;
    if (apiVersion >= FIRST_VERSION_WITH_SKIP_ASSIGNMENT) response.skipAssignment = result.skipAssignment;
    return response;
  },
};
