// Builds the BrokerCore the handlers see: configuration, ports, the log
// manager, the group coordinator, committed offsets, idempotent producer
// state, where clients should connect, and the append notifications that
// wake Fetch long-polls.
import type { BrokerConfig } from '../config/types.js';
import type { ApiHandler, BrokerCore } from '../handlers/types.js';
import type { Clock, IdSource, Logger } from '../ports.js';
import type { GroupCoordinator } from '../coordinator/group-coordinator.js';
import type { OffsetStore } from '../coordinator/offset-store.js';
import type { LogManager } from '../storage/log-manager.js';
import type { ProducerIdAllocator } from '../storage/producer-ids.js';
import type { ProducerStateTable } from '../storage/producer-state.js';
import type { AppendWaiters } from './append-waiters.js';

export interface BrokerCoreParts {
  readonly config: BrokerConfig;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly logs: LogManager;
  readonly groups: GroupCoordinator;
  readonly offsets: OffsetStore;
  readonly producers: ProducerStateTable;
  readonly producerIds: ProducerIdAllocator;
  readonly advertised: { readonly host: string; readonly port: number };
  readonly waiters: AppendWaiters;
  readonly handlers: readonly ApiHandler[];
}

export function createBrokerCore(parts: BrokerCoreParts): BrokerCore {
  const { waiters } = parts;
  const supportedApis = [...parts.handlers]
    .map(({ apiKey, minVersion, maxVersion }) => Object.freeze({ apiKey, minVersion, maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
  return {
    config: parts.config,
    clock: parts.clock,
    ids: parts.ids,
    logger: parts.logger,
    logs: parts.logs,
    groups: parts.groups,
    offsets: parts.offsets,
    producers: parts.producers,
    producerIds: parts.producerIds,
    advertised: Object.freeze({ ...parts.advertised }),
    supportedApis: Object.freeze(supportedApis),
    notifyAppend: (topic, partition) => waiters.notify(topic, partition),
    waitForAppend: (partitions, timeoutMs) => waiters.wait(partitions, timeoutMs),
  };
}
