import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Builds the web app into packages/web/dist; `vite` (dev) proxies /api to a running `musubi serve`. */
export const config = defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': process.env['MUSUBI_API'] ?? 'http://127.0.0.1:3100' },
  },
});

// Vite loads the config's default export; the house rule prefers named exports elsewhere.
// eslint-disable-next-line no-restricted-exports
export default config;
