import satisfies from 'semver/functions/satisfies.js';
import manifestJson from '../manifest.json' with { type: 'json' };
import { loadManifest, type Manifest } from './manifest/index.ts';
import { type Disposable, HOST_CONTRACT_VERSION, type HostContext } from './sdk/index.ts';

/**
 * Registers everything `manifest.json` contributes with the host: collections first (forms write to
 * them), then settings, rules, forms, widgets, roles and pages. Each registration is a disposable kept
 * in `ctx.subscriptions`; the host disposes them on deactivate.
 * @throws Error when the contract the host implements (or this pack's sdk) is outside the manifest's `hostContract` range
 */
export function activate(ctx: HostContext, manifest: Manifest = loadManifest(manifestJson)): Disposable[] {
  const range = manifest.hostContract;
  if (!satisfies(ctx.contractVersion, range) || !satisfies(HOST_CONTRACT_VERSION, range)) {
    throw new Error(
      `activate: ${ctx.host.name} ${ctx.host.version} implements host contract ${ctx.contractVersion}, ` +
        `the pack ${manifest.id} needs ${manifest.hostContract}; update the host or install a matching pack`,
    );
  }
  const { registry } = ctx;
  const c = manifest.contributes;
  const added: Disposable[] = [
    ...c.collections.map((x) => registry.registerCollection({ ...x })),
    registry.registerSettings({
      id: `${manifest.id}.settings`,
      path: c.settings.schema,
      defaults: c.settings.defaults,
    }),
    ...c.rules.map((x) => registry.registerRules({ ...x, path: x.file })),
    ...c.forms.map((x) => registry.registerForm({ ...x, path: x.file })),
    ...c.widgets.map((x) => registry.registerWidget({ ...x, path: x.entry })),
    ...c.roles.map((x) => registry.registerRole({ ...x })),
    ...c.pages.map((x) => registry.registerPage({ ...x })),
  ];
  ctx.subscriptions.push(...added);
  return added;
}
