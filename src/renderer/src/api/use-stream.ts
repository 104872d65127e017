// Subscribes to a contract stream and folds its events into React state at
// most once per animation frame: a lane can deliver thousands of records a
// second, and one setState per event would re-render for each of them.
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { StreamEvent, StreamName, StreamParams } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract/index';
import { useApiClient } from './client';

type Name = StreamName<Contract>;

/** Schedules one flush; returns a cancel function. Injected in tests. */
export type FrameScheduler = (flush: () => void) => () => void;

export const animationFrameScheduler: FrameScheduler = (flush) => {
  const handle = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(handle);
};

export interface StreamState<T> {
  state: T;
  /** True once the backend ended the stream (normally or with `error`). */
  ended: boolean;
  error: AppError | null;
}

export interface UseStreamOptions<S extends Name, T> {
  /** Null: not subscribed. A change of value (compared as JSON) resubscribes and starts from `initial`. */
  params: StreamParams<Contract, S> | null;
  initial: T;
  /** Folds one frame's events into the state; must not mutate `state`. */
  reduce: (state: T, events: StreamEvent<Contract, S>[]) => T;
  scheduler?: FrameScheduler;
}

export function useStream<S extends Name, T>(stream: S, options: UseStreamOptions<S, T>): StreamState<T> {
  const client = useApiClient();
  const { params, initial, reduce, scheduler = animationFrameScheduler } = options;
  const [result, setResult] = useState<StreamState<T>>({ state: initial, ended: false, error: null });
  const reduceRef = useRef(reduce);
  reduceRef.current = reduce;
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const paramsKey = params === null ? null : JSON.stringify(params);

  useEffect(() => {
    if (paramsKey === null) return;
    setResult({ state: initialRef.current, ended: false, error: null });
    let pending: StreamEvent<Contract, S>[] = [];
    let end: { error: AppError | null } | null = null;
    let cancelFlush: (() => void) | null = null;

    const flush = () => {
      cancelFlush = null;
      const events = pending;
      pending = [];
      const ending = end;
      setResult((previous) => ({
        state: events.length > 0 ? reduceRef.current(previous.state, events) : previous.state,
        ended: previous.ended || ending !== null,
        error: ending?.error ?? previous.error,
      }));
    };
    const schedule = () => {
      cancelFlush ??= scheduler(flush);
    };

    const unsubscribe = client.subscribe(
      stream,
      JSON.parse(paramsKey) as StreamParams<Contract, S>,
      (event) => {
        pending.push(event);
        schedule();
      },
      (error) => {
        end = { error: error ?? null };
        schedule();
      },
    );
    return () => {
      unsubscribe();
      cancelFlush?.();
    };
  }, [client, stream, paramsKey, scheduler]);

  return result;
}
