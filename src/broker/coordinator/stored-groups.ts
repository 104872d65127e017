// Group questions answered over both the live coordinator and the offset
// store. Only committed offsets are persisted, not group membership, so after
// a restart (or once the coordinator forgot an idle group) a group may exist
// only as offsets. Kafka reloads such a group as an Empty group; these
// functions make the cross-group APIs (ListGroups, DescribeGroups,
// DeleteGroups, OffsetDelete) treat it the same way. JoinGroup and
// OffsetCommit need nothing: the coordinator creates a group on demand.
//
// Protocol type of an offsets-only group: "consumer". Kafka persists the
// protocol type with the group, and nearly every group with committed offsets
// is a consumer group, so that is what Kafka would show after its reload.
// (Kafka shows "" for a group that only ever had admin commits; we cannot tell
// the two apart once membership is gone.)

import { ErrorCode } from '../protocol/error-codes.js';
import { CONSUMER_PROTOCOL_TYPE } from './consumer-protocol.js';
import type { GroupCoordinator } from './group-coordinator.js';
import type { DescribedGroup, ListedGroup } from './group-types.js';
import type { OffsetStore } from './offset-store.js';

export interface GroupSources {
  readonly groups: GroupCoordinator;
  readonly offsets: OffsetStore;
}

function storedOnly({ groups, offsets }: GroupSources, groupId: string): boolean {
  return !groups.has(groupId) && offsets.hasGroup(groupId);
}

export function groupExists(sources: GroupSources, groupId: string): boolean {
  return sources.groups.has(groupId) || storedOnly(sources, groupId);
}

/** ListGroups over live and offsets-only groups; the filter is case-insensitive, empty = all. */
export async function listAllGroups(sources: GroupSources, statesFilter: readonly string[] = []): Promise<ListedGroup[]> {
  const live = await sources.groups.list(statesFilter);
  const wantsEmpty = statesFilter.length === 0 || statesFilter.some((state) => state.toLowerCase() === 'empty');
  if (!wantsEmpty) return live;
  const stored = sources.offsets
    .groups()
    .filter((groupId) => !sources.groups.has(groupId))
    .map((groupId): ListedGroup => ({ groupId, protocolType: CONSUMER_PROTOCOL_TYPE, state: 'Empty' }));
  return [...live, ...stored];
}

/** DescribeGroups v0-5: an offsets-only group is Empty; a group nobody knows is Dead. */
export async function describeAnyGroup(sources: GroupSources, groupId: string): Promise<DescribedGroup> {
  if (storedOnly(sources, groupId)) {
    return { errorCode: ErrorCode.NONE, groupId, state: 'Empty', protocolType: CONSUMER_PROTOCOL_TYPE, protocolData: '', members: [] };
  }
  return sources.groups.describe(groupId);
}

/** DeleteGroups for one group: an Empty or offsets-only group goes, with its offsets. */
export async function deleteAnyGroup(sources: GroupSources, groupId: string): Promise<ErrorCode> {
  if (storedOnly(sources, groupId)) {
    sources.offsets.deleteGroup(groupId);
    return ErrorCode.NONE;
  }
  const errorCode = await sources.groups.delete(groupId);
  if (errorCode === ErrorCode.NONE) sources.offsets.deleteGroup(groupId);
  return errorCode;
}
