// DeleteGroups (key 42), versions 0-2.
//
// Behaviour (protocol.md §4.8): per group, NONE and the group's committed
// offsets are dropped; NON_EMPTY_GROUP while it has members;
// GROUP_ID_NOT_FOUND if neither the coordinator nor the offset store knows it.
// A group known only by its offsets (e.g. after a restart) is deletable.
//
// Version notes: v1 only changes throttling semantics; v2 is flexible.
import { deleteAnyGroup } from '../coordinator/stored-groups.js';
import type { DeleteGroupsRequest, DeleteGroupsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

export const deleteGroupsHandler: ApiHandler<DeleteGroupsRequest, DeleteGroupsResponse, BrokerCore> = {
  apiKey: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  async handle(request: DeleteGroupsRequest, { core }: RequestContext<BrokerCore>): Promise<DeleteGroupsResponse> {
    const results = [];
    for (const groupId of request.groupsNames) results.push({ groupId, errorCode: await deleteAnyGroup(core, groupId) });
    return { throttleTimeMs: 0, results };
  },
};
