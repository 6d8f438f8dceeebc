import { randomUUID } from 'node:crypto';
import {
  hostOf,
  WebhookAddressRefused,
  webhookNetworkFromEnv,
} from '../../../plugin/notify/address-rules.ts';
import { type Lang, toLang } from '../../../plugin/notify/messages.ts';
import { checkWebhookAddress } from '../../../plugin/notify/node/address-lookup.ts';
import { PLATFORMS, type Platform } from '../../../plugin/notify/platform-requests.ts';
import { type SecretBox, SecretKeyMismatch } from '../../../plugin/notify/secret-box.ts';
import { badRequest, notFound, staleVersion } from '../http-error.ts';
import type { NotifyDb, NotifyTables } from '../schedules/notify-tables.ts';

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
  /** Set when the stored address and secret do not decrypt with the key in use; url and secret are then empty. */
  keyError?: string;
}

/** A stored robot with its secrets decrypted, for sending only; never returned by an endpoint. */
export interface WebhookConfig extends Omit<WebhookView, 'hasSecret'> {}

type WebhookRow = NotifyTables['notify_webhooks'];

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

// Associated data of each sealed value: it only decrypts in its own row and field.
const urlContext = (id: string) => `okr-align:webhook:${id}:url`;
const secretContext = (id: string) => `okr-align:webhook:${id}:secret`;

export const toView = (c: WebhookConfig): WebhookView =>
  c.keyError
    ? { ...c, url: '', hasSecret: true, secret: MASK }
    : { ...c, url: maskUrl(c.url), hasSecret: c.secret.length > 0, secret: maskSecret(c.secret) };

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

/** Refuses an address that points into a private network now (each send checks again). */
async function checkReachable(raw: string): Promise<string> {
  const url = new URL(raw);
  try {
    await checkWebhookAddress(url, webhookNetworkFromEnv(process.env));
  } catch (err) {
    if (!(err instanceof WebhookAddressRefused)) throw err;
    throw badRequest('webhook-private-address', `channels: ${err.message}`, {
      params: { host: hostOf(url), address: err.address },
    });
  }
  return raw;
}

/**
 * Group robots. Their address (it may carry a token) and signing secret are stored sealed with
 * AES-256-GCM (see `SecretBox`); a robot whose values do not decrypt comes back with `keyError`
 * set instead of garbage, and is never sent to.
 */
export class WebhookStore {
  constructor(
    private readonly db: NotifyDb,
    private readonly now: () => Date,
    private readonly box: SecretBox,
  ) {}

  private async toConfig(r: WebhookRow): Promise<WebhookConfig> {
    const config: WebhookConfig = {
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
    };
    if (Number(r.sealed) !== 1) return config;
    const what = `the address and secret of webhook "${r.name}" (${r.id})`;
    try {
      config.url = await this.box.open(r.url, urlContext(r.id), what);
      config.secret = r.secret === '' ? '' : await this.box.open(r.secret, secretContext(r.id), what);
      return config;
    } catch (err) {
      if (!(err instanceof SecretKeyMismatch)) throw err;
      return { ...config, url: '', secret: '', keyError: err.message };
    }
  }

  private sealUrl = (id: string, url: string) => this.box.seal(url, urlContext(id));
  private sealSecret = (id: string, secret: string) =>
    secret === '' ? Promise.resolve('') : this.box.seal(secret, secretContext(id));

  /** Seals the rows stored in plain text before encryption existed; run once at start. */
  async sealPlainRows(): Promise<number> {
    const plain = await this.db.selectFrom('notify_webhooks').selectAll().where('sealed', '=', 0).execute();
    let sealed = 0;
    for (const row of plain) {
      const res = await this.db
        .updateTable('notify_webhooks')
        .set({
          url: await this.sealUrl(row.id, row.url),
          secret: await this.sealSecret(row.id, row.secret),
          sealed: 1,
        })
        .where('id', '=', row.id)
        .where('sealed', '=', 0)
        .executeTakeFirst();
      sealed += Number(res.numUpdatedRows);
    }
    return sealed;
  }

  async list(): Promise<WebhookConfig[]> {
    const rows = await this.db
      .selectFrom('notify_webhooks')
      .selectAll()
      .orderBy('region_id')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return Promise.all(rows.map((r) => this.toConfig(r)));
  }

  async get(id: string): Promise<WebhookConfig> {
    const row = await this.db
      .selectFrom('notify_webhooks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('webhook', id);
    return this.toConfig(row);
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
    const id = randomUUID();
    const row: WebhookRow = {
      id,
      region_id: input.regionId ?? null,
      platform: checkPlatform(input.platform),
      name: input.name,
      url: await this.sealUrl(id, await checkReachable(checkUrl(input.url))),
      secret: await this.sealSecret(id, input.secret ?? ''),
      lang: toLang(input.lang),
      enabled: input.enabled === false ? 0 : 1,
      created_at: at,
      updated_at: at,
      version: 1,
      sealed: 1,
    };
    await this.db.transaction().execute((trx) => trx.insertInto('notify_webhooks').values(row).execute());
    return this.toConfig(row);
  }

  /**
   * Updates the given fields; an omitted `url` or `secret` keeps the stored (sealed) one as it is,
   * `secret: ""` removes the secret.
   */
  async update(id: string, version: number, input: WebhookInput): Promise<WebhookConfig> {
    const url =
      input.url === undefined ? undefined : await this.sealUrl(id, await checkReachable(checkUrl(input.url)));
    const secret = input.secret === undefined ? undefined : await this.sealSecret(id, input.secret);
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('notify_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('webhook', id);
      if (Number(row.version) !== version)
        throw staleVersion('webhook', version, toView(await this.toConfig(row)));
      if (Number(row.sealed) !== 1)
        throw new Error(`channels: webhook ${id} is not sealed yet; restart the server`);
      const next = {
        region_id: input.regionId === undefined ? row.region_id : input.regionId,
        platform: input.platform === undefined ? row.platform : checkPlatform(input.platform),
        name: input.name ?? row.name,
        url: url ?? row.url,
        secret: secret ?? row.secret,
        lang: input.lang === undefined ? toLang(row.lang) : toLang(input.lang),
        enabled: (input.enabled ?? Number(row.enabled) === 1) ? 1 : 0,
        updated_at: this.now().toISOString(),
        version: Number(row.version) + 1,
      };
      await trx.updateTable('notify_webhooks').set(next).where('id', '=', id).execute();
      return { ...row, ...next };
    });
    return this.toConfig(row);
  }

  async remove(id: string): Promise<void> {
    const res = await this.db
      .transaction()
      .execute((trx) => trx.deleteFrom('notify_webhooks').where('id', '=', id).executeTakeFirst());
    if (Number(res.numDeletedRows) === 0) throw notFound('webhook', id);
  }
}
