// Lint enforces the runtime tiers: each top-level folder of src/ is one runtime,
// and these rules keep imports from crossing tiers the wrong way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'net', 'os', 'child_process', 'crypto', 'zlib', 'tls', 'http', 'https', 'events', 'stream', 'worker_threads', 'url', 'util'];

function tier(files, patterns, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-results/', 'playwright-report/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  tier(['src/shared/**'], [...nodeBuiltins, 'electron', '**/backend/**', '**/broker/**', '**/renderer/**', '**/main/**', '**/web/**', 'kafkajs'],
    'src/shared is pure: no Node, Electron, Kafka client or other tier.'),
  tier(['src/broker/**'], ['electron', '**/backend/**', '**/renderer/**', '**/main/**', '**/preload/**', '**/web/**', 'kafkajs'],
    'src/broker is a standalone broker: no Electron, no Kafka client, no app tier.'),
  tier(['src/backend/**'], ['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/web/**', 'kafkajs'],
    'src/backend runs without Electron and knows no transport; only src/backend/kafka may import kafkajs.'),
  tier(['src/backend/kafka/**'], ['electron', '**/renderer/**', '**/main/**', '**/preload/**', '**/web/**'],
    'src/backend/kafka is the Kafka client adapter: the one place kafkajs is imported.'),
  {
    // kafkajs is CommonJS: named value imports break under plain Node ESM.
    files: ['src/backend/kafka/**'],
    ignores: ['src/backend/kafka/kafkajs-module.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'kafkajs', allowTypeImports: true, message: 'Import kafkajs values from ./kafkajs-module.js (kafkajs is CommonJS; named imports fail under plain Node).' }],
      }],
    },
  },
  tier(['src/web/**'], ['electron', '**/renderer/**', '**/main/**', '**/preload/**'],
    'src/web mounts the backend over WebSocket; no Electron.'),
  tier(['src/renderer/**'], [...nodeBuiltins, 'electron', '**/backend/**', '**/broker/**', '**/main/**', '**/web/**', 'kafkajs'],
    'src/renderer is DOM-only: it talks to the backend through the contract.'),
  tier(['src/preload/**'], ['**/backend/**', '**/broker/**', '**/renderer/**', '**/web/**', 'kafkajs'],
    'src/preload exposes invoke/subscribe only.'),
);
