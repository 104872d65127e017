// Builds the renderer and the broker before any test server starts, so
// parallel servers never race to rebuild the same output.
import { resolve } from 'node:path';
import { ensureBrokerBuild, ensureRendererBuild } from '../../../src/web/ensure-builds.js';

const root = resolve(import.meta.dirname, '../../..');
await ensureBrokerBuild(root, console.log);
await ensureRendererBuild(root, resolve(root, 'out/web'), console.log);
