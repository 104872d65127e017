// `npm run broker -- --port 9092 --data-dir ./data`: runs the local broker in
// the foreground until Ctrl-C / SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePropertiesText } from './config/properties-file.js';
import type { Logger } from './ports.js';
import { startBroker, type BrokerOptions } from './index.js';

const USAGE = `Kafka Lanes local broker: a single-node, Kafka-compatible broker.

Usage: npm run broker -- [options]

Options:
  --port N               port to listen on (default 9092; 0 picks a free port)
  --host H               address to bind (default 127.0.0.1)
  --data-dir DIR         where topics are stored; omit to keep everything in memory
  --advertised-host H    host clients are told to connect to (default: the bound host)
  --advertised-port N    port clients are told to connect to (default: the bound port)
  -c, --config KEY=VALUE a server.properties setting, e.g. -c num.partitions=3 (repeatable)
  --config-file FILE     server.properties-style file of key=value lines; -c wins over it
  --tls-cert FILE        PEM certificate: the port then speaks TLS only (needs --tls-key)
  --tls-key FILE         PEM private key of --tls-cert
  --stop-with-stdin      shut down cleanly when standard input closes (for a
                         parent process that may die without signalling)
  -h, --help             show this help

Example:
  npm run broker -- --port 9092 --data-dir ./data -c auto.create.topics.enable=false
  npm run broker -- --host 0.0.0.0 -c sasl.users=alice:secret --tls-cert cert.pem --tls-key key.pem
`;

class UsageError extends Error {}

function parsePort(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, got "${text}"`);
  return Number(text);
}

function parseConfigPairs(pairs: readonly string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`-c expects key=value, got "${pair}"`);
    config[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return config;
}

function readFileOrFail(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

function readConfigFile(path: string): Record<string, string> {
  const text = readFileOrFail('--config-file', path);
  try {
    return parsePropertiesText(text, path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

interface CommandLine {
  broker: BrokerOptions;
  stopWithStdin: boolean;
}

/** Returns null when help was asked for. */
function parseCommandLine(argv: readonly string[]): CommandLine | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'advertised-host': { type: 'string' },
        'advertised-port': { type: 'string' },
        config: { type: 'string', short: 'c', multiple: true },
        'config-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'stop-with-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return null;
  const fromFile = values['config-file'] === undefined ? {} : readConfigFile(values['config-file']);
  const options: BrokerOptions = {
    port: parsePort('--port', values.port) ?? 9092,
    config: { ...fromFile, ...parseConfigPairs(values.config ?? []) },
  };
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (values['tls-cert'] !== undefined && values['tls-key'] !== undefined) {
    options.tls = { cert: readFileOrFail('--tls-cert', values['tls-cert']), key: readFileOrFail('--tls-key', values['tls-key']) };
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values['advertised-host'] !== undefined) options.advertisedHost = values['advertised-host'];
  const advertisedPort = parsePort('--advertised-port', values['advertised-port']);
  if (advertisedPort !== undefined) options.advertisedPort = advertisedPort;
  return { broker: options, stopWithStdin: values['stop-with-stdin'] === true };
}

function stderrLogger(): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const detail = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${detail}\n`);
  };
  return {
    debug: () => {},
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
  };
}

function describeStartFailure(error: unknown, options: BrokerOptions): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${options.host ?? '127.0.0.1'}:${options.port}`;
  if (code === 'EADDRINUSE') return `port ${options.port} is already in use on ${options.host ?? '127.0.0.1'}; stop the other process or pass --port`;
  if (code === 'EADDRNOTAVAIL') return `cannot bind ${where}: the address does not belong to this machine`;
  if (code === 'EACCES') return `permission denied binding ${where}`;
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  let commandLine: CommandLine | null;
  try {
    commandLine = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\nRun with --help for usage.\n`);
    process.exit(1);
  }
  if (commandLine === null) {
    process.stdout.write(USAGE);
    return;
  }
  const options = commandLine.broker;

  const logger = stderrLogger();
  let broker;
  try {
    broker = await startBroker({ ...options, logger });
  } catch (error) {
    process.stderr.write(`error: ${describeStartFailure(error, options)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Kafka Lanes local broker listening on ${broker.bootstrap} (cluster id ${broker.clusterId})\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`received ${signal}, shutting down`);
    broker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (commandLine.stopWithStdin) {
    // The app holds our stdin open; if it dies, even by SIGKILL, the pipe
    // closes and the broker follows instead of lingering on the port.
    process.stdin.on('end', () => stop('SIGTERM')).on('close', () => stop('SIGTERM'));
    process.stdin.resume();
  }
}

void main();
