import { updateKeyResult } from '../../plugin/app/commands/key-results.ts';
import { saveLink } from '../../plugin/app/commands/links.ts';
import { AppError } from '../../plugin/app/errors.ts';
import { checkInput, type InputSchema } from '../../plugin/app/input.ts';

/** The refusal of an input, as every host answers it: code, field path, reason. */
function refusal(schema: InputSchema, input: unknown) {
  try {
    checkInput(schema, input, 'test');
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, field: e.params.field, reason: e.params.reason };
  }
}

describe('command inputs: one JSON Schema, the same refusal on every host', () => {
  it('takes a key-result edit as sent', () => {
    const patch = {
      id: 'kr-1',
      version: 3,
      title: '新客户签约',
      metric: 'currency',
      baseline: 0,
      target: 120,
      unit: '万元',
      focusTags: ['new-energy'],
      rationale: '',
      evidence: 'CRM',
      updateIntervalDays: null,
      custom: {},
    };
    expect(checkInput(updateKeyResult.input, patch, 'test')).toEqual(patch);
  });

  it.each([
    [null, 'body', 'type'],
    [[], 'body', 'type'],
    [{ id: 'kr-1' }, 'version', 'required'],
    [{ id: 'kr-1', version: '2' }, 'version', 'type'],
    [{ id: 'kr-1', version: 0 }, 'version', 'minimum'],
    [{ id: 'kr-1', version: 2, links: [] }, 'links', 'unknown-field'],
    [{ id: 'kr-1', version: 2, targetHistory: [] }, 'targetHistory', 'unknown-field'],
    [{ id: 'kr-1', version: 2, title: '' }, 'title', 'too-short'],
    [{ id: 'kr-1', version: 2, title: ['x'] }, 'title', 'type'],
    [{ id: 'kr-1', version: 2, title: 'x'.repeat(301) }, 'title', 'too-long'],
    [{ id: 'kr-1', version: 2, metric: 'vibes' }, 'metric', 'enum'],
    [{ id: 'kr-1', version: 2, baseline: '0' }, 'baseline', 'type'],
    [{ id: 'kr-1', version: 2, target: 1e20 }, 'target', 'maximum'],
    [
      { id: 'kr-1', version: 2, focusTags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      'focusTags',
      'too-many',
    ],
    [{ id: 'kr-1', version: 2, focusTags: [''] }, 'focusTags.0', 'too-short'],
    [{ id: 'kr-1', version: 2, updateIntervalDays: 366 }, 'updateIntervalDays', 'maximum'],
    [{ id: 'kr-1', version: 2, updateIntervalDays: 1.5 }, 'updateIntervalDays', 'type'],
  ])('refuses a key-result edit %j at "%s" (%s)', (input, field, reason) => {
    expect(refusal(updateKeyResult.input, input)).toEqual({ code: 'invalid-request', field, reason });
  });

  it('refuses a link weight outside 0–100 and a version sent as text', () => {
    const base = { krId: 'kr-1', objectiveId: 'o-1' };
    expect(refusal(saveLink.input, { ...base, weight: 101 })).toMatchObject({
      field: 'weight',
      reason: 'maximum',
    });
    expect(refusal(saveLink.input, { ...base, weight: 50, version: '1' })).toMatchObject({
      field: 'version',
    });
    expect(refusal(saveLink.input, { ...base, weight: 50 })).toBeNull();
  });
});
