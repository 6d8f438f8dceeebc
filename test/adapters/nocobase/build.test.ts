import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COLLECTION_DEFS } from '../../../adapters/nocobase/server/collections.ts';

const root = resolve(import.meta.dirname, '../../..');
const requireHere = createRequire(join(root, 'package.json'));

// The build is run once for the file; esbuild takes a few seconds on a shared machine.
const out = mkdtempSync(join(tmpdir(), 'okr-nocobase-build-'));
let report: { tgz: string; clientDeps: string[]; collections: number };

beforeAll(() => {
  const stdout = execFileSync('node', [join(root, 'adapters/nocobase/scripts/build.mjs'), '--out', out], {
    encoding: 'utf8',
  });
  report = JSON.parse(stdout.trim().split('\n').at(-1)!);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('nocobase package build', () => {
  it('packs what NocoBase looks for: entry files, collections, client bundle, locales', () => {
    const files = execFileSync('tar', ['-tzf', report.tgz], { encoding: 'utf8' }).split('\n');
    for (const f of [
      'package/package.json',
      'package/server.js',
      'package/client.js',
      'package/dist/server/index.js',
      'package/dist/client/index.js',
      'package/dist/server/collections/okr_key_results.js',
      'package/dist/server/collections/okr_form_overlays.js',
      'package/dist/locale/zh-CN.json',
      'package/dist/externalVersion.js',
    ]) {
      expect(files).toContain(f);
    }
    // One collection file per definition: a new record kind ships its table.
    expect(report.collections).toBe(COLLECTION_DEFS.length);
    expect(COLLECTION_DEFS.length).toBeGreaterThan(20);
    const pkg = JSON.parse(readFileSync(join(out, 'package/package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: '@okr-align/nocobase', main: 'dist/server/index.js' });
  });

  it('server bundle needs nothing but @nocobase/server and Node built-ins, and exports the plugin class', () => {
    const asked: string[] = [];
    class Plugin {}
    const fakeRequire = (id: string) => {
      asked.push(id);
      return id === '@nocobase/server' ? { Plugin } : requireHere(id);
    };
    const module = { exports: {} as Record<string, unknown> };
    const code = readFileSync(join(out, 'package/dist/server/index.js'), 'utf8');
    new Function('require', 'module', 'exports', '__filename', '__dirname', code)(
      fakeRequire,
      module,
      module.exports,
      'index.js',
      out,
    );
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(asked.filter((id) => id !== '@nocobase/server' && !builtins.has(id))).toEqual([]);
    const P = module.exports.default as { prototype: object };
    expect(Object.getPrototypeOf(P.prototype)).toBe(Plugin.prototype);
  });

  it('client bundle is one anonymous AMD module asking only for modules the NocoBase client provides', () => {
    const code = readFileSync(join(out, 'package/dist/client/index.js'), 'utf8');
    let deps: string[] = [];
    new Function('define', code)((d: string[]) => {
      deps = d;
    });
    const provided = ['require', 'exports', 'module', 'react', 'react-dom', 'react/jsx-runtime', 'antd'];
    const hostGlobals =
      /^(@ant-design\/icons|@formily\/[a-z-0-9]+|@nocobase\/client|react-i18next|dayjs|lodash)$/;
    expect(deps.filter((d) => !provided.includes(d) && !hostGlobals.test(d))).toEqual([]);
    expect(deps).toEqual(['require', 'exports', 'module', ...report.clientDeps]);
    // ECharts is not provided by the host: it must be inside the bundle.
    expect(deps.some((d) => d.startsWith('echarts'))).toBe(false);
    expect(code).toContain('echarts');
  });

  it('client plugin registers every block for classic pages and, as flow-engine models, for modern pages', async () => {
    const code = readFileSync(join(out, 'package/dist/client/index.js'), 'utf8');
    // The host's classes, reduced to what the plugin touches; everything else is the real module.
    class Plugin {
      components: Record<string, unknown> = {};
      initializerItems: string[] = [];
      models: Record<string, { meta?: { label?: string } } & (new () => object)> = {};
      app = {
        i18n: { addResources: () => {} },
        addComponents: (c: Record<string, unknown>) => Object.assign(this.components, c),
        schemaSettingsManager: { add: () => {} },
        schemaInitializerManager: { addItem: (_: string, path: string) => this.initializerItems.push(path) },
        pluginSettingsManager: { add: () => {} },
      };
      flowEngine = { registerModels: (m: Plugin['models']) => Object.assign(this.models, m) };
    }
    class BlockModel {
      context = {};
      static define(this: { meta?: unknown }, meta: unknown) {
        // biome-ignore lint/complexity/noThisInStatic: define() runs on each subclass, as the host's does
        this.meta = meta;
      }
    }
    const host: Record<string, unknown> = {
      '@nocobase/client': { Plugin, BlockModel, SchemaSettings: class {}, APIClientProvider: null },
    };
    let factory: ((...deps: unknown[]) => void) | undefined;
    let depNames: string[] = [];
    new Function('define', code)((d: string[], f: (...deps: unknown[]) => void) => {
      depNames = d;
      factory = f;
    });
    const module = { exports: {} as Record<string, unknown> };
    const load = (name: string) => host[name] ?? requireHere(name);
    factory?.(
      ...depNames.map((d) =>
        d === 'require' ? load : d === 'exports' ? module.exports : d === 'module' ? module : load(d),
      ),
    );
    const PluginClass = module.exports.default as new () => Plugin & { load(): Promise<void> };
    const plugin = new PluginClass();
    await plugin.load();
    const blocks = [
      'OkrAlignmentBoardBlock',
      'OkrCalibrationBoardBlock',
      'OkrHealthRadarBlock',
      'OkrPoolBlock',
      'OkrMetricsBlock',
      'OkrKeyResultFormBlock',
      'OkrCheckInFormBlock',
      'OkrEscalationFormBlock',
      'OkrObjectiveFormBlock',
      'OkrPeerReviewFormBlock',
      'OkrActivityFormBlock',
      'OkrPoolRunBlock',
    ];
    expect(Object.keys(plugin.components).sort()).toEqual([...blocks].sort());
    expect(plugin.initializerItems.sort()).toEqual(blocks.map((b) => `otherBlocks.${b}`).sort());
    expect(Object.keys(plugin.models).sort()).toEqual(blocks.map((b) => `${b}Model`).sort());
    for (const model of Object.values(plugin.models)) {
      expect(Object.getPrototypeOf(model.prototype)).toBe(BlockModel.prototype);
      expect(model.meta?.label).toMatch(/^\{\{t\("blocks\.\w+", \{"ns":"@okr-align\/nocobase"\}\)\}\}$/);
    }
  });
});
