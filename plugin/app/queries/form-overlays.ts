import { defineCommand } from '../command.ts';
import { formId, overlayView } from '../commands/form-overlays.ts';
import { notFound } from '../errors.ts';
import { noInput } from '../input.ts';
import { byKeys } from './readable.ts';

const SUBJECT = { type: 'formOverlay' } as const;

export const listFormOverlays = defineCommand({
  name: 'formOverlay.list',
  summary: "HR's overlays of the pack forms, by form id",
  input: noInput,
  async run(ctx) {
    ctx.allow('read', SUBJECT, 'form overlay');
    return (await ctx.tx.find('formOverlays')).sort(byKeys((o) => o.id)).map(overlayView);
  },
});

export const getFormOverlay = defineCommand({
  name: 'formOverlay.get',
  summary: "HR's overlay of one pack form (404 when HR has not changed it)",
  pathParams: ['formId'],
  input: { type: 'object', required: ['formId'], additionalProperties: false, properties: { formId } },
  async run(ctx, q: { formId: string }) {
    ctx.allow('read', SUBJECT, 'form overlay');
    const found = await ctx.tx.get('formOverlays', q.formId);
    if (!found) throw notFound('form overlay', q.formId);
    return overlayView(found);
  },
});
