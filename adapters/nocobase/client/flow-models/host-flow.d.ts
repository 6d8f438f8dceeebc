/**
 * The flow-engine slice of `@nocobase/client` 2.x that the v2 (modern page) blocks use, typed
 * structurally; the real classes come from the host at run time (see ../../nocobase-host.d.ts).
 */
declare module '@nocobase/client' {
  import type { ComponentType, ReactNode } from 'react';
  export interface NbFlowContext {
    api: NbApiClient;
    i18n: unknown;
    t(key: string, options?: Record<string, unknown>): string;
  }
  export interface NbFlowModelMeta {
    label?: string;
    icon?: ReactNode;
    sort?: number;
    hide?: boolean;
  }
  /** Base of the blocks a v2 page's "Add block" menu offers (re-exported from `@nocobase/client-v2`). */
  export class BlockModel {
    context: NbFlowContext;
    renderComponent(): ReactNode;
    static define(meta: NbFlowModelMeta): void;
  }
  export type NbBlockModelClass = typeof BlockModel;
  /** The flow engine every client plugin reaches as `this.flowEngine` in 2.x. */
  export interface Plugin {
    flowEngine: { registerModels(models: Record<string, NbBlockModelClass>): void };
  }
  export const APIClientProvider: ComponentType<{ apiClient: NbApiClient; children?: ReactNode }>;
}
