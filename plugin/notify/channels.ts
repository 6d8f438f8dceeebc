import { badRequest, notFound, staleVersion } from '../app/errors.ts';
import type { Records } from '../app/ports.ts';
import { hostOf, WebhookAddressRefused } from './address-rules.ts';
import type {
  ChannelConfig,
  ChannelInput,
  ChannelPorts,
  ChannelRecord,
  ChannelView,
} from './channel-types.ts';
import { toLang } from './messages.ts';
import { PLATFORMS, type Platform } from './platform-requests.ts';

export type { ChannelConfig, ChannelInput, ChannelPorts, ChannelRecord, ChannelView };

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

export const toView = (c: ChannelConfig): ChannelView =>
  c.keyError
    ? { ...c, url: '', hasSecret: true, secret: MASK }
    : { ...c, url: maskUrl(c.url), hasSecret: c.secret.length > 0, secret: maskSecret(c.secret) };

function checkPlatform(p: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(p))
    throw badRequest('unknown-platform', `channels: platform "${p}" is not one of ${PLATFORMS.join(', ')}`);
  return p as Platform;
}

function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest(
      'invalid-url',
      `channels: "${raw}" is not a URL; paste the robot's full webhook address`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badRequest(
      'invalid-url',
      `channels: the webhook address must start with https:// (got ${url.protocol})`,
    );
  return url;
}

/** The address, checked: a URL, http(s), not into a private network now (each send checks again). */
async function checkedAddress(ports: ChannelPorts, raw: string): Promise<string> {
  const url = checkUrl(raw);
  try {
    await ports.checkAddress(url);
  } catch (err) {
    if (!(err instanceof WebhookAddressRefused)) throw err;
    throw badRequest('webhook-private-address', `channels: ${err.message}`, {
      params: { host: hostOf(url), address: err.address },
    });
  }
  return url.toString();
}

const sealUrl = (ports: ChannelPorts, id: string, url: string) => ports.box.seal(url, urlContext(id));
const sealSecret = (ports: ChannelPorts, id: string, secret: string) =>
  secret === '' ? Promise.resolve('') : ports.box.seal(secret, secretContext(id));

/** A stored robot, decrypted; with `keyError` instead of garbage when the key in use does not open it. */
export async function channelConfig(ports: ChannelPorts, r: ChannelRecord): Promise<ChannelConfig> {
  const config: ChannelConfig = {
    id: r.id,
    regionId: r.regionId,
    platform: r.platform as Platform,
    name: r.name,
    url: r.url,
    secret: r.secret,
    lang: toLang(r.lang),
    enabled: r.enabled,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
  if (!r.sealed) return config;
  const what = `the address and secret of webhook "${r.name}" (${r.id})`;
  try {
    config.url = await ports.box.open(r.url, urlContext(r.id), what);
    config.secret = r.secret === '' ? '' : await ports.box.open(r.secret, secretContext(r.id), what);
    return config;
  } catch (err) {
    if ((err as Error).name !== 'SecretKeyMismatch') throw err;
    return { ...config, url: '', secret: '', keyError: (err as Error).message };
  }
}

const byRegionAndName = (a: ChannelRecord, b: ChannelRecord) =>
  String(a.regionId ?? '').localeCompare(String(b.regionId ?? '')) ||
  a.name.localeCompare(b.name) ||
  a.id.localeCompare(b.id);

/** Every robot, decrypted, by region and name. */
export async function listChannelConfigs(records: Records, ports: ChannelPorts): Promise<ChannelConfig[]> {
  const rows = (await records.find('channels')).sort(byRegionAndName);
  return Promise.all(rows.map((r) => channelConfig(ports, r)));
}

export async function getChannelConfig(
  records: Records,
  ports: ChannelPorts,
  id: string,
): Promise<ChannelConfig> {
  const row = await records.get('channels', id);
  if (!row) throw notFound('webhook', id);
  return channelConfig(ports, row);
}

/** Seals the rows stored in plain text before encryption existed; a host runs it once at start. */
export async function sealPlainChannels(records: Records, ports: ChannelPorts): Promise<number> {
  let sealed = 0;
  for (const row of await records.find('channels', { sealed: false })) {
    const patch = {
      url: await sealUrl(ports, row.id, row.url),
      secret: await sealSecret(ports, row.id, row.secret),
      sealed: true,
    };
    if (await records.update('channels', row.id, patch, row.version)) sealed += 1;
  }
  return sealed;
}

export async function createChannel(
  records: Records,
  ports: ChannelPorts,
  input: ChannelInput,
  id: string,
  at: string,
): Promise<ChannelConfig> {
  if (!input.platform || !input.url || !input.name)
    throw badRequest('missing-fields', 'channels: a webhook needs "platform", "name" and "url"');
  const row: ChannelRecord = {
    id,
    regionId: input.regionId ?? null,
    platform: checkPlatform(input.platform),
    name: input.name,
    url: await sealUrl(ports, id, await checkedAddress(ports, input.url)),
    secret: await sealSecret(ports, id, input.secret ?? ''),
    lang: toLang(input.lang),
    enabled: input.enabled !== false,
    createdAt: at,
    updatedAt: at,
    version: 1,
    sealed: true,
  };
  await records.insert('channels', row);
  return channelConfig(ports, row);
}

/**
 * Updates the given fields at `version`; an omitted `url` or `secret` keeps the stored (sealed) one,
 * `secret: ""` removes the secret. A stale version is a 409 with the current robot, masked.
 */
export async function updateChannel(
  records: Records,
  ports: ChannelPorts,
  id: string,
  version: number,
  input: ChannelInput,
  at: string,
): Promise<{ before: ChannelConfig; after: ChannelConfig }> {
  const row = await records.get('channels', id);
  if (!row) throw notFound('webhook', id);
  const before = await channelConfig(ports, row);
  if (row.version !== version) throw staleVersion('webhook', version, toView(before));
  if (!row.sealed) throw new Error(`channels: webhook ${id} is not sealed yet; restart the server`);
  const next: ChannelRecord = {
    ...row,
    regionId: input.regionId === undefined ? row.regionId : input.regionId,
    platform: input.platform === undefined ? row.platform : checkPlatform(input.platform),
    name: input.name ?? row.name,
    url: input.url === undefined ? row.url : await sealUrl(ports, id, await checkedAddress(ports, input.url)),
    secret: input.secret === undefined ? row.secret : await sealSecret(ports, id, input.secret),
    lang: toLang(input.lang ?? row.lang),
    enabled: input.enabled ?? row.enabled,
    updatedAt: at,
    version: row.version + 1,
  };
  const { id: _id, version: _v, ...patch } = next;
  if (!(await records.update('channels', id, patch, version))) {
    const current = await records.get('channels', id);
    if (!current) throw notFound('webhook', id);
    throw staleVersion('webhook', version, toView(await channelConfig(ports, current)));
  }
  return { before, after: await channelConfig(ports, next) };
}
