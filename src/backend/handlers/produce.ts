// produce.send: records out, partitions and offsets back as decimal strings.
import type { Contract } from '../../shared/contract/index.js';
import type { MethodHandlers } from '../../shared/rpc/dispatcher.js';
import type { ProduceService } from '../produce/produce-service.js';

export type ProduceHandlers = Pick<MethodHandlers<Contract>, 'produce.send'>;

export function produceHandlers(produce: ProduceService): ProduceHandlers {
  return {
    'produce.send': async (input) => {
      const outcome = await produce.send(input);
      return { sent: outcome.sent.map((r) => ({ partition: r.partition, offset: r.offset.toString() })), total: outcome.total, elapsedMs: outcome.elapsedMs };
    },
  };
}
