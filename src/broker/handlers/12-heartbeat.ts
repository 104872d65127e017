// Heartbeat (key 12), versions 0-4.
//
// Behaviour: keeps the member's session alive. REBALANCE_IN_PROGRESS is how a
// member learns it must rejoin; UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION /
// FENCED_INSTANCE_ID come from the coordinator's member checks (protocol.md §4.3).
//
// Version notes: v1 adds throttle_time_ms, v3 group_instance_id, v4 is the
// first flexible version.
import type { HeartbeatRequest, HeartbeatResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

export const heartbeatHandler: ApiHandler<HeartbeatRequest, HeartbeatResponse, BrokerCore> = {
  apiKey: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  async handle(request: HeartbeatRequest, ctx: RequestContext<BrokerCore>): Promise<HeartbeatResponse> {
    const errorCode = await ctx.core.groups.heartbeat({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId ?? null,
    });
    return { throttleTimeMs: 0, errorCode };
  },
};
