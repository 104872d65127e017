// THE contract: every method and stream the backend offers, declared once.
// Transports, the backend's handler map and the UI's client are all typed from it.
import { browse } from './browse.js';
import { cluster } from './cluster.js';
import { connections } from './connections.js';
import { groups } from './groups.js';
import { lanes } from './lanes.js';
import { localBroker } from './local-broker.js';
import { produce } from './produce.js';
import { topics } from './topics.js';

export const contract = {
  ...connections,
  ...localBroker,
  ...cluster,
  ...topics,
  ...produce,
  ...lanes,
  ...groups,
  ...browse,
} as const;

export type Contract = typeof contract;
export * from './define.js';
