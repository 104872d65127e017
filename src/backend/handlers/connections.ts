// connections.*: saved profiles and "test connection".
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers } from '../../shared/rpc/dispatcher.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { testConnection } from '../connections/connection-test.js';
import type { Clock, Logger } from '../ports.js';

export type ConnectionHandlers = Pick<MethodHandlers<Contract>, 'connections.list' | 'connections.save' | 'connections.remove' | 'connections.test'>;

export function connectionHandlers(deps: { connections: ConnectionRegistry; clock: Clock; logger: Logger }): ConnectionHandlers {
  const { connections } = deps;
  return {
    'connections.list': () => connections.list(),
    'connections.save': (input) => connections.save(input),
    'connections.remove': (input) => {
      connections.remove(input.id);
      return null;
    },
    'connections.test': (input) => {
      const profile = 'id' in input ? connections.profile(input.id) : connections.resolveDraft(input.profile);
      return testConnection(profile, { clock: deps.clock, logger: deps.logger });
    },
  };
}
