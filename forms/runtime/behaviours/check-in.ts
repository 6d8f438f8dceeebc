import { type Form, isField, onFieldReact } from '@formily/core';
import { untracked } from '@formily/reactive';
import {
  type CheckIn,
  type Colour,
  colourFromPace,
  expectedProgress,
  keyResultAt,
  krProgress,
  monthEnd,
  pacePercent,
  type ResourceRequest,
} from '../../../plugin/domain/index.ts';
import { asNumber, asRecord, asString, setRules } from '../field-helpers.ts';
import type { FormContext } from '../form-context.ts';
import { t } from '../locale.ts';
import { type FormBehaviour, langOf, recordOf } from './form-behaviour.ts';

export type CheckInDraft = Omit<CheckIn, 'id' | 'submittedAt'> & { id?: string };

export interface ColourSuggestionProps {
  suggestion: { colour: Colour; pace: number } | null;
  lang: FormContext['lang'];
}

/** The colour the pace suggests for the entered value and month, or null until both are given. */
export const suggestColour = (
  values: Record<string, unknown>,
  ctx: FormContext,
): { colour: Colour; pace: number } | null => {
  const value = asNumber(values.value);
  const month = asString(values.month);
  const { keyResult, cycle } = ctx;
  if (value === undefined || month === '' || !keyResult || !cycle) return null;
  // The target as revised by the end of that month, as the calibration board computes it.
  const progress = krProgress(keyResultAt(keyResult, monthEnd(month)), value);
  const pace = pacePercent(progress, expectedProgress(cycle, month));
  return { colour: colourFromPace(pace, ctx.settings), pace };
};

const colourDiffers = (form: Form, ctx: FormContext): { self: Colour; suggested: Colour } | null => {
  const suggestion = suggestColour(form.values, ctx);
  const self = form.values.selfColour as Colour | undefined;
  return suggestion && self && self !== suggestion.colour ? { self, suggested: suggestion.colour } : null;
};

export const checkInBehaviour: FormBehaviour<CheckInDraft> = {
  needs: ['settings', 'keyResult', 'cycle'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    const chosenBefore = recordOf<CheckIn>(ctx).selfColour != null;
    onFieldReact('suggestion', (field, form) => {
      field.setComponentProps({
        suggestion: suggestColour(form.values, ctx),
        lang,
      } satisfies ColourSuggestionProps);
    });
    onFieldReact('selfColour', (field, form) => {
      if (!isField(field)) return;
      const suggestion = suggestColour(form.values, ctx);
      // Pre-select the suggestion until the user picks a colour themselves.
      if (suggestion && !chosenBefore && !untracked(() => field.modified)) field.value = suggestion.colour;
    });
    let baseDescription: unknown;
    onFieldReact('colourNote', (field, form) => {
      if (!isField(field)) return;
      baseDescription ??= untracked(() => field.description);
      const differs = colourDiffers(form, ctx);
      field.display = differs ? 'visible' : 'none';
      const message = differs
        ? t(lang, 'checkIn.noteRequired', {
            selfColour: t(lang, `colour.${differs.self}`),
            suggested: t(lang, `colour.${differs.suggested}`),
          })
        : '';
      setRules(field, differs ? [{ required: true, message }] : []);
      field.description = differs ? message : baseDescription;
    });
    onFieldReact('resourceRequest', (field, form) => {
      field.display = form.values.hasResourceRequest === true ? 'visible' : 'none';
    });
  },
  initialValues: (ctx) => {
    const record = recordOf<CheckIn>(ctx);
    return {
      month: record.month,
      value: record.value,
      selfColour: record.selfColour ?? undefined,
      colourNote: record.colourNote,
      confidence: record.confidence,
      blockers: record.blockers,
      hasResourceRequest: record.resourceRequest != null,
      resourceRequest: record.resourceRequest ?? undefined,
    };
  },
  toRecord: (values, ctx) => {
    const record = recordOf<CheckIn>(ctx);
    const request = asRecord(values.resourceRequest);
    const resourceRequest: ResourceRequest | null =
      values.hasResourceRequest === true
        ? { kind: asString(request.kind) as ResourceRequest['kind'], detail: asString(request.detail).trim() }
        : null;
    const suggestion = suggestColour(values, ctx);
    const selfColour = (asString(values.selfColour) || null) as Colour | null;
    return {
      ...(record.id ? { id: record.id } : {}),
      krId: ctx.keyResult?.id ?? '',
      month: asString(values.month),
      value: asNumber(values.value) ?? 0,
      selfColour,
      colourNote: suggestion && selfColour !== suggestion.colour ? asString(values.colourNote).trim() : '',
      blockers: asString(values.blockers).trim(),
      resourceRequest,
      confidence: asNumber(values.confidence) ?? 0,
    };
  },
};
