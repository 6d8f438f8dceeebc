import { type Form, isField, onFieldInit, onFieldReact, onFieldValueChange } from '@formily/core';
import { toJS, untracked } from '@formily/reactive';
import { biggestGap } from '../../../plugin/domain/alignment-gaps.ts';
import {
  type AlignmentFactors,
  alignmentFactors,
  alignmentScore,
  type KeyResult,
  type KrLink,
  type MetricKind,
  type Settings,
} from '../../../plugin/domain/index.ts';
import { addValidator, asNumber, asRecord, asString, revalidate, setRules } from '../field-helpers.ts';
import type { FormContext } from '../form-context.ts';
import { DEFAULT_LANG } from '../form-ids.ts';
import { t } from '../locale.ts';
import { type FormBehaviour, langOf, nowOf, recordOf } from './form-behaviour.ts';

export type KeyResultDraft = Omit<KeyResult, 'id' | 'version'> & { id?: string; version?: number };

/** Props the key-result form gives its `AlignmentScore` display. */
export interface AlignmentScoreProps {
  score: number;
  minScore: number;
  below: boolean;
  factors: AlignmentFactors;
  settings: Settings;
  lang: FormContext['lang'];
}

const linksOf = (values: Record<string, unknown>, record: Partial<KeyResult>, now: string): KrLink[] =>
  (Array.isArray(values.links) ? values.links : [])
    .map(asRecord)
    .filter((link) => typeof link.objectiveId === 'string' && link.objectiveId !== '')
    .map((link) => {
      const objectiveId = String(link.objectiveId);
      const before = record.links?.find((l) => l.objectiveId === objectiveId);
      return { objectiveId, weight: asNumber(link.weight) ?? 0, linkedAt: before?.linkedAt ?? now };
    });

/** The KR as it would be saved from the current values (target revisions not yet added). */
export const draftKeyResult = (values: Record<string, unknown>, ctx: FormContext): KeyResult => {
  const record = recordOf<KeyResult>(ctx);
  const now = nowOf(ctx);
  const rationale = asString(values.rationale);
  const rationaleAt =
    rationale === '' ? null : rationale === record.rationale ? (record.rationaleAt ?? now) : now;
  return {
    id: record.id ?? '',
    cycleId: record.cycleId ?? ctx.cycle?.id ?? '',
    ownerType: values.ownerType === 'region' ? 'region' : 'person',
    ownerId: asString(values.ownerId),
    title: asString(values.title).trim(),
    metric: (asString(values.metric) || 'number') as MetricKind,
    baseline: asNumber(values.baseline) ?? 0,
    target: asNumber(values.target) ?? 0,
    unit: asString(values.unit),
    focusTags: Array.isArray(values.focusTags) ? values.focusTags.map(String) : [],
    links: linksOf(values, record, now),
    rationale,
    rationaleAt,
    evidence: asString(values.evidence),
    confirmedAt: record.confirmedAt ?? null,
    updateIntervalDays: record.updateIntervalDays ?? null,
    targetHistory: record.targetHistory ?? [],
    createdAt: record.createdAt ?? now,
    version: record.version ?? 0,
  };
};

/** The reminder under the minimum: it names the factor that is missing most (the link, the rationale…). */
export const belowMessage = (a: AlignmentScoreProps, score = a.score): string => {
  const gap = biggestGap(a.factors, a.settings);
  const params = {
    score,
    min: a.minScore,
    minLength: a.settings.alignment.minRationaleLength,
    points: Math.round((gap?.missing ?? 0) * 10) / 10,
  };
  return t(a.lang ?? DEFAULT_LANG, gap ? `alignment.gap.${gap.factor}` : 'alignment.below', params);
};

/** Live alignment of the form's values, through the domain's own score. */
export const liveAlignment = (form: Form, ctx: FormContext): AlignmentScoreProps => {
  const kr = draftKeyResult(toJS(form.values), ctx);
  const objectives = ctx.objectives ?? [];
  const score = alignmentScore(kr, objectives, ctx.settings);
  const minScore = ctx.settings.alignment.minScore;
  return {
    score,
    minScore,
    below: score < minScore,
    factors: alignmentFactors(kr, objectives, ctx.settings),
    settings: ctx.settings,
    lang: ctx.lang,
  };
};

const targetChanged = (form: Form, ctx: FormContext): boolean => {
  const record = recordOf<KeyResult>(ctx);
  return record.target !== undefined && asNumber(form.values.target) !== record.target;
};

export const keyResultBehaviour: FormBehaviour<KeyResultDraft> = {
  needs: ['settings', 'objectives'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    const { minRationaleLength } = ctx.settings.alignment;
    onFieldReact('alignment', (field, form) => {
      field.setComponentProps(liveAlignment(form, ctx));
    });
    let base: { required: boolean; description: unknown } | undefined;
    onFieldReact('rationale', (field, form) => {
      if (!isField(field)) return;
      base ??= untracked(() => ({ required: field.required, description: field.description }));
      const live = liveAlignment(form, ctx);
      const { score, minScore, below } = live;
      const params = { score, min: minScore, minLength: minRationaleLength };
      setRules(
        field,
        below
          ? [
              { required: true, message: belowMessage(live) },
              { minLength: minRationaleLength, message: t(lang, 'alignment.rationaleTooShort', params) },
            ]
          : base.required
            ? [{ required: true }]
            : [],
      );
      field.description = below ? belowMessage(live) : base.description;
    });
    onFieldReact('targetChangeReason', (field, form) => {
      if (!isField(field)) return;
      const changed = targetChanged(form, ctx);
      field.display = changed ? 'visible' : 'none';
      field.required = changed;
    });
    onFieldReact('ownerId', (field, form) => {
      if (!isField(field)) return;
      const options = ctx.options ?? {};
      field.dataSource = (form.values.ownerType === 'region' ? options.regions : options.people) ?? [];
    });
    onFieldValueChange('ownerType', (_field, form) => {
      form.setValuesIn('ownerId', undefined);
    });
    onFieldInit('target', (field) => {
      if (!isField(field)) return;
      addValidator(field, (value) =>
        asNumber(value) !== undefined && value === field.form.values.baseline
          ? t(lang, 'keyResult.targetEqualsBaseline')
          : undefined,
      );
    });
    onFieldValueChange('baseline', (_field, form) => {
      const target = form.query('target').take();
      if (target && 'validate' in target && asNumber(form.values.target) !== undefined) revalidate(target);
    });
  },
  initialValues: (ctx) => {
    const record = recordOf<KeyResult>(ctx);
    return {
      title: record.title,
      ownerType: record.ownerType,
      ownerId: record.ownerId,
      metric: record.metric,
      baseline: record.baseline,
      target: record.target,
      unit: record.unit,
      focusTags: record.focusTags,
      links: record.links?.map((l) => ({ objectiveId: l.objectiveId, weight: l.weight })),
      rationale: record.rationale,
      evidence: record.evidence,
    };
  },
  toRecord: (values, ctx) => {
    const record = recordOf<KeyResult>(ctx);
    const { id: _id, version: _version, ...draft } = draftKeyResult(values, ctx);
    const target = draft.target;
    const revised = record.target !== undefined && record.target !== target;
    return {
      ...(record.id ? { id: record.id, version: record.version } : {}),
      ...draft,
      targetHistory: revised
        ? [
            ...draft.targetHistory,
            {
              at: nowOf(ctx),
              previousTarget: record.target as number,
              newTarget: target,
              reason: asString(values.targetChangeReason),
            },
          ]
        : draft.targetHistory,
    };
  },
};
