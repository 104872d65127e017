// ListGroups (key 16), versions 0-4.
//
// Behaviour: every group the coordinator knows, plus groups that exist only as
// committed offsets (listed Empty, as Kafka lists groups it reloaded). The v4
// states filter is case-insensitive and empty means all states.
//
// Version notes: v1 adds throttle_time_ms, v3 is the first flexible version,
// v4 adds states_filter and each group's state (KIP-518). v5 (types filter,
// KIP-848) is not offered. librdkafka 2.0.2 sends v3+ requests with a stray
// extra 0x00 after the body; the router ignores bytes after a decoded body.
import { ErrorCode } from '../protocol/error-codes.js';
import { listAllGroups } from '../coordinator/stored-groups.js';
import type { ListGroupsRequest, ListGroupsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_STATES = 4;

export const listGroupsHandler: ApiHandler<ListGroupsRequest, ListGroupsResponse, BrokerCore> = {
  apiKey: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 4,
  async handle(request: ListGroupsRequest, { apiVersion, core }: RequestContext<BrokerCore>): Promise<ListGroupsResponse> {
    const withStates = apiVersion >= FIRST_VERSION_WITH_STATES;
    const listed = await listAllGroups(core, withStates ? (request.statesFilter ?? []) : []);
    const groups = listed.map(({ groupId, protocolType, state }) => (withStates ? { groupId, protocolType, groupState: state } : { groupId, protocolType }));
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups };
  },
};
