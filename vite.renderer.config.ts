// The renderer's Vite settings, shared by the desktop build (electron.vite.config.ts)
// and browser mode (src/web/ensure-builds.ts), so both ship the same UI.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const RENDERER_ROOT = resolve(import.meta.dirname, 'src/renderer');

export function rendererViteConfig(outDir?: string): UserConfig {
  return {
    root: RENDERER_ROOT,
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: {
        input: resolve(RENDERER_ROOT, 'index.html'),
        // Libraries in chunks of their own: they change less often than our code, and no
        // chunk passes Vite's 500 kB warning. Screens are split by their lazy imports.
        output: {
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
              { name: 'charts', test: /node_modules[\\/](@mantine[\\/]charts[\\/](?!styles)|recharts|d3-[a-z]+|victory-vendor|decimal\.js-light)/ },
              { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-textarea-autosize)/ },
              { name: 'vendor', test: /node_modules[\\/]/ },
            ],
          },
        },
      },
      ...(outDir ? { outDir, emptyOutDir: true } : {}),
    },
  };
}
