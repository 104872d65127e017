// produce.send and produce.sendStream: records out, partitions and offsets
// back as decimal strings. The stream ends without `done` when unsubscribed.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers, StreamHandlers } from '../../shared/rpc/dispatcher.js';
import type { DeliveredRecord } from '../kafka/client.js';
import type { ProduceService } from '../produce/produce-service.js';

export type ProduceHandlers = Pick<MethodHandlers<Contract>, 'produce.send'> & Pick<StreamHandlers<Contract>, 'produce.sendStream'>;

const onWire = (records: DeliveredRecord[]) => records.map((r) => ({ partition: r.partition, offset: r.offset.toString() }));

export function produceHandlers(produce: ProduceService): ProduceHandlers {
  return {
    'produce.send': async (input) => {
      const outcome = await produce.send(input);
      return { sent: onWire(outcome.sent), total: outcome.total, elapsedMs: outcome.elapsedMs };
    },
    'produce.sendStream': async (params, sink, signal) => {
      const outcome = await produce.send(params, {
        signal,
        onProgress: (progress) => sink.emit({ type: 'progress', sent: progress.sent, total: progress.total, landed: onWire(progress.landed) }),
      });
      if (!outcome.cancelled) sink.emit({ type: 'done', total: outcome.total, elapsedMs: outcome.elapsedMs });
      sink.end();
    },
  };
}
