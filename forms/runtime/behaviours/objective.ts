import type { Objective } from '../../../plugin/domain/index.ts';
import { asNumber, asString } from '../field-helpers.ts';
import { type FormBehaviour, recordOf } from './form-behaviour.ts';

export type ObjectiveDraft = Omit<Objective, 'id'> & { id?: string };

export const objectiveBehaviour: FormBehaviour<ObjectiveDraft> = {
  needs: ['settings'],
  initialValues: (ctx) => {
    const record = recordOf<Objective>(ctx);
    return {
      title: record.title,
      description: record.description,
      cycleId: record.cycleId ?? ctx.cycle?.id,
      ownerId: record.ownerId,
      focusTags: record.focusTags,
      weight: record.weight,
    };
  },
  toRecord: (values, ctx) => {
    const record = recordOf<Objective>(ctx);
    return {
      ...(record.id ? { id: record.id } : {}),
      cycleId: asString(values.cycleId),
      title: asString(values.title).trim(),
      description: asString(values.description).trim(),
      ownerId: asString(values.ownerId),
      focusTags: Array.isArray(values.focusTags) ? values.focusTags.map(String) : [],
      weight: asNumber(values.weight) ?? 0,
    };
  },
};
