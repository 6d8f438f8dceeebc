// The reference host's web shell: `npx vite build -c host/web/vite.config.ts` builds into host/web/dist,
// which the server serves at `/`. `npx vite -c host/web/vite.config.ts` runs a dev server that sends
// `/api` (HTTP and WebSocket) to the reference host on OKR_API (default http://127.0.0.1:8787).
// Every built file gets a brotli (.br) and a gzip (.gz) twin; the server sends the one the browser
// accepts (host/server/app.ts, @fastify/static `preCompressed`). Files in dist/assets/ have a content
// hash in their name and are cached for a year; index.html is revalidated each visit.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env.OKR_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  server: {
    host: '127.0.0.1',
    fs: { allow: [repo] },
    proxy: { '/api': { target: api, ws: true, changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The server marks everything under assets/ immutable: keep hashed names there (host/server/app.ts).
    assetsDir: 'assets',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      treeshake: {
        // rc-field-form's package.json does not say it is free of side effects, so antd's
        // ConfigProvider (it needs only FormProvider) would pull all of it, with async-validator,
        // into the sign-in page. Its modules only declare things.
        moduleSideEffects: [{ test: /[\\/]node_modules[\\/]rc-field-form[\\/]/, sideEffects: false }],
      },
    },
  },
});
