// cluster.*: what a connection's cluster is made of.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers } from '../../shared/rpc/dispatcher.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';

export type ClusterHandlers = Pick<MethodHandlers<Contract>, 'cluster.describe'>;

export function clusterHandlers(connections: ConnectionRegistry): ClusterHandlers {
  return {
    'cluster.describe': (input) => connections.client(input.connectionId).admin.describeCluster(),
  };
}
