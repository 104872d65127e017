// The renderer's Vite settings, shared by the desktop build (electron.vite.config.ts)
// and browser mode (src/web/build-renderer.ts), so both ship the same UI.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

export const RENDERER_ROOT = resolve(import.meta.dirname, 'src/renderer');

export function rendererViteConfig(outDir?: string): UserConfig {
  return {
    root: RENDERER_ROOT,
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(RENDERER_ROOT, 'index.html') },
      ...(outDir ? { outDir, emptyOutDir: true } : {}),
    },
  };
}
