// Builds the NocoBase plugin package of OKR Align and packs it as an installable .tgz:
//   node adapters/nocobase/scripts/build.mjs [--out <dir>]
// The official NocoBase build tool is not on the npm registry, so the bundles are made with esbuild:
// the server part as CommonJS carrying its own dependencies, the client part as the AMD module the
// host loads with requirejs from /static/plugins/<package>/dist/client/index.js.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const adapter = resolve(here, '..');
const root = resolve(adapter, '../..');
const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1] : join(adapter, 'dist'));
const stage = join(outDir, 'package');

export const PACKAGE_NAME = '@okr-align/nocobase';
/** NocoBase version range the package is built and tested against. */
export const NOCOBASE_RANGE = '2.x';
/** Modules the NocoBase client provides through requirejs (its `defineGlobalDeps`); never bundled. */
export const CLIENT_EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'antd',
  '@ant-design/icons',
  'react-i18next',
  '@formily/core',
  '@formily/react',
  '@formily/antd-v5',
  '@formily/json-schema',
  '@formily/reactive',
  '@formily/shared',
  'dayjs',
  'lodash',
  '@nocobase/client',
];

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const version = manifest.version;
const started = Date.now();

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(stage, 'dist/server/collections'), { recursive: true });
mkdirSync(join(stage, 'dist/client'), { recursive: true });
mkdirSync(join(stage, 'dist/locale'), { recursive: true });

// Server: one CommonJS file with json-rules-engine, ajv and our plugin/ code; NocoBase's own modules stay external.
const server = await build({
  entryPoints: [join(adapter, 'server/plugin.ts')],
  outfile: join(stage, 'dist/server/index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@nocobase/*'],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Collections: one file per collection, the form NocoBase's `db.import` reads.
const collectionsBundle = await build({
  entryPoints: [join(adapter, 'server/collections.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { COLLECTION_DEFS } = await import(
  `data:text/javascript;base64,${Buffer.from(collectionsBundle.outputFiles[0].text).toString('base64')}`
);
for (const def of COLLECTION_DEFS) {
  writeFileSync(
    join(stage, 'dist/server/collections', `${def.name}.js`),
    `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = ${JSON.stringify(def, null, 2)};\n`,
  );
}

// Client: CommonJS body wrapped as an anonymous AMD module whose dependencies are the host's globals.
const client = await build({
  entryPoints: [join(adapter, 'client/index.tsx')],
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2020',
  jsx: 'automatic',
  // Exact names only: a subpath such as `dayjs/plugin/utc.js` is not provided by the host and is bundled.
  plugins: [
    {
      name: 'host-globals',
      setup(b) {
        const exact = new RegExp(`^(${CLIENT_EXTERNALS.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
        b.onResolve({ filter: exact }, (args) => ({ path: args.path, external: true }));
      },
    },
    {
      // The host loads one script per plugin: a stylesheet the editors import goes in as a <style>.
      name: 'inline-css',
      setup(b) {
        b.onLoad({ filter: /\.css$/ }, (args) => ({
          contents: `if(typeof document!=='undefined'){const s=document.createElement('style');s.textContent=${JSON.stringify(readFileSync(args.path, 'utf8'))};document.head.appendChild(s);}`,
          loader: 'js',
        }));
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  legalComments: 'none',
  write: false,
  metafile: true,
  logLevel: 'warning',
});
const body = client.outputFiles[0].text;
const deps = CLIENT_EXTERNALS.filter((d) => body.includes(`require("${d}")`));
writeFileSync(
  join(stage, 'dist/client/index.js'),
  `define(${JSON.stringify(['require', 'exports', 'module', ...deps])},function(require,exports,module){${body}\n});\n`,
);

for (const lang of ['zh-CN', 'en-US']) {
  const words = readFileSync(join(adapter, `locale/${lang}.json`), 'utf8');
  writeFileSync(join(stage, `dist/locale/${lang}.json`), words);
}

// Versions of the host modules the client was built against (shown by NocoBase's plugin manager).
const versionOf = (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const external = Object.fromEntries(
  deps
    .filter((d) => !d.startsWith('@nocobase/') && !d.includes('/jsx-runtime'))
    .map((d) => [d, versionOf(d)]),
);
writeFileSync(
  join(stage, 'dist/externalVersion.js'),
  `module.exports = ${JSON.stringify(external, null, 2)};\n`,
);

writeFileSync(join(stage, 'server.js'), "module.exports = require('./dist/server/index.js');\n");
writeFileSync(join(stage, 'client.js'), "module.exports = require('./dist/client/index.js');\n");
const pkg = {
  name: PACKAGE_NAME,
  version,
  displayName: manifest.name['en-US'],
  'displayName.zh-CN': manifest.name['zh-CN'],
  description: manifest.description['en-US'],
  'description.zh-CN': manifest.description['zh-CN'],
  main: 'dist/server/index.js',
  license: 'UNLICENSED',
  keywords: ['OKR', 'Blocks'],
  peerDependencies: { '@nocobase/client': NOCOBASE_RANGE, '@nocobase/server': NOCOBASE_RANGE },
  files: ['dist', 'server.js', 'client.js', 'README.md'],
};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(join(stage, 'README.md'), readFileSync(join(adapter, 'README.md'), 'utf8'));

const tgz = join(outDir, `okr-align-nocobase-${version}.tgz`);
execFileSync('tar', ['-czf', tgz, '-C', outDir, 'package']);

const size = (meta) => Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(
  JSON.stringify({
    tgz,
    ms: Date.now() - started,
    serverBytes: size(server.metafile),
    clientBytes: body.length,
    clientDeps: deps,
    collections: COLLECTION_DEFS.length,
  }),
);
