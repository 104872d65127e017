// Saved cluster profiles and "test connection". Secrets go in, never come back:
// a saved profile reports only whether a password or key is set.
import { z } from 'zod';
import { connectionId, empty, nothing } from './common.js';
import { method } from './define.js';

const saslMechanism = z.enum(['plain', 'scram-sha-256', 'scram-sha-512']);

const tlsSettings = z.object({
  enabled: z.boolean(),
  /** PEM text; absent means the system's trusted CAs. */
  ca: z.string().optional(),
  cert: z.string().optional(),
  key: z.string().optional(),
  /** For self-signed development clusters only. */
  rejectUnauthorized: z.boolean().default(true),
});

const profileFields = {
  name: z.string().min(1).max(100),
  bootstrapServers: z.array(z.string().regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'expected host:port')).min(1),
  clientId: z.string().min(1).max(200).default('kafka-lanes'),
  readOnly: z.boolean().default(false),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #3b82f6'),
};

/** What the UI sends to save a profile. Leave a secret out to keep the stored one; send "" to remove it. */
export const profileInput = z.object({
  id: connectionId.optional(),
  ...profileFields,
  tls: tlsSettings.optional(),
  sasl: z.object({ mechanism: saslMechanism, username: z.string().min(1), password: z.string().optional() }).optional(),
});

/** What the backend shows: no secret values, only whether they are set. */
export const profileView = z.object({
  id: connectionId,
  ...profileFields,
  builtIn: z.boolean(),
  tls: z.object({ enabled: z.boolean(), hasCa: z.boolean(), hasCert: z.boolean(), hasKey: z.boolean(), rejectUnauthorized: z.boolean() }).optional(),
  sasl: z.object({ mechanism: saslMechanism, username: z.string(), hasPassword: z.boolean() }).optional(),
});
export type ProfileView = z.infer<typeof profileView>;

export const connectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), clusterId: z.string().nullable(), brokers: z.number().int(), elapsedMs: z.number() }),
  z.object({
    ok: z.literal(false),
    cause: z.enum(['unreachable', 'tls', 'auth', 'not-kafka', 'timeout', 'other']),
    message: z.string(),
    elapsedMs: z.number(),
  }),
]);

export const connections = {
  'connections.list': method({ input: empty, output: z.array(profileView) }),
  'connections.save': method({ input: profileInput, output: profileView }),
  'connections.remove': method({ input: z.object({ id: connectionId }), output: nothing }),
  /** Tests a saved profile (by id) or an unsaved one; answers within 10 s. */
  'connections.test': method({ input: z.union([z.object({ id: connectionId }), z.object({ profile: profileInput })]), output: connectionTestResult }),
} as const;
