import { z } from 'zod';
import { onConnection } from './common.js';
import { method } from './define.js';

const clusterInfo = z.object({
  clusterId: z.string().nullable(),
  controllerId: z.number().int(),
  brokers: z.array(z.object({ nodeId: z.number().int(), host: z.string(), port: z.number().int(), rack: z.string().nullable() })),
});

export const cluster = {
  'cluster.describe': method({ input: onConnection, output: clusterInfo }),
} as const;
