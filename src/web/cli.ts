// `npm run web -- [--port N] [--data-dir DIR] [--no-open]`: the whole app in a
// browser. Builds the renderer if needed, starts the backend (and with it the
// local broker, in its own process), and serves both on 127.0.0.1.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/create-backend.js';
import type { Logger } from '../backend/ports.js';
import { defaultUserDataDir } from '../backend/user-data-dir.js';
import { ensureBrokerBuild, ensureRendererBuild } from './ensure-builds.js';
import { startWebServer } from './server.js';

const USAGE = `Usage: npm run web -- [options]

  --port N         port for the web server (default: a free port)
  --data-dir DIR   where profiles and the local broker's data live
                   (default: ${defaultUserDataDir()})
  --broker-port N  the local broker's port (default 9092, or a free one if taken; 0: a free one)
  --no-open        do not open a browser window
  -h, --help       show this help
`;

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_OUT = resolve(REPO_ROOT, 'out/web');

const consoleLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => console.warn(`warning: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  error: (message, fields) => console.error(`error: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
};

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(Could not open a browser; open the address above yourself.)'));
  child.unref();
}

function portOption(name: string, value: string | undefined, fallback: number): number {
  const port = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: ${name} must be a port number`);
    process.exit(1);
  }
  return port;
}

async function main(argv: readonly string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, 'broker-port': { type: 'string' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(1);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = portOption('--port', values.port, 0);
  const brokerPort = portOption('--broker-port', values['broker-port'], 9092);

  const log = (line: string) => console.log(line);
  await ensureBrokerBuild(REPO_ROOT, log);
  await ensureRendererBuild(REPO_ROOT, RENDERER_OUT, log);
  const userDataDir = resolve(values['data-dir'] ?? defaultUserDataDir());
  const backend = createBackend({ userDataDir, logger: consoleLogger, localBrokerPort: brokerPort });
  const server = await startWebServer({ dispatcher: backend.dispatcher, rendererDir: RENDERER_OUT, port });
  console.log(`Kafka Lanes: ${server.url}`);
  const broker = await backend.localBroker.start();
  if (broker.state === 'running') console.log(`Local broker: ${broker.bootstrap}${broker.notice ? ` (${broker.notice})` : ''}, data in ${broker.dataDir}`);
  else console.log(`Local broker did not start: ${broker.notice ?? broker.state}. Connect to another cluster from the app.`);
  if (!values['no-open']) openInBrowser(server.url);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Closing the backend disconnects every lane's consumers (LeaveGroup) and stops the local broker.
    void Promise.allSettled([server.close(), backend.dispose()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
