// A transport carries contract calls between the UI and the backend: Electron
// IPC, a WebSocket, or a direct in-process call in tests. Payloads are plain
// JSON values; validation happens at both ends, not in the transport.
import type { AppError } from '../app-error.js';
import type { Result } from './result.js';

export interface Transport {
  /** Calls a method; resolves with its Result, never rejects for an application error. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /**
   * Opens a stream. `onEvent` gets each event; `onEnd` runs once when the
   * backend ends the stream (with an error when it failed). Returns a function
   * that cancels the subscription.
   */
  subscribe(stream: string, params: unknown, onEvent: (event: unknown) => void, onEnd?: (error?: AppError) => void): () => void;
}
