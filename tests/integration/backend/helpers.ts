// Shared setup for backend integration tests: a real broker, a backend with
// its own user-data directory, and a typed client over the in-process
// transport (JSON both ways, outputs validated against the contract).
import { createServer } from 'node:net';
import { createBackend, type Backend, type BackendDeps } from '../../../src/backend/create-backend.js';
import type { Contract } from '../../../src/shared/contract/index.js';
import type { AppError } from '../../../src/shared/app-error.js';
import { createClient, type ContractClient } from '../../../src/shared/rpc/client.js';
import { inProcessTransport } from '../../../src/shared/rpc/in-process-transport.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';
import { makeTempDir, startTestBroker, type TestBroker } from '../broker/helpers.js';

export interface BackendHarness {
  backend: Backend;
  client: ContractClient<Contract>;
  userDataDir: string;
  /** Disposes the backend and removes its directory. */
  stop(): Promise<void>;
}

/** A backend on a new temporary user-data directory (removed on stop), or on the given one (left in place). */
export function startBackend(deps: Partial<BackendDeps> = {}): BackendHarness {
  const temp = deps.userDataDir === undefined ? makeTempDir('kafka-lanes-backend-') : null;
  const userDataDir = deps.userDataDir ?? temp!.path;
  const backend = createBackend({ ...deps, userDataDir, dispatcher: { validateOutput: true, ...deps.dispatcher } });
  const client = createClient<Contract>(inProcessTransport(backend.dispatcher));
  return {
    backend,
    client,
    userDataDir,
    stop: async () => {
      await backend.dispose();
      temp?.remove();
    },
  };
}

export interface ClusterHarness extends BackendHarness {
  broker: TestBroker;
  /** A saved profile pointing at the test broker. */
  connectionId: string;
}

/** A test broker and a backend with a saved connection to it. */
export async function startBackendWithBroker(
  options: { brokerConfig?: Record<string, string>; readOnly?: boolean; backend?: Partial<BackendDeps> } = {},
): Promise<ClusterHarness> {
  const broker = await startTestBroker({ config: options.brokerConfig ?? {} });
  const harness = startBackend(options.backend);
  const saved = await harness.client.call('connections.save', {
    name: 'Test broker',
    bootstrapServers: [broker.bootstrap],
    color: '#112233',
    readOnly: options.readOnly ?? false,
  });
  return {
    ...harness,
    broker,
    connectionId: saved.id,
    stop: async () => {
      await harness.stop();
      await broker.stop();
    },
  };
}

/** The AppError a call failed with; fails the test when the call succeeds. */
export async function failureOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Polls `probe` until it answers something other than undefined, or fails after the deadline. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A loopback port that was free a moment ago: nothing listens there now. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
