// The renderer's transport inside Electron: the two functions the preload
// exposes, turned into a Transport. Results are checked for shape because
// whatever arrives over IPC is outside our process's type system.
import { appError } from '../app-error.js';
import { resultSchema, type Result } from './result.js';
import { streamFrameSchema } from './stream-frame.js';
import type { Transport } from './transport.js';

/** What src/preload exposes as `window.kafkaLanes`. */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(stream: string, params: unknown, onFrame: (frame: unknown) => void): () => void;
}

const malformed = (what: string) => appError('TRANSPORT_ERROR', `The app's backend sent a malformed ${what}.`);

export function ipcClientTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke(method, input) {
      const raw = await bridge.invoke(method, input);
      const parsed = resultSchema.safeParse(raw);
      return parsed.success ? (parsed.data as Result<unknown>) : { ok: false, error: malformed('answer') };
    },
    subscribe(stream, params, onEvent, onEnd) {
      let ended = false;
      const unsubscribe = bridge.subscribe(stream, params, (raw) => {
        if (ended) return;
        const frame = streamFrameSchema.safeParse(raw);
        if (!frame.success) {
          ended = true;
          unsubscribe();
          onEnd?.(malformed('stream frame'));
        } else if (frame.data.type === 'event') {
          onEvent(frame.data.event);
        } else {
          ended = true;
          onEnd?.(frame.data.error);
        }
      });
      return () => {
        if (ended) return;
        ended = true;
        unsubscribe();
      };
    },
  };
}
