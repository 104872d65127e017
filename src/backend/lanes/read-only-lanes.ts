// What a lane may do on a read-only connection: read, and nothing else.
// A lane is a real consumer group, so "read-only" has to cover more than the
// admin calls the registry's write gate guards: auto-commit writes offsets,
// joining a group that already exists rebalances its consumers (on a
// production cluster, the service's own consumers lose their partitions), and
// replay commits the low watermarks. This module owns those rules; LaneService
// applies them at open, start and replay.
import type { StoredProfile } from '../connections/profile-store.js';
import { ErrorCode, fail } from '../errors.js';
import type { KafkaClient } from '../kafka/client.js';
import type { LaneConfig } from './lane.js';

/** What the registry's write gate names when a lane's replay would commit offsets. */
export const REPLAY_WRITE = "replaying a lane from earliest (it commits the group's offsets; open a new lane set to earliest on a new group id instead)";

/** Refuses a lane that would write to a read-only cluster or disturb a group that is already there. */
export async function requireReadOnlyLane(profile: StoredProfile, config: Pick<LaneConfig, 'groupId' | 'autoCommit'>, client: KafkaClient): Promise<void> {
  if (!profile.readOnly) return;
  const readOnly = `"${profile.name}" is a read-only connection`;
  if (config.autoCommit) {
    fail(ErrorCode.READ_ONLY_CONNECTION, `${readOnly}: a lane with auto-commit would write the group's offsets. Turn auto-commit off to read without writing.`);
  }
  await requireNewGroup(config.groupId, client, readOnly);
}

/**
 * A group "exists" when it has members or committed offsets (on any topic).
 * Members would be rebalanced by the lane joining; committed offsets belong to
 * some consumer that will come back to them. An Empty group with neither
 * leaves no one to disturb.
 */
async function requireNewGroup(groupId: string, client: KafkaClient, readOnly: string): Promise<void> {
  const [group, committed] = await Promise.all([client.groups.describe(groupId), client.groups.committedOffsets(groupId)]);
  if (group.members.length === 0 && committed.length === 0) return;
  const has = group.members.length > 0 ? `${group.members.length} member(s)` : 'committed offsets';
  fail(
    ErrorCode.READ_ONLY_CONNECTION,
    `${readOnly}: group "${groupId}" already exists (it has ${has}), and joining it would rebalance that group's consumers. Use a new group id.`,
  );
}
