import activity from '../activity.form.json' with { type: 'json' };
import checkIn from '../check-in.form.json' with { type: 'json' };
import escalationResolution from '../escalation-resolution.form.json' with { type: 'json' };
import keyResult from '../key-result.form.json' with { type: 'json' };
import objective from '../objective.form.json' with { type: 'json' };
import peerReview from '../peer-review.form.json' with { type: 'json' };
import poolRun from '../pool-run.form.json' with { type: 'json' };
import { FORM_IDS, type FormId, isFormId } from './form-ids.ts';
import { compileSafeSchema } from './safe-schema.ts';
import { cloneJson, type SchemaNode } from './schema-node.ts';

const RAW: Record<FormId, unknown> = {
  objective,
  'key-result': keyResult,
  'check-in': checkIn,
  'escalation-resolution': escalationResolution,
  'peer-review': peerReview,
  activity,
  'pool-run': poolRun,
};

/** A fresh copy of the pack's schema of a form, checked to be inert data. */
export const packSchema = (formId: FormId): SchemaNode => {
  if (!isFormId(formId))
    throw new Error(
      `forms: there is no form named ${String(formId)}; known forms are ${FORM_IDS.join(', ')}.`,
    );
  return cloneJson(compileSafeSchema(RAW[formId], `forms/${formId}.form.json`));
};
