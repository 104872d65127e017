// One member of a classic group as the coordinator keeps it, and the protocol
// arithmetic over members (candidates, vote) that Kafka's GroupMetadata does.

import type { Timer } from '../ports.js';
import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from './group-types.js';

export interface GroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  assignment: Buffer;
  /** A parked JoinGroup, answered when the join phase completes. */
  joinWaiter: ((result: JoinGroupResult) => void) | null;
  /** A parked SyncGroup, answered when the leader's assignment arrives. */
  syncWaiter: ((result: SyncGroupResult) => void) | null;
  sessionTimer: Timer | null;
}

export function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Protocol names every given member supports, in the first member's order of preference. */
export function candidateProtocols(members: Iterable<GroupMember>): string[] {
  let candidates: string[] | null = null;
  for (const member of members) {
    const names = member.protocols.map((protocol) => protocol.name);
    candidates = candidates === null ? names : candidates.filter((name) => names.includes(name));
  }
  return candidates ?? [];
}

/**
 * Each member votes for the first candidate in its own list; the most votes
 * win. Ties go to the earlier candidate so the choice is deterministic.
 */
export function selectProtocol(members: GroupMember[]): string | null {
  const candidates = candidateProtocols(members);
  if (candidates.length === 0) return null;
  const votes = new Map<string, number>(candidates.map((name) => [name, 0]));
  for (const member of members) {
    const choice = member.protocols.find((protocol) => votes.has(protocol.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let best = candidates[0]!;
  for (const name of candidates) if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
  return best;
}

export function metadataFor(member: GroupMember, protocolName: string | null): Buffer {
  return member.protocols.find((protocol) => protocol.name === protocolName)?.metadata ?? Buffer.alloc(0);
}

/** Same names and metadata in the same order: a rejoin that changes nothing. */
export function sameProtocols(a: GroupProtocol[], b: GroupProtocol[]): boolean {
  return a.length === b.length && a.every((protocol, i) => protocol.name === b[i]!.name && protocol.metadata.equals(b[i]!.metadata));
}
