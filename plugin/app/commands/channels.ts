import {
  type ChannelInput,
  type ChannelPorts,
  createChannel as create,
  getChannelConfig,
  listChannelConfigs,
  toView,
  updateChannel as update,
} from '../../notify/channels.ts';
import { PLATFORMS } from '../../notify/platform-requests.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { notFound } from '../errors.ts';
import { requireRegion } from '../guards.ts';
import { id, noInput, version } from '../input.ts';

const SUBJECT = { type: 'channel' } as const;

const fields = {
  regionId: { anyOf: [id, { type: 'null' }] },
  platform: { type: 'string', enum: [...PLATFORMS] },
  name: { type: 'string', minLength: 1, maxLength: 100 },
  url: { type: 'string', minLength: 8, maxLength: 1000 },
  secret: { type: 'string', maxLength: 500 },
  lang: { type: 'string', enum: ['zh-CN', 'en-US'] },
  enabled: { type: 'boolean' },
} as const;

/** The host's key, network and HTTP client for robots; a host without them has no channels. */
async function portsOf(ctx: CommandContext): Promise<ChannelPorts> {
  if (!ctx.ports.channels) throw new Error('channels: this host has no outgoing channels');
  return ctx.ports.channels();
}

export const listChannels = defineCommand({
  name: 'channel.list',
  summary: "The regions' group robots (DingTalk, Feishu, WeCom), their addresses and secrets masked",
  input: noInput,
  async run(ctx) {
    ctx.allow('read', SUBJECT, 'channels');
    return (await listChannelConfigs(ctx.tx, await portsOf(ctx))).map(toView);
  },
});

/** What HR picks in an automation step: names and regions, never addresses or secrets. */
export const channelNames = defineCommand({
  name: 'channel.names',
  summary: 'The group robots by name and region, for choosing one in an automation step',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'automation' }, 'channels');
    const rows = await ctx.tx.find('channels');
    return rows
      .map(({ id, name, platform, regionId }) => ({ id, name, platform, regionId }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },
});

export const createChannel = defineCommand({
  name: 'webhook.create',
  summary: "Add a region's group robot; its address and secret are stored sealed",
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['platform', 'name', 'url'],
    properties: fields,
  },
  async run(ctx, input: ChannelInput) {
    ctx.allow('create', SUBJECT, 'channels');
    await requireRegion(ctx.tx, input.regionId);
    const created = toView(await create(ctx.tx, await portsOf(ctx), input, crypto.randomUUID(), ctx.now));
    await ctx.audit({
      action: 'webhook.create',
      subjectType: 'webhook',
      subjectId: created.id,
      before: null,
      after: created,
    });
    return created;
  },
});

export const updateChannel = defineCommand({
  name: 'webhook.update',
  summary: 'Change a group robot at the version read; an omitted address or secret stays as stored',
  pathParams: ['id'],
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'version'],
    properties: { ...fields, id, version },
  },
  async run(ctx, { id: channelId, version: v, ...input }: ChannelInput & { id: string; version: number }) {
    ctx.allow('update', SUBJECT, 'channels');
    await requireRegion(ctx.tx, input.regionId);
    const { before, after } = await update(ctx.tx, await portsOf(ctx), channelId, v, input, ctx.now);
    const view = toView(after);
    await ctx.audit({
      action: 'webhook.update',
      subjectType: 'webhook',
      subjectId: channelId,
      before: toView(before),
      after: view,
    });
    return view;
  },
});

export const deleteChannel = defineCommand({
  name: 'webhook.delete',
  summary: 'Remove a group robot',
  pathParams: ['id'],
  input: { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  async run(ctx, { id: channelId }: { id: string }) {
    ctx.allow('delete', SUBJECT, 'channels');
    const before = toView(await getChannelConfig(ctx.tx, await portsOf(ctx), channelId));
    if (!(await ctx.tx.remove('channels', channelId))) throw notFound('webhook', channelId);
    await ctx.audit({
      action: 'webhook.delete',
      subjectType: 'webhook',
      subjectId: channelId,
      before,
      after: null,
    });
    return { ok: true };
  },
});

export const testChannel = defineCommand({
  name: 'webhook.test',
  summary: 'Send a test message to a group robot now and say whether it took it',
  pathParams: ['id'],
  input: { type: 'object', additionalProperties: false, required: ['id'], properties: { id } },
  async run(ctx, { id: channelId }: { id: string }) {
    ctx.allow('run', SUBJECT, 'channels');
    const ports = await portsOf(ctx);
    const target = await getChannelConfig(ctx.tx, ports, channelId);
    // Never send with values that did not decrypt: say which robot and which key instead.
    if (target.keyError) return { ok: false, error: target.keyError };
    const at = ctx.now.slice(0, 16).replace('T', ' ');
    const answer: { ok: boolean; error: string | null } = { ok: false, error: null };
    // Sent after commit, not while the transaction holds the connection; answered once it ran.
    ctx.afterCommit(async () => {
      const message = { kind: 'channel.test', params: { name: target.name, at } };
      Object.assign(answer, await ports.send(target, message, new Date(ctx.now)));
    });
    return answer;
  },
});
