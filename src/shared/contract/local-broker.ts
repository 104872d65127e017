// The embedded broker the app ships: started on first run, data in the
// user-data directory, port 9092 unless that is taken.
import { z } from 'zod';
import { empty } from './common.js';
import { method, stream } from './define.js';

const localBrokerStatus = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'stopping', 'failed']),
  bootstrap: z.string().nullable(),
  port: z.number().int().nullable(),
  /** Set when 9092 was taken and another port was used, or when starting failed. */
  notice: z.string().nullable(),
  dataDir: z.string(),
});
export type LocalBrokerStatus = z.infer<typeof localBrokerStatus>;

export const localBroker = {
  'localBroker.status': method({ input: empty, output: localBrokerStatus }),
  'localBroker.start': method({ input: empty, output: localBrokerStatus }),
  'localBroker.stop': method({ input: empty, output: localBrokerStatus }),
  'localBroker.watch': stream({ params: empty, event: localBrokerStatus }),
} as const;
