import { randomUUID } from 'node:crypto';
import { badRequest, notFound, staleVersion } from '../http-error.ts';
import type { NotifyDb, NotifyTables } from '../schedules/notify-tables.ts';
import { type Lang, toLang } from './messages.ts';
import { PLATFORMS, type Platform } from './platforms/platform-requests.ts';

/** A group robot of one region (or of HQ when `regionId` is null), as the admin sees it: secrets masked. */
export interface WebhookView {
  id: string;
  regionId: string | null;
  platform: Platform;
  name: string;
  url: string;
  hasSecret: boolean;
  secret: string;
  lang: Lang;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A stored robot with its secrets, for sending only; never returned by an endpoint. */
export interface WebhookConfig extends Omit<WebhookView, 'hasSecret'> {}

export interface WebhookInput {
  regionId?: string | null;
  platform?: string;
  name?: string;
  url?: string;
  secret?: string;
  lang?: string;
  enabled?: boolean;
}

const MASK = '••••';

/** Keeps the last 4 characters of a long secret, nothing of a short one. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  return secret.length >= 12 ? `${MASK}${secret.slice(-4)}` : MASK;
}

/** Masks query values and a long token-like last path segment (Feishu puts its token in the path). */
export function maskUrl(raw: string): string {
  const url = new URL(raw);
  for (const key of [...url.searchParams.keys()])
    url.searchParams.set(key, maskSecret(url.searchParams.get(key) ?? ''));
  const segments = url.pathname.split('/');
  const last = segments.at(-1) ?? '';
  if (last.length >= 16) segments[segments.length - 1] = maskSecret(last);
  url.pathname = segments.join('/');
  return decodeURI(url.toString());
}

const toConfig = (r: NotifyTables['notify_webhooks']): WebhookConfig => ({
  id: r.id,
  regionId: r.region_id,
  platform: r.platform as Platform,
  name: r.name,
  url: r.url,
  secret: r.secret,
  lang: toLang(r.lang),
  enabled: Number(r.enabled) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: Number(r.version),
});

export const toView = (c: WebhookConfig): WebhookView => ({
  ...c,
  url: maskUrl(c.url),
  hasSecret: c.secret.length > 0,
  secret: maskSecret(c.secret),
});

function checkPlatform(p: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(p)) {
    throw badRequest('unknown-platform', `channels: platform "${p}" is not one of ${PLATFORMS.join(', ')}`);
  }
  return p as Platform;
}

function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest(
      'invalid-url',
      `channels: "${raw}" is not a URL; paste the robot's full webhook address`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badRequest(
      'invalid-url',
      `channels: the webhook address must start with https:// (got ${url.protocol})`,
    );
  }
  return url.toString();
}

export class WebhookStore {
  constructor(
    private readonly db: NotifyDb,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<WebhookConfig[]> {
    const rows = await this.db
      .selectFrom('notify_webhooks')
      .selectAll()
      .orderBy('region_id')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toConfig);
  }

  async get(id: string): Promise<WebhookConfig> {
    const row = await this.db
      .selectFrom('notify_webhooks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('webhook', id);
    return toConfig(row);
  }

  /** Enabled robots of a region; `null` means the HQ robots. */
  async forRegion(regionId: string | null): Promise<WebhookConfig[]> {
    return (await this.list()).filter((w) => w.enabled && w.regionId === regionId);
  }

  async create(input: WebhookInput): Promise<WebhookConfig> {
    if (!input.platform || !input.url || !input.name) {
      throw badRequest('missing-fields', 'channels: a webhook needs "platform", "name" and "url"');
    }
    const at = this.now().toISOString();
    const row: NotifyTables['notify_webhooks'] = {
      id: randomUUID(),
      region_id: input.regionId ?? null,
      platform: checkPlatform(input.platform),
      name: input.name,
      url: checkUrl(input.url),
      secret: input.secret ?? '',
      lang: toLang(input.lang),
      enabled: input.enabled === false ? 0 : 1,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await this.db.transaction().execute((trx) => trx.insertInto('notify_webhooks').values(row).execute());
    return toConfig(row);
  }

  /** Updates the given fields; an omitted `secret` keeps the stored one, `""` removes it. */
  async update(id: string, version: number, input: WebhookInput): Promise<WebhookConfig> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('notify_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('webhook', id);
      const current = toConfig(row);
      if (current.version !== version) throw staleVersion('webhook', version, toView(current));
      const next = {
        region_id: input.regionId === undefined ? current.regionId : input.regionId,
        platform: input.platform === undefined ? current.platform : checkPlatform(input.platform),
        name: input.name ?? current.name,
        url: input.url === undefined ? current.url : checkUrl(input.url),
        secret: input.secret ?? current.secret,
        lang: input.lang === undefined ? current.lang : toLang(input.lang),
        enabled: (input.enabled ?? current.enabled) ? 1 : 0,
        updated_at: this.now().toISOString(),
        version: current.version + 1,
      };
      await trx.updateTable('notify_webhooks').set(next).where('id', '=', id).execute();
      return toConfig({ ...row, ...next });
    });
  }

  async remove(id: string): Promise<void> {
    const res = await this.db
      .transaction()
      .execute((trx) => trx.deleteFrom('notify_webhooks').where('id', '=', id).executeTakeFirst());
    if (Number(res.numDeletedRows) === 0) throw notFound('webhook', id);
  }
}
