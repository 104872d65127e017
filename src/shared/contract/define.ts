// The two shapes a contract entry can take. A method is one request and one
// answer; a stream is a subscription that delivers events until cancelled.
// Both carry zod schemas so every transport validates what crosses it.
import type { z } from 'zod';

export interface MethodSpec<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly input: Input;
  readonly output: Output;
}

export interface StreamSpec<Params extends z.ZodType = z.ZodType, Event extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly params: Params;
  readonly event: Event;
}

export function method<Input extends z.ZodType, Output extends z.ZodType>(spec: { input: Input; output: Output }): MethodSpec<Input, Output> {
  return { kind: 'method', ...spec };
}

export function stream<Params extends z.ZodType, Event extends z.ZodType>(spec: { params: Params; event: Event }): StreamSpec<Params, Event> {
  return { kind: 'stream', ...spec };
}

export type ContractShape = Readonly<Record<string, MethodSpec | StreamSpec>>;

/** Names of the contract's methods (`topics.list`, …). */
export type MethodName<C extends ContractShape> = { [K in keyof C]: C[K] extends MethodSpec ? K : never }[keyof C] & string;
/** Names of the contract's streams (`lanes.events`, …). */
export type StreamName<C extends ContractShape> = { [K in keyof C]: C[K] extends StreamSpec ? K : never }[keyof C] & string;

export type MethodInput<C extends ContractShape, M extends MethodName<C>> = C[M] extends MethodSpec<infer I, z.ZodType> ? z.input<I> : never;
export type MethodOutput<C extends ContractShape, M extends MethodName<C>> = C[M] extends MethodSpec<z.ZodType, infer O> ? z.output<O> : never;
export type StreamParams<C extends ContractShape, S extends StreamName<C>> = C[S] extends StreamSpec<infer P, z.ZodType> ? z.input<P> : never;
export type StreamEvent<C extends ContractShape, S extends StreamName<C>> = C[S] extends StreamSpec<z.ZodType, infer E> ? z.output<E> : never;

/** What a handler receives: the parsed input (defaults applied). */
export type ParsedInput<C extends ContractShape, M extends MethodName<C>> = C[M] extends MethodSpec<infer I, z.ZodType> ? z.output<I> : never;
export type ParsedParams<C extends ContractShape, S extends StreamName<C>> = C[S] extends StreamSpec<infer P, z.ZodType> ? z.output<P> : never;
