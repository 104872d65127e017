// kafkajs clients (admin, producer, the internal cluster) are connected on
// first use and then shared. A failed connect is disconnected and forgotten,
// so the next call tries again instead of repeating the old failure.

export interface Connectable {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface SharedConnection<T> {
  /** The connected client, connecting it on the first call (and after a failed one). */
  get(): Promise<T>;
  /** Disconnects the client if it was made; the next get() connects a new one. */
  close(): Promise<void>;
}

export function connectOnce<T extends Connectable>(create: () => T): SharedConnection<T> {
  let connection: Promise<T> | undefined;
  return {
    get: () =>
      (connection ??= (async () => {
        const client = create();
        try {
          await client.connect();
          return client;
        } catch (error) {
          connection = undefined;
          await client.disconnect().catch(() => undefined);
          throw error;
        }
      })()),
    async close() {
      const pending = connection;
      connection = undefined;
      await pending?.then((c) => c.disconnect()).catch(() => undefined);
    },
  };
}
