// A transport that calls a dispatcher directly, for tests and for hosts that
// run the backend in the same process. Payloads go through JSON both ways, as
// on a real wire, so a bigint or a Buffer leaking into the contract fails here
// too instead of only in Electron or the browser.
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
      return dispatcher.subscribe(stream, overTheWire(params), {
        emit: (event) => onEvent(overTheWire(event)),
        end: (error) => onEnd?.(error),
      });
    },
  };
}
