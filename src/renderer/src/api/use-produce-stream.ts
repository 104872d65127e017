// Sending many copies through the produce.sendStream stream, so the screen can
// show "sent X of N" and cancel. Events are folded into React state at most
// once per animation frame: a fast send reports several times a second.
// Cancel asks the backend (produce.cancel) and keeps listening: a request in
// flight may still land, and only the stream's final `done` says how many did,
// so the count recorded is what the topic holds. Only when that call fails is
// the stream dropped, with a count that may miss the last request's records.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/app-error';
import type { ProduceEvent } from '../../../shared/contract/produce';
import { useApiClient } from './client';
import { topicKeys } from './query-keys';
import type { ProduceRequest } from './use-produce';
import { animationFrameScheduler, frameBatcher, type FrameScheduler, type StreamEnd } from './use-stream';

export interface StreamedSend {
  request: ProduceRequest;
  /** 'cancelling': asked to stop, waiting for the backend's final count. */
  status: 'sending' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  /** Records sent so far, as last reported. */
  sent: number;
  /** Records asked for. */
  total: number;
  /** Where the first (up to 1,000) landed, in copy order. */
  landed: { partition: number; offset: string }[];
  elapsedMs: number;
  error: AppError | null;
  /** Cancelled without the backend's final count (the cancel call failed): records in flight may be missing from `sent`. */
  countMayBeShort?: boolean;
}

/** Folds one frame's events and, when it came, the stream's end. */
export function reduceStreamedSend(state: StreamedSend, events: ProduceEvent[], end: StreamEnd | null): StreamedSend {
  let { sent, total, elapsedMs, status } = state;
  let landed: StreamedSend['landed'] | null = null;
  for (const event of events) {
    if (event.type === 'progress') {
      ({ sent, total } = event);
      if (event.landed.length > 0) (landed ??= state.landed.slice()).push(...event.landed);
    } else {
      // A cancelled send's `total` is what it sent; the asked-for count stays as it was.
      if (!event.cancelled) total = event.total;
      sent = event.total;
      elapsedMs = event.elapsedMs;
      status = event.cancelled ? 'cancelled' : 'done';
    }
  }
  const error = end?.error ?? null;
  if (error) status = 'failed';
  // Ended while stopping but without a `done`: stopped all the same.
  else if (end && status === 'cancelling') status = 'cancelled';
  return { ...state, sent, total, elapsedMs, status, error, landed: landed ?? state.landed };
}

interface Active {
  sendId: string;
  stop: () => void;
  flushNow: () => void;
  startedAt: number;
  onEnd: (final: StreamedSend) => void;
}

export function useProduceStream(scheduler: FrameScheduler = animationFrameScheduler) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [run, setRun] = useState<StreamedSend | null>(null);
  const current = useRef<StreamedSend | null>(null);
  const active = useRef<Active | null>(null);

  const update = (next: StreamedSend) => {
    current.current = next;
    setRun(next);
  };
  const finish = (final: StreamedSend, ended: Active) => {
    active.current = null;
    update(final);
    void queryClient.invalidateQueries({ queryKey: topicKeys.all(final.request.connectionId) });
    ended.onEnd(final);
  };

  // Leaving the screen stops the send: nobody would see it or be able to cancel it.
  useEffect(() => () => active.current?.stop(), []);

  /** Starts a send; `onEnd` hears once how it ended (done, failed or cancelled). */
  const start = (request: ProduceRequest, onEnd: (final: StreamedSend) => void) => {
    active.current?.stop();
    update({ request, status: 'sending', sent: 0, total: request.count ?? 1, landed: [], elapsedMs: 0, error: null });
    const batcher = frameBatcher<ProduceEvent>(scheduler, (events, end) => {
      const self = active.current;
      if (self !== started || current.current === null) return;
      const next = reduceStreamedSend(current.current, events, end);
      if (end) finish(next, self);
      else update(next);
    });
    // The id goes on the wire only: the request kept (and re-sent from the history) has none.
    const sendId = crypto.randomUUID();
    const unsubscribe = client.subscribe('produce.sendStream', { ...request, sendId }, (event) => batcher.event(event), (error) => batcher.end(error));
    const started: Active = {
      sendId,
      stop: () => {
        unsubscribe();
        batcher.cancel();
      },
      flushNow: () => batcher.flushNow(),
      startedAt: Date.now(),
      onEnd,
    };
    active.current = started;
  };

  /** Stops sending; the stream's final `done` then says how many were sent. */
  const cancel = () => {
    const self = active.current;
    if (!self || current.current === null || current.current.status !== 'sending') return;
    // Events still waiting for a frame count: they were sent.
    self.flushNow();
    if (active.current !== self || current.current === null) return;
    update({ ...current.current, status: 'cancelling' });
    const { connectionId } = current.current.request;
    client.call('produce.cancel', { connectionId, sendId: self.sendId }).catch(() => {
      // The backend may never hear it (the transport dropped): stop listening and say the count is a lower bound.
      self.flushNow();
      if (active.current !== self || current.current === null) return;
      self.stop();
      finish({ ...current.current, status: 'cancelled', countMayBeShort: true, elapsedMs: Date.now() - self.startedAt }, self);
    });
  };

  const reset = () => {
    active.current?.stop();
    active.current = null;
    current.current = null;
    setRun(null);
  };

  return { run, start, cancel, reset, isSending: run?.status === 'sending' || run?.status === 'cancelling' };
}
