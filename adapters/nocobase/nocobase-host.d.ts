/**
 * The slice of the NocoBase 2.x API this adapter uses, typed structurally. The real modules are
 * provided by the NocoBase process at run time and are left out of our bundles.
 */

declare module '@nocobase/server' {
  export interface NbModel {
    toJSON(): Record<string, unknown>;
  }
  export interface NbTransaction {
    commit(): Promise<void>;
    rollback(): Promise<void>;
  }
  export interface NbFindOptions {
    filter?: Record<string, unknown>;
    filterByTk?: string | number;
    sort?: string[];
    limit?: number;
    transaction?: NbTransaction;
  }
  export interface NbRepository {
    find(options?: NbFindOptions): Promise<NbModel[]>;
    findOne(options?: NbFindOptions): Promise<NbModel | null>;
    count(options?: NbFindOptions): Promise<number>;
    create(options: { values: Record<string, unknown>; transaction?: NbTransaction }): Promise<NbModel>;
    update(options: {
      filterByTk?: string | number;
      filter?: Record<string, unknown>;
      values: Record<string, unknown>;
      transaction?: NbTransaction;
    }): Promise<NbModel[]>;
    destroy(options: {
      filterByTk?: string | number;
      filter?: Record<string, unknown>;
      transaction?: NbTransaction;
    }): Promise<number>;
  }
  export interface NbDatabase {
    getRepository(name: string): NbRepository;
    /** The Sequelize model: one `UPDATE … WHERE` for compare-and-set writes. */
    getModel(name: string): {
      update(
        values: Record<string, unknown>,
        options: { where: Record<string, unknown>; transaction?: NbTransaction; hooks?: boolean },
      ): Promise<[number, ...unknown[]]>;
    };
    /** Model hooks, e.g. `okr_key_results.beforeUpdate`. */
    on<A extends unknown[]>(event: string, hook: (...args: A) => unknown): void;
    collection(options: Record<string, unknown>): unknown;
    sequelize: { transaction<T>(fn: (t: NbTransaction) => Promise<T>): Promise<T> };
  }
  export interface NbContext {
    action: { params: { values?: Record<string, unknown>; [key: string]: unknown } };
    state: {
      currentUser?: { id: number | string; nickname?: string; username?: string };
      currentRole?: string;
    };
    body: unknown;
    status: number;
    withoutDataWrapping?: boolean;
    throw(status: number, message: string): never;
  }
  export type NbNext = () => Promise<void>;
  export interface NbAcl {
    allow(resource: string, actions: string | string[], condition?: 'loggedIn' | 'public'): void;
    registerSnippet(snippet: { name: string; actions: string[] }): void;
    /** A middleware in NocoBase's ACL chain, placed by tag (e.g. before 'core'). */
    use<C>(
      fn: (ctx: C, next: () => Promise<void>) => Promise<void>,
      options: { tag: string; after?: string; before?: string },
    ): void;
  }
  export interface NbApplication {
    name: string;
    getVersion(): string;
    db: NbDatabase;
    acl: NbAcl;
    resourceManager: {
      define(options: {
        name: string;
        actions: Record<string, (ctx: NbContext, next: NbNext) => Promise<void>>;
      }): void;
    };
    log: { info(message: string): void; warn(message: string): void; error(message: unknown): void };
    /** Application events: lifecycle (`afterStart`, `beforeStop`) and the gateway's `ws:message:<type>`. */
    on<T = void>(event: string, listener: (payload: T) => void | Promise<void>): unknown;
    /** Also how plugins reach the gateway's WebSocket (`ws:sendToTag`, `ws:setTag`…). */
    emit(event: string, payload?: unknown): boolean;
    listenerCount(event: string): number;
  }
  export class Plugin {
    app: NbApplication;
    db: NbDatabase;
    get name(): string;
    beforeLoad(): void;
    load(): Promise<void>;
    install(options?: unknown): Promise<void>;
    afterEnable(): Promise<void>;
  }
}

declare module '@nocobase/client' {
  import type { ComponentType } from 'react';
  export interface NbApiClient {
    request<T = unknown>(options: {
      url: string;
      method?: 'get' | 'post';
      data?: unknown;
      params?: unknown;
      /** The caller shows the error itself, so NocoBase shows no notification of its own. */
      skipNotify?: boolean;
    }): Promise<{
      data: { data: T };
    }>;
  }
  export class Plugin {
    app: {
      apiClient: NbApiClient;
      i18n: { language: string; addResources(lng: string, ns: string, resources: unknown): void };
      addComponents(components: Record<string, ComponentType<never>>): void;
      pluginSettingsManager: {
        add(
          name: string,
          options: { title: string; icon?: string; Component: ComponentType<never>; aclSnippet?: string },
        ): void;
      };
      schemaInitializerManager: {
        addItem(initializer: string, path: string, item: Record<string, unknown>): void;
      };
      schemaSettingsManager: { add(settings: unknown): void };
    };
    load(): Promise<void>;
  }
  export class SchemaSettings {
    constructor(options: { name: string; items: unknown[] });
  }
  /** The client application: its WebSocket and the event bus that dispatches `ws:message:<type>`. */
  export interface NbClientApp {
    ws?: {
      enabled: boolean;
      readyState: number;
      send(data: string): void;
      on(type: string, listener: (event: unknown) => void): void;
      off(type: string, listener: (event: unknown) => void): void;
    };
    eventBus?: EventTarget;
    /** True once the server answered the socket's `auth:token` (stays true across reconnects). */
    isWsAuthorized?: boolean;
  }
  export function useApp(): NbClientApp;
  export function useAPIClient(): NbApiClient;
  export function useSchemaInitializer(): { insert(schema: Record<string, unknown>): void };
  export function useSchemaInitializerItem(): Record<string, unknown>;
  export const SchemaInitializerItem: ComponentType<Record<string, unknown>>;
}
