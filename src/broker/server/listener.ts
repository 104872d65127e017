// The TCP (or TLS) listener: accepts sockets, gives each one a Connection with
// a fresh SASL session, and on close stops accepting and drops every live
// connection.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from '../ports.js';
import type { SaslSession } from '../security/sasl-session.js';
import { Connection, type ClientStream, type ConnectionLimits, type RouteFrame } from './connection.js';

export interface ListenerOptions {
  readonly host: string;
  readonly port: number;
  /** PEM certificate chain and private key: present, the port speaks TLS only. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /**
   * Runs once the port is bound (the bound port is needed when port 0 was
   * asked for) and before the first connection is accepted.
   */
  readonly createRoute: (boundPort: number) => RouteFrame;
  /** The SASL state of one new connection; `trusted` ones (in-process) skip the login. */
  readonly newSession: (trusted: boolean) => SaslSession;
  readonly limits: ConnectionLimits;
  readonly logger: Logger;
}

export class Listener {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private route: RouteFrame | null = null;

  private closed = false;

  private constructor(private readonly options: ListenerOptions) {
    const { tls, logger } = options;
    this.server = tls ? this.tlsServer(tls) : createServer((socket) => this.accept(socket));
    // A failed TLS handshake (wrong CA, plaintext client) never reaches accept().
    this.server.on('tlsClientError', (error: Error) => logger.debug('TLS handshake failed', { error: error.message }));
  }

  private tlsServer(tls: NonNullable<ListenerOptions['tls']>): Server {
    try {
      return createTlsServer({ cert: tls.cert, key: tls.key }, (socket) => this.accept(socket));
    } catch (error) {
      // OpenSSL's own words ("no start line", "key values mismatch") name no file.
      throw new Error(`the TLS certificate and key cannot be used: ${(error as Error).message}`);
    }
  }

  /**
   * Serves one client over `stream`; every TCP connection comes through here
   * too. `trusted`: an in-process stream, which needs no SASL login.
   */
  accept(stream: ClientStream, trusted = false): void {
    if (!this.route || this.closed) {
      stream.destroy();
      return;
    }
    const { limits, logger, newSession } = this.options;
    const connection = new Connection(stream, this.route, newSession(trusted), limits, logger, (closed) => this.connections.delete(closed));
    this.connections.add(connection);
    logger.debug('client connected', { client: `${stream.remoteAddress ?? 'in-process'}:${stream.remotePort ?? 0}` });
  }

  /** Resolves once listening; rejects (e.g. EADDRINUSE) if the port cannot be bound. */
  static open(options: ListenerOptions): Promise<Listener> {
    const listener = new Listener(options);
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      listener.server.once('error', onError);
      listener.server.listen({ host: options.host, port: options.port }, () => {
        listener.server.off('error', onError);
        listener.route = options.createRoute(listener.port);
        listener.server.on('error', (error) => options.logger.error('listener error', { error: error.message }));
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
