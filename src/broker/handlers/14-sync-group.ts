// SyncGroup (key 14), versions 0-5.
//
// Behaviour: the leader brings every member's assignment; followers are
// parked by the coordinator until it arrives (protocol.md §4.3). Checks, in
// Kafka's order: member known, generation current, then (v5) protocol type
// and name match the group's.
//
// Version notes: v1 adds throttle_time_ms, v3 group_instance_id, v4 is the
// first flexible version, v5 adds protocol_type/protocol_name both ways
// (KIP-559) so a client can detect a mismatched assignor.
import type { SyncGroupRequest, SyncGroupResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_PROTOCOL = 5;

export const syncGroupHandler: ApiHandler<SyncGroupRequest, SyncGroupResponse, BrokerCore> = {
  apiKey: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  async handle(request: SyncGroupRequest, ctx: RequestContext<BrokerCore>): Promise<SyncGroupResponse> {
    const withProtocol = ctx.apiVersion >= FIRST_VERSION_WITH_PROTOCOL;
    const result = await ctx.core.groups.sync({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId ?? null,
      protocolType: withProtocol ? (request.protocolType ?? null) : null,
      protocolName: withProtocol ? (request.protocolName ?? null) : null,
      assignments: request.assignments.map(({ memberId, assignment }) => ({ memberId, assignment })),
    });
    const response: SyncGroupResponse = { throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment };
    if (withProtocol) Object.assign(response, { protocolType: result.protocolType, protocolName: result.protocolName });
    return response;
  },
};
