// LeaveGroup (key 13), versions 0-5.
//
// Behaviour: removes members, which rebalances the group (or empties it).
// Static members may leave by instance id alone (protocol.md §4.3-4.4).
//
// Version notes:
// - v0-2 carry one member_id and answer one error code: the group-level error
//   if there is one, else that member's.
// - v3+ carry a members array (member_id, group_instance_id) and answer an
//   error per member next to the group-level one (KIP-345).
// - v4 is the first flexible version; v5 adds a per-member reason.
import { ErrorCode } from '../protocol/error-codes.js';
import type { LeaveGroupRequest, LeaveGroupResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_BATCHED_VERSION = 3;

export const leaveGroupHandler: ApiHandler<LeaveGroupRequest, LeaveGroupResponse, BrokerCore> = {
  apiKey: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  async handle(request: LeaveGroupRequest, ctx: RequestContext<BrokerCore>): Promise<LeaveGroupResponse> {
    const batched = ctx.apiVersion >= FIRST_BATCHED_VERSION;
    const members = batched
      ? (request.members ?? []).map(({ memberId, groupInstanceId, reason }) => ({ memberId, groupInstanceId, reason: reason ?? null }))
      : [{ memberId: request.memberId ?? '', groupInstanceId: null }];
    const result = await ctx.core.groups.leave({ groupId: request.groupId, members });
    if (batched) return { throttleTimeMs: 0, errorCode: result.errorCode, members: result.members };
    const memberError = result.members[0]?.errorCode ?? ErrorCode.NONE;
    return { throttleTimeMs: 0, errorCode: result.errorCode !== ErrorCode.NONE ? result.errorCode : memberError };
  },
};
