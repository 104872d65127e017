import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration suites start real brokers and real client processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] },
      },
      {
        // Renderer components and hooks (*.test.tsx) run in a simulated DOM.
        extends: true,
        plugins: [react()],
        test: { name: 'dom', environment: 'jsdom', include: ['tests/unit/**/*.test.tsx'], setupFiles: ['tests/unit/renderer/setup-dom.tsx'] },
      },
    ],
  },
});
