// The widget gallery: `npx vite --config widgets/gallery/vite.config.ts` (dev server on 127.0.0.1),
// `npx vite build --config widgets/gallery/vite.config.ts` (static build into dist/gallery).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Data files the gallery fetches: the case-study demo snapshot and the default settings. */
const DEMO_FILES: Record<string, string> = {
  'demo/snapshot.json': process.env.OKR_DEMO_SNAPSHOT ?? join(repo, 'host/demo/case-study.snapshot.json'),
  'demo/settings.json': join(repo, 'rules/settings.defaults.json'),
};

// Served and emitted as data, so widget code never imports host/ or rules/.
function demoData(): Plugin {
  return {
    name: 'okr-align-gallery-demo-data',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const file = DEMO_FILES[(request.url ?? '').replace(/^\//, '').split('?')[0] ?? ''];
        if (!file) return next();
        response.setHeader('content-type', 'application/json');
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of Object.entries(DEMO_FILES)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), demoData()],
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
  build: { outDir: join(repo, 'dist/gallery'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
