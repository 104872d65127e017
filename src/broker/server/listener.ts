// The TCP listener: accepts sockets, gives each one a Connection, and on close
// stops accepting and drops every live connection.
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Logger } from '../ports.js';
import { Connection, type ClientStream, type ConnectionLimits, type RouteFrame } from './connection.js';

export class Listener {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private route: RouteFrame | null = null;

  private closed = false;

  private constructor(private readonly limits: ConnectionLimits, private readonly logger: Logger) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Serves one client over `stream`; every TCP connection comes through here too. */
  accept(stream: ClientStream): void {
    if (!this.route || this.closed) {
      stream.destroy();
      return;
    }
    const connection = new Connection(stream, this.route, this.limits, this.logger, (closed) => this.connections.delete(closed));
    this.connections.add(connection);
    this.logger.debug('client connected', { client: `${stream.remoteAddress ?? 'in-process'}:${stream.remotePort ?? 0}` });
  }

  /**
   * Resolves once listening; rejects (e.g. EADDRINUSE) if the port cannot be
   * bound. `createRoute` learns the bound port (needed when port 0 was asked
   * for) and runs before the first connection is accepted.
   */
  static open(host: string, port: number, createRoute: (boundPort: number) => RouteFrame, limits: ConnectionLimits, logger: Logger): Promise<Listener> {
    const listener = new Listener(limits, logger);
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      listener.server.once('error', onError);
      listener.server.listen({ host, port }, () => {
        listener.server.off('error', onError);
        listener.route = createRoute(listener.port);
        listener.server.on('error', (error) => logger.error('listener error', { error: error.message }));
        resolve(listener);
      });
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.closed = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of [...this.connections]) connection.close();
    return stopped;
  }
}
