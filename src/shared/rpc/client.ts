// The caller's side: a typed view of a Transport. `call` resolves with the
// method's output or rejects with an AppFailure carrying the AppError, which
// is what TanStack Query expects from a query function.
import type { ContractShape, MethodInput, MethodName, MethodOutput, StreamEvent, StreamName, StreamParams } from '../contract/define.js';
import type { AppError } from '../app-error.js';
import { AppFailure } from './result.js';
import type { Transport } from './transport.js';

export interface ContractClient<C extends ContractShape> {
  call<M extends MethodName<C>>(method: M, input: MethodInput<C, M>): Promise<MethodOutput<C, M>>;
  subscribe<S extends StreamName<C>>(
    stream: S,
    params: StreamParams<C, S>,
    onEvent: (event: StreamEvent<C, S>) => void,
    onEnd?: (error?: AppError) => void,
  ): () => void;
}

export function createClient<C extends ContractShape>(transport: Transport): ContractClient<C> {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new AppFailure(result.error);
      return result.value as never;
    },
    subscribe(stream, params, onEvent, onEnd) {
      return transport.subscribe(stream, params, (event) => onEvent(event as never), onEnd);
    },
  };
}
