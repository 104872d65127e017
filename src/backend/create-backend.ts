// The backend as one object: services wired to their ports, the handler map
// every transport mounts, and dispose() to release clients and the broker.
// Electron, browser mode and the tests all start here.
import { join } from 'node:path';
import { contract, type Contract } from '../shared/contract/index.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions, type Handlers } from '../shared/rpc/dispatcher.js';
import { ConnectionRegistry } from './connections/connection-registry.js';
import { browseHandlers } from './handlers/browse.js';
import { clusterHandlers } from './handlers/cluster.js';
import { connectionHandlers } from './handlers/connections.js';
import { laneHandlers } from './handlers/lanes.js';
import { groupHandlers } from './handlers/groups.js';
import { localBrokerHandlers } from './handlers/local-broker.js';
import { produceHandlers } from './handlers/produce.js';
import { topicHandlers } from './handlers/topics.js';
import { createLaneKafka } from './kafka/kafkajs-consumer.js';
import { LaneService } from './lanes/lane-service.js';
import type { BrokerLaunch } from './local-broker/broker-launch.js';
import { LocalBrokerService } from './local-broker/local-broker-service.js';
import { silentLogger, systemClock, type Clock, type Logger } from './ports.js';
import { BrowseService } from './browse/browse-service.js';
import { GroupService } from './groups/group-service.js';
import { ProduceService } from './produce/produce-service.js';
import { TopicService } from './topics/topic-service.js';

export interface BackendDeps {
  /** Where profiles and the local broker's data live. */
  userDataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Start the local broker now (the app asks for this on first run). */
  autoStartLocalBroker?: boolean;
  /** The local broker's preferred port. Default 9092. */
  localBrokerPort?: number;
  /** How to run the local broker process; default: the compiled CLI under this Node. */
  localBrokerLaunch?: BrokerLaunch;
  /** Passed to the dispatcher, e.g. `validateOutput` in tests. */
  dispatcher?: DispatcherOptions;
}

export interface Backend {
  readonly handlers: Handlers<Contract>;
  readonly dispatcher: Dispatcher;
  readonly localBroker: LocalBrokerService;
  /** Stops the local broker and closes every Kafka client. */
  dispose(): Promise<void>;
}

export const DEFAULT_LOCAL_BROKER_PORT = 9092;

export function createBackend(deps: BackendDeps): Backend {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const preferredPort = deps.localBrokerPort ?? DEFAULT_LOCAL_BROKER_PORT;
  const localBroker = new LocalBrokerService({
    dataDir: join(deps.userDataDir, 'local-broker'),
    port: preferredPort,
    clock,
    logger,
    ...(deps.localBrokerLaunch ? { launch: deps.localBrokerLaunch } : {}),
  });
  const connections = new ConnectionRegistry({
    userDataDir: deps.userDataDir,
    logger,
    localBootstrap: () => localBroker.status().bootstrap ?? `127.0.0.1:${preferredPort}`,
    localBrokerState: () => localBroker.status().state,
  });
  const topics = new TopicService(connections);
  const produce = new ProduceService(connections, clock);
  const lanes = new LaneService({ connections, clock, logger, laneKafka: (profile) => createLaneKafka(profile, { logger }) });
  const groups = new GroupService(connections);
  const browse = new BrowseService(connections, clock);

  const handlers: Handlers<Contract> = {
    ...connectionHandlers({ connections, clock, logger }),
    ...localBrokerHandlers(localBroker),
    ...clusterHandlers(connections),
    ...topicHandlers(topics),
    ...produceHandlers(produce),
    ...laneHandlers(lanes),
    ...groupHandlers(groups),
    ...browseHandlers(browse),
  };
  const dispatcher = createDispatcher(contract, handlers, deps.dispatcher);

  if (deps.autoStartLocalBroker) {
    void localBroker.start().then((status) => {
      if (status.state === 'failed') logger.warn('local broker did not start', { notice: status.notice });
    });
  }

  let disposing: Promise<void> | undefined;
  return {
    handlers,
    dispatcher,
    localBroker,
    // Lanes first: their members leave their groups while the broker still runs.
    dispose: () => (disposing ??= lanes.dispose().then(() => Promise.allSettled([connections.dispose(), localBroker.dispose()])).then(() => undefined)),
  };
}
