// Sending from the form and re-sending from the history both record the
// result, so the history and the heat map show every send. One record goes
// as a single call (nothing to show progress for); copies go through the
// stream, which reports "sent X of N" and can be cancelled. A send stopped
// part-way is recorded with what the backend's final count says was sent.
import { useProduce, type ProduceRequest } from '../../api/use-produce';
import { useProduceStream, type StreamedSend } from '../../api/use-produce-stream';
import type { FrameScheduler } from '../../api/use-stream';
import { useProduceHistory } from '../../stores/produce-history-store';

export interface SendProgress {
  sent: number;
  total: number;
  status: StreamedSend['status'];
  /** Cancelled without the backend's final count: a request in flight may have landed more. */
  countMayBeShort: boolean;
}

export function useSendAndRecord(scheduler?: FrameScheduler) {
  const produce = useProduce();
  const stream = useProduceStream(scheduler);
  const add = useProduceHistory((state) => state.add);

  const recordStreamed = (final: StreamedSend) => {
    if (final.status === 'done') add({ request: final.request, sent: final.landed, total: final.sent, elapsedMs: final.elapsedMs });
    else if (final.sent > 0) {
      const stopped = final.status === 'failed' ? 'failed' : 'cancelled';
      add({ request: final.request, sent: final.landed, total: final.sent, elapsedMs: final.elapsedMs, stopped, ...(final.countMayBeShort ? { countMayBeShort: true } : {}) });
    }
  };

  const send = (request: ProduceRequest) => {
    if ((request.count ?? 1) > 1) {
      produce.reset();
      stream.start(request, recordStreamed);
      return;
    }
    stream.reset();
    produce.mutate(request, { onSuccess: (result) => add({ request, sent: result.sent, total: result.total, elapsedMs: result.elapsedMs }) });
  };

  const run = stream.run;
  const streamed = run?.status === 'done' ? { sent: run.landed, total: run.sent, elapsedMs: run.elapsedMs } : undefined;
  return {
    send,
    cancel: stream.cancel,
    result: run ? streamed : produce.data,
    error: run ? run.error : produce.error,
    isPending: produce.isPending || stream.isSending,
    variables: run ? run.request : produce.variables,
    /** The copies being sent, or the last cancelled or failed batch; null for a single send. */
    progress: run && run.status !== 'done' ? ({ sent: run.sent, total: run.total, status: run.status, countMayBeShort: run.countMayBeShort === true } satisfies SendProgress) : null,
  };
}
