// localBroker.*: the embedded broker's process.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers, StreamHandlers } from '../../shared/rpc/dispatcher.js';
import type { LocalBrokerService } from '../local-broker/local-broker-service.js';

export type LocalBrokerHandlers = Pick<MethodHandlers<Contract>, 'localBroker.status' | 'localBroker.start' | 'localBroker.stop'> &
  Pick<StreamHandlers<Contract>, 'localBroker.watch'>;

export function localBrokerHandlers(localBroker: LocalBrokerService): LocalBrokerHandlers {
  return {
    'localBroker.status': () => localBroker.status(),
    'localBroker.start': () => localBroker.start(),
    'localBroker.stop': () => localBroker.stop(),
    'localBroker.watch': (_params, sink, signal) => {
      // The current status first, so a new subscriber needs no separate call.
      sink.emit(localBroker.status());
      const unwatch = localBroker.watch((status) => sink.emit(status));
      signal.addEventListener('abort', unwatch, { once: true });
    },
  };
}
