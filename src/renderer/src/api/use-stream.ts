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

/** What ended a stream: null error for a normal end. */
export interface StreamEnd {
  error: AppError | null;
}

export interface FrameBatcher<E> {
  event(event: E): void;
  end(error?: AppError): void;
  /** Hands over what is pending now instead of at the next frame. */
  flushNow(): void;
  /** Drops the pending frame (what is pending is never handed over). */
  cancel(): void;
}

/**
 * Collects a stream's events and its end and hands them to `flush` together,
 * at most once per frame. `end` stays set for every flush after it arrived.
 */
export function frameBatcher<E>(scheduler: FrameScheduler, flush: (events: E[], end: StreamEnd | null) => void): FrameBatcher<E> {
  let pending: E[] = [];
  let end: StreamEnd | null = null;
  let cancelFlush: (() => void) | null = null;
  const run = () => {
    cancelFlush = null;
    const events = pending;
    pending = [];
    flush(events, end);
  };
  const schedule = () => {
    cancelFlush ??= scheduler(run);
  };
  return {
    event(event) {
      pending.push(event);
      schedule();
    },
    end(error) {
      end = { error: error ?? null };
      schedule();
    },
    flushNow() {
      if (cancelFlush === null) return;
      cancelFlush();
      run();
    },
    cancel() {
      cancelFlush?.();
      cancelFlush = null;
    },
  };
}

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
    const batcher = frameBatcher<StreamEvent<Contract, S>>(scheduler, (events, ending) =>
      setResult((previous) => ({
        state: events.length > 0 ? reduceRef.current(previous.state, events) : previous.state,
        ended: previous.ended || ending !== null,
        error: ending?.error ?? previous.error,
      })),
    );
    const unsubscribe = client.subscribe(
      stream,
      JSON.parse(paramsKey) as StreamParams<Contract, S>,
      (event) => batcher.event(event),
      (error) => batcher.end(error),
    );
    return () => {
      unsubscribe();
      batcher.cancel();
    };
  }, [client, stream, paramsKey, scheduler]);

  return result;
}
