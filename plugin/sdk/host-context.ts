import type { DataPort } from './data-port.ts';
import type { IdentityPort } from './identity-port.ts';
import type { NotifyPort } from './notify-port.ts';
import type { RealtimePort } from './realtime-port.ts';
import type { SettingsStore } from './settings-store.ts';

/** Something registered with the host that can be undone (VS Code style). */
export interface Disposable {
  dispose(): void;
}

/** A form schema, rule file, widget, page or collection the pack contributes, as named in `manifest.json`. */
export interface Contribution {
  /** Namespaced id, e.g. `okr-align.check-in`. */
  id: string;
  /** Path of the asset inside the pack, relative to the pack root. */
  path?: string;
  [key: string]: unknown;
}

/** Registration points a host offers. A host that lacks one throws a clear error from it. */
export interface HostRegistry {
  registerCollection(c: Contribution): Disposable;
  registerForm(c: Contribution): Disposable;
  registerRules(c: Contribution): Disposable;
  registerWidget(c: Contribution): Disposable;
  registerPage(c: Contribution): Disposable;
  registerSettings(c: Contribution): Disposable;
  registerRole(c: Contribution): Disposable;
}

/** Everything a host passes to the pack's `activate(ctx)`. The pack never imports the host. */
export interface HostContext {
  /** The contract version the host implements (see `HOST_CONTRACT_VERSION`). */
  contractVersion: string;
  /** Host name and version, for messages. */
  host: { name: string; version: string };
  data: DataPort;
  identity: IdentityPort;
  notify: NotifyPort;
  realtime: RealtimePort;
  settings: SettingsStore;
  registry: HostRegistry;
  /** Disposables registered by `activate`; the host disposes them on deactivate. */
  subscriptions: Disposable[];
}
