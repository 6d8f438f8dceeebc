import { randomUUID } from 'node:crypto';
import type { Id, KeyAccount } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, notFound } from '../errors.ts';
import { id, isoDate, text } from '../input.ts';
import { personSubject } from '../subjects.ts';

const lastContactAt = { anyOf: [isoDate, { type: 'null' }] } as const;
const changesRules = true;

/** The owner person, refused by name when it does not exist. */
async function ownerOf(ctx: CommandContext, ownerId: Id) {
  const owner = await ctx.tx.get('people', ownerId);
  if (!owner)
    throw badRequest(
      'unknown-owner',
      `key account: owner "${ownerId}" is not a person; pick an existing one`,
      {
        params: { id: ownerId },
      },
    );
  return owner;
}

/** The account, with the policy checked on its current owner. */
async function loadAccount(ctx: CommandContext, accountId: Id, action: 'update' | 'delete') {
  const account = await ctx.tx.get('keyAccounts', accountId);
  if (!account) throw notFound('key account', accountId);
  const owner = await ctx.tx.get('people', account.ownerId);
  ctx.allow(
    action,
    owner ? personSubject(owner, 'keyAccount') : { type: 'keyAccount', ownerPersonId: account.ownerId },
    'key account',
  );
  return account;
}

async function replace(ctx: CommandContext, action: string, before: KeyAccount, after: KeyAccount) {
  const { id: _id, ...patch } = after;
  if (!(await ctx.tx.update('keyAccounts', before.id, patch))) throw notFound('key account', before.id);
  await ctx.audit({ action, subjectType: 'keyAccount', subjectId: before.id, before, after });
  return after;
}

export const createKeyAccount = defineCommand({
  name: 'keyAccount.create',
  summary: 'Add a key account (a client someone must keep in touch with)',
  changesRules,
  input: {
    type: 'object',
    required: ['name', 'ownerId'],
    additionalProperties: false,
    properties: { name: text(300, 1), ownerId: id, lastContactAt },
  },
  async run(ctx, b: { name: string; ownerId: Id; lastContactAt?: string | null }) {
    const owner = await ownerOf(ctx, b.ownerId);
    ctx.allow('create', personSubject(owner, 'keyAccount'), 'key account');
    const account: KeyAccount = {
      id: randomUUID(),
      name: b.name,
      ownerId: owner.id,
      lastContactAt: b.lastContactAt ?? null,
    };
    await ctx.tx.insert('keyAccounts', account);
    await ctx.audit({
      action: 'keyAccount.create',
      subjectType: 'keyAccount',
      subjectId: account.id,
      before: null,
      after: account,
    });
    return account;
  },
});

export const updateKeyAccount = defineCommand({
  name: 'keyAccount.update',
  summary: 'Rename a key account, hand it to another owner or correct its last contact',
  changesRules,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: { id, name: text(300, 1), ownerId: id, lastContactAt },
  },
  async run(ctx, b: { id: Id; name?: string; ownerId?: Id; lastContactAt?: string | null }) {
    const before = await loadAccount(ctx, b.id, 'update');
    if (b.ownerId !== undefined && b.ownerId !== before.ownerId)
      ctx.allow('update', personSubject(await ownerOf(ctx, b.ownerId), 'keyAccount'), 'key account');
    const { id: _id, ...patch } = b;
    return replace(ctx, 'keyAccount.update', before, { ...before, ...patch });
  },
});

export const touchKeyAccount = defineCommand({
  name: 'keyAccount.touch',
  summary: 'Record that the owner was in touch with the key account today',
  changesRules,
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id } },
  async run(ctx, b: { id: Id }) {
    const before = await loadAccount(ctx, b.id, 'update');
    return replace(ctx, 'keyAccount.touch', before, { ...before, lastContactAt: ctx.now.slice(0, 10) });
  },
});

export const deleteKeyAccount = defineCommand({
  name: 'keyAccount.delete',
  summary: 'Remove a key account (managers of its owner’s region, HR and admins)',
  changesRules,
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id } },
  async run(ctx, b: { id: Id }) {
    const before = await loadAccount(ctx, b.id, 'delete');
    if (!(await ctx.tx.remove('keyAccounts', before.id))) throw notFound('key account', before.id);
    await ctx.audit({
      action: 'keyAccount.delete',
      subjectType: 'keyAccount',
      subjectId: before.id,
      before,
      after: null,
    });
    return { ok: true };
  },
});
