// Shared helpers for the group coordinator tests: a coordinator on a manual
// clock with counting ids, and short-hands for the requests a consumer sends.

import { GroupCoordinator } from '../../../../src/broker/coordinator/group-coordinator.js';
import type { GroupProtocol, GroupSettings, JoinGroupInput, JoinGroupResult } from '../../../../src/broker/coordinator/group-types.js';
import { FakeClock } from '../storage/fake-clock.js';

export const GROUP = 'orders';

export function harness(settings: Partial<GroupSettings> = {}) {
  const clock = new FakeClock();
  let counter = 0;
  const ids = {
    randomBytes16: () => {
      const bytes = Buffer.alloc(16);
      bytes.writeUInt32BE(++counter, 12);
      return bytes;
    },
  };
  const coordinator = new GroupCoordinator({
    settings: { initialRebalanceDelayMs: 0, minSessionTimeoutMs: 6_000, maxSessionTimeoutMs: 300_000, maxSize: 100, ...settings },
    clock,
    ids,
  });
  return { clock, coordinator };
}

export function protocols(...names: string[]): GroupProtocol[] {
  return names.map((name) => ({ name, metadata: Buffer.from(`meta:${name}`) }));
}

export function joinInput(overrides: Partial<JoinGroupInput> = {}): JoinGroupInput {
  return {
    groupId: GROUP,
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: protocols('range'),
    requireKnownMemberId: false,
    ...overrides,
  };
}

/** Settles already-resolved promises so a test can see whether a parked one is still pending. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Tracks a promise so a test can ask whether it has settled yet. */
export function track<T>(promise: Promise<T>): { done: () => boolean; value: () => T } {
  let settled = false;
  let result: T | undefined;
  void promise.then((value) => {
    settled = true;
    result = value;
  });
  return {
    done: () => settled,
    value: () => {
      if (!settled) throw new Error('promise still pending');
      return result as T;
    },
  };
}

export function sync(
  coordinator: GroupCoordinator,
  joined: JoinGroupResult,
  assignments: { memberId: string; assignment: Buffer }[] = [],
) {
  return coordinator.sync({ groupId: GROUP, generationId: joined.generationId, memberId: joined.memberId, groupInstanceId: null, assignments });
}

export function heartbeat(coordinator: GroupCoordinator, memberId: string, generationId: number, groupInstanceId: string | null = null) {
  return coordinator.heartbeat({ groupId: GROUP, generationId, memberId, groupInstanceId });
}
