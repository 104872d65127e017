// The backend side of every transport: looks a call up in the contract,
// validates its input, runs the handler and turns whatever happens into a
// Result. Streams are validated the same way, event by event when asked.
// Electron IPC, the WebSocket server and in-process tests all wrap one of these.
import type { z } from 'zod';
import { appError, type AppError } from '../app-error.js';
import type { ContractShape, MethodName, MethodOutput, ParsedInput, ParsedParams, StreamEvent, StreamName } from '../contract/define.js';
import { AppFailure, failed, ok, type Result } from './result.js';

export interface StreamSink<Event = unknown> {
  emit(event: Event): void;
  /** Ends the stream; with an error when it failed. Later emits are dropped. */
  end(error?: AppError): void;
  /**
   * Bytes emitted but not yet taken by the far end, where the transport can
   * tell (a WebSocket's buffered amount). Producers of fast streams use it to
   * pause their source instead of queueing without bound.
   */
  backlog?(): number;
}

export type MethodHandlers<C extends ContractShape> = {
  [M in MethodName<C>]: (input: ParsedInput<C, M>) => Promise<MethodOutput<C, M>> | MethodOutput<C, M>;
};

export type StreamHandlers<C extends ContractShape> = {
  /** Starts producing events into `sink` until `signal` aborts. */
  [S in StreamName<C>]: (params: ParsedParams<C, S>, sink: StreamSink<StreamEvent<C, S>>, signal: AbortSignal) => void | Promise<void>;
};

export type Handlers<C extends ContractShape> = MethodHandlers<C> & StreamHandlers<C>;

export interface Dispatcher {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(stream: string, params: unknown, sink: StreamSink): () => void;
}

export interface DispatcherOptions {
  /** Also validate outputs and events (tests and development): a mismatch is a bug in the backend. */
  validateOutput?: boolean;
  /** Told about unexpected exceptions, which reach the caller only as INTERNAL_ERROR. */
  onInternalError?: (error: unknown, where: string) => void;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export function toAppError(error: unknown, where: string, options: DispatcherOptions): AppError {
  if (error instanceof AppFailure) return error.error;
  options.onInternalError?.(error, where);
  const detail = error instanceof Error ? error.message : String(error);
  return appError('INTERNAL_ERROR', `Kafka Lanes hit an unexpected error in ${where}: ${detail}`);
}

export function createDispatcher<C extends ContractShape>(contract: C, handlers: Handlers<C>, options: DispatcherOptions = {}): Dispatcher {
  const table = handlers as unknown as Record<string, (...args: unknown[]) => unknown>;

  async function invoke(name: string, input: unknown): Promise<Result<unknown>> {
    const spec = Object.hasOwn(contract, name) ? contract[name] : undefined;
    if (!spec || spec.kind !== 'method') return failed(appError('UNKNOWN_METHOD', `There is no method called ${JSON.stringify(name)}.`));
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return failed(appError('INVALID_INPUT', `${name}: ${describeZodError(parsed.error)}`));
    try {
      const value = await table[name](parsed.data);
      if (!options.validateOutput) return ok(value);
      const checked = spec.output.safeParse(value);
      if (!checked.success) return failed(toAppError(new Error(`output does not match the contract: ${describeZodError(checked.error)}`), name, options));
      return ok(checked.data);
    } catch (error) {
      return failed(toAppError(error, name, options));
    }
  }

  function subscribe(name: string, params: unknown, sink: StreamSink): () => void {
    const spec = Object.hasOwn(contract, name) ? contract[name] : undefined;
    if (!spec || spec.kind !== 'stream') {
      sink.end(appError('UNKNOWN_STREAM', `There is no stream called ${JSON.stringify(name)}.`));
      return () => undefined;
    }
    const parsed = spec.params.safeParse(params);
    if (!parsed.success) {
      sink.end(appError('INVALID_INPUT', `${name}: ${describeZodError(parsed.error)}`));
      return () => undefined;
    }
    const controller = new AbortController();
    let ended = false;
    const guarded: StreamSink = {
      emit(event) {
        if (ended) return;
        if (options.validateOutput) {
          const checked = spec.event.safeParse(event);
          if (!checked.success) {
            guarded.end(toAppError(new Error(`event does not match the contract: ${describeZodError(checked.error)}`), name, options));
            return;
          }
        }
        sink.emit(event);
      },
      end(error) {
        if (ended) return;
        ended = true;
        controller.abort();
        sink.end(error);
      },
      ...(sink.backlog ? { backlog: () => sink.backlog!() } : {}),
    };
    try {
      const started = table[name](parsed.data, guarded, controller.signal);
      if (started instanceof Promise) started.catch((error: unknown) => guarded.end(toAppError(error, name, options)));
    } catch (error) {
      guarded.end(toAppError(error, name, options));
    }
    return () => {
      if (ended) return;
      ended = true;
      controller.abort();
    };
  }

  return { invoke, subscribe };
}
