// A transport that calls a dispatcher directly, for tests and for hosts that
// run the backend in the same process. Payloads go through JSON both ways, as
// on a real wire, so a bigint or a Buffer leaking into the contract fails here
// too instead of only in Electron or the browser. Stream frames are delivered
// on a later microtask, never during subscribe(), as on any real transport.
import type { Dispatcher } from './dispatcher.js';
import type { Result } from './result.js';
import type { Transport } from './transport.js';

const overTheWire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export function inProcessTransport(dispatcher: Dispatcher): Transport {
  return {
    async invoke(method, input) {
      return overTheWire(await dispatcher.invoke(method, overTheWire(input))) as Result<unknown>;
    },
    subscribe(stream, params, onEvent, onEnd) {
      let cancelled = false;
      const later = (deliver: () => void) => queueMicrotask(() => cancelled || deliver());
      const cancel = dispatcher.subscribe(stream, overTheWire(params), {
        emit: (event) => {
          const copy = overTheWire(event);
          later(() => onEvent(copy));
        },
        end: (error) => later(() => onEnd?.(error)),
      });
      return () => {
        cancelled = true;
        cancel();
      };
    },
  };
}
