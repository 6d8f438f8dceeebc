import { defineCommand } from '../command.ts';
import { badRequest, notFound, staleVersion } from '../errors.ts';
import { version } from '../input.ts';
import { checkOverlay } from '../overlay-check.ts';
import type { StoredOverlay } from '../ports.ts';

const SUBJECT = { type: 'formOverlay' } as const;
/** A pack form's id, as overlays are keyed. */
export const formId = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,59}$' } as const;

/** An overlay as clients read it: keyed by `formId`. */
export const overlayView = (o: StoredOverlay) => ({
  formId: o.id,
  overlay: o.overlay,
  version: o.version,
  updatedAt: o.updatedAt,
  updatedById: o.updatedById,
});
export type OverlayView = ReturnType<typeof overlayView>;

export const saveFormOverlay = defineCommand({
  name: 'formOverlay.save',
  summary: "Store HR's overlay of a pack form (a new one without a version, a change with the version read)",
  pathParams: ['formId'],
  input: {
    type: 'object',
    required: ['formId', 'overlay'],
    additionalProperties: false,
    properties: { formId, overlay: { type: 'object', additionalProperties: true }, version },
  },
  async run(ctx, b: { formId: string; overlay: Record<string, unknown>; version?: number }) {
    ctx.allow('update', SUBJECT, 'form overlay');
    if (b.overlay.formId !== undefined && b.overlay.formId !== b.formId)
      throw badRequest(
        'form-mismatch',
        `form overlay: body is for form "${String(b.overlay.formId)}" but the URL names "${b.formId}"`,
      );
    checkOverlay(b.formId, b.overlay);
    const before = await ctx.tx.get('formOverlays', b.formId);
    if (!before && b.version !== undefined) throw notFound('form overlay', b.formId);
    if (before && b.version !== before.version)
      throw staleVersion(`form overlay ${b.formId}`, b.version ?? 0, overlayView(before));
    const written = { overlay: b.overlay, updatedAt: ctx.now, updatedById: ctx.user.personId };
    let after: StoredOverlay;
    if (!before) {
      after = { id: b.formId, ...written, version: 1 };
      await ctx.tx.insert('formOverlays', after);
    } else {
      if (!(await ctx.tx.update('formOverlays', b.formId, written, before.version))) {
        const current = await ctx.tx.get('formOverlays', b.formId);
        if (!current) throw notFound('form overlay', b.formId);
        throw staleVersion(`form overlay ${b.formId}`, before.version, overlayView(current));
      }
      after = { ...before, ...written, version: before.version + 1 };
    }
    await ctx.audit({
      action: before ? 'overlay.update' : 'overlay.create',
      subjectType: 'formOverlay',
      subjectId: b.formId,
      before: before?.overlay ?? null,
      after: after.overlay,
    });
    return overlayView(after);
  },
});

export const deleteFormOverlay = defineCommand({
  name: 'formOverlay.delete',
  summary: "Remove HR's overlay of a form: the form shows as the pack ships it",
  pathParams: ['formId'],
  input: {
    type: 'object',
    required: ['formId'],
    additionalProperties: false,
    properties: { formId, version },
  },
  async run(ctx, b: { formId: string; version?: number }) {
    ctx.allow('delete', SUBJECT, 'form overlay');
    const before = await ctx.tx.get('formOverlays', b.formId);
    if (!before) throw notFound('form overlay', b.formId);
    const expected = b.version ?? before.version;
    if (!(await ctx.tx.remove('formOverlays', b.formId, expected))) {
      const current = await ctx.tx.get('formOverlays', b.formId);
      if (!current) throw notFound('form overlay', b.formId);
      throw staleVersion(`form overlay ${b.formId}`, expected, overlayView(current));
    }
    await ctx.audit({
      action: 'overlay.delete',
      subjectType: 'formOverlay',
      subjectId: b.formId,
      before: before.overlay,
      after: null,
    });
    return { ok: true as const };
  },
});
