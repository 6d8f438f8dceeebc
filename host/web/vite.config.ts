// The reference host's web shell: `npx vite build -c host/web/vite.config.ts` builds into host/web/dist,
// which the server serves at `/`. `npx vite -c host/web/vite.config.ts` runs a dev server that sends
// `/api` (HTTP and WebSocket) to the reference host on OKR_API (default http://127.0.0.1:8787).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env.OKR_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    fs: { allow: [repo] },
    proxy: { '/api': { target: api, ws: true, changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
