// produce.send, produce.sendStream and produce.cancel: records out, partitions
// and offsets back as decimal strings. A stream stopped by produce.cancel ends
// with a final progress and `done` marked cancelled; one stopped by
// unsubscribing ends without them (nobody is listening).
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers, StreamHandlers } from '../../shared/rpc/dispatcher.js';
import type { DeliveredRecord } from '../kafka/client.js';
import type { ProduceService } from '../produce/produce-service.js';

export type ProduceHandlers = Pick<MethodHandlers<Contract>, 'produce.send' | 'produce.cancel'> & Pick<StreamHandlers<Contract>, 'produce.sendStream'>;

const onWire = (records: DeliveredRecord[]) => records.map((r) => ({ partition: r.partition, offset: r.offset.toString() }));

export function produceHandlers(produce: ProduceService): ProduceHandlers {
  return {
    'produce.send': async (input) => {
      const outcome = await produce.send(input);
      return { sent: onWire(outcome.sent), total: outcome.total, elapsedMs: outcome.elapsedMs };
    },
    'produce.sendStream': async ({ sendId, ...params }, sink, signal) => {
      const outcome = await produce.send(params, {
        signal,
        sendId,
        onProgress: (progress) => sink.emit({ type: 'progress', sent: progress.sent, total: progress.total, landed: onWire(progress.landed) }),
      });
      // After an unsubscribe the sink drops this; after produce.cancel it is the count the caller records.
      sink.emit({ type: 'done', total: outcome.total, elapsedMs: outcome.elapsedMs, cancelled: outcome.cancelled });
      sink.end();
    },
    'produce.cancel': ({ connectionId, sendId }) => {
      produce.cancel(connectionId, sendId);
      return null;
    },
  };
}
