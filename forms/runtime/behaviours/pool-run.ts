import { isField, onFieldReact } from '@formily/core';
import { untracked } from '@formily/reactive';
import type { Quarter } from '../../../plugin/domain/index.ts';
import { asNumber, asString, setRules } from '../field-helpers.ts';
import { t } from '../locale.ts';
import { settingsNode, settingTitle, settingValue } from '../settings-fields.ts';
import { type FormBehaviour, langOf, recordOf } from './form-behaviour.ts';

export interface PoolRunParameters {
  quarter: Quarter;
  ratePercent: number;
  floorPercentOfEqualShare: number;
  capPercentOfEqualShare: number;
  minContribution: number;
  note: string;
}

const PARAMETERS = [
  'ratePercent',
  'floorPercentOfEqualShare',
  'capPercentOfEqualShare',
  'minContribution',
] as const;

export const poolRunBehaviour: FormBehaviour<PoolRunParameters> = {
  needs: ['settings'],
  effects: (ctx) => {
    const lang = langOf(ctx);
    let baseDescription: unknown;
    onFieldReact('note', (field, form) => {
      if (!isField(field)) return;
      baseDescription ??= untracked(() => field.description);
      // A parameter that departs from the settings must be explained in the note.
      const changed = PARAMETERS.find((p) => form.values[p] !== settingValue(ctx.settings, `pool.${p}`));
      const message = changed
        ? t(lang, 'poolRun.noteRequired', {
            setting: settingTitle(settingsNode(`pool.${changed}`) ?? {}, lang),
            settingValue: String(settingValue(ctx.settings, `pool.${changed}`)),
          })
        : '';
      setRules(field, changed ? [{ required: true, message }] : []);
      field.description = changed ? message : baseDescription;
    });
  },
  initialValues: (ctx) => {
    const record = recordOf<PoolRunParameters>(ctx);
    return {
      quarter: record.quarter,
      ...Object.fromEntries(PARAMETERS.map((p) => [p, record[p] ?? ctx.settings.pool[p]])),
      note: record.note,
    };
  },
  toRecord: (values) => ({
    quarter: asString(values.quarter),
    ratePercent: asNumber(values.ratePercent) ?? 0,
    floorPercentOfEqualShare: asNumber(values.floorPercentOfEqualShare) ?? 0,
    capPercentOfEqualShare: asNumber(values.capPercentOfEqualShare) ?? 0,
    minContribution: asNumber(values.minContribution) ?? 0,
    note: asString(values.note).trim(),
  }),
};
