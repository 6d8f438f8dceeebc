import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flattenMessages } from '../../../adapters/nocobase/client/flatten-messages.ts';
import { submitProblem } from '../../../adapters/nocobase/client/form-errors.ts';
import {
  blankKeyResult,
  changedLinks,
  checkInBody,
  keyResultCreateBody,
  keyResultUpdateBody,
  ownerChanged,
  removedLinks,
} from '../../../adapters/nocobase/client/form-requests.ts';
import enUS from '../../../adapters/nocobase/locale/en-US.json' with { type: 'json' };
import zhCN from '../../../adapters/nocobase/locale/zh-CN.json' with { type: 'json' };
import { errorResponse } from '../../../adapters/nocobase/server/error-response.ts';
import { recordFromValues } from '../../../forms/runtime/create-pack-form.ts';
import { saveCheckIn } from '../../../plugin/app/commands/check-ins.ts';
import { createKeyResult, updateKeyResult } from '../../../plugin/app/commands/key-results.ts';
import { badRequest, forbidden, staleVersion } from '../../../plugin/app/errors.ts';
import { checkInput } from '../../../plugin/app/input.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { defaultSettings } from '../../../plugin/engine/default-rules.ts';

const root = resolve(import.meta.dirname, '../../..');
const demo = JSON.parse(
  readFileSync(resolve(root, 'host/demo/case-study.snapshot.json'), 'utf8'),
) as Snapshot;
const settings = defaultSettings();
const kr = demo.keyResults.find((k) => k.links.length > 0)!;

/** What NocoBase's API client throws for a refused action: axios' `response` with the server plugin's body. */
const answered = (error: Error) => {
  const { status, body } = errorResponse(error)!;
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    response: { status, data: body },
  });
};

describe('form blocks: what they send', () => {
  it('a new KR of the form becomes a createKeyResult body the server accepts, owned by the person', () => {
    const blank = blankKeyResult(demo.cycle.id, 'person-zhaomin', '2026-03-01T00:00:00Z');
    const ctx = {
      settings,
      objectives: demo.objectives,
      record: blank,
      cycle: demo.cycle,
      now: blank.createdAt,
    };
    const values = {
      title: '新签储能客户 5 家',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      metric: 'number',
      baseline: 0,
      target: 5,
      unit: '家',
      focusTags: ['new-energy'],
      links: [{ objectiveId: demo.objectives[0]!.id, weight: 60 }],
      rationale: '储能客户是新能源战略的第一步',
      evidence: '',
    };
    const record = recordFromValues('key-result', values, ctx);
    const body = keyResultCreateBody(record);
    expect(body).toMatchObject({ cycleId: demo.cycle.id, ownerId: 'person-zhaomin', target: 5, unit: '家' });
    expect(checkInput(createKeyResult.input, body, createKeyResult.name)).toEqual(body);
    expect(record.links).toEqual([
      expect.objectContaining({ objectiveId: demo.objectives[0]!.id, weight: 60 }),
    ]);
  });

  it('a key-result form record becomes an updateKeyResult body the server accepts, revised target with its reason', () => {
    const ctx = {
      settings,
      objectives: demo.objectives,
      record: kr,
      cycle: demo.cycle,
      now: '2026-03-01T00:00:00Z',
    };
    const values = {
      title: kr.title,
      ownerType: kr.ownerType,
      ownerId: kr.ownerId,
      metric: kr.metric,
      baseline: kr.baseline,
      target: kr.target + 10,
      targetChangeReason: 'new market data',
      unit: kr.unit,
      focusTags: kr.focusTags,
      links: [
        ...kr.links.map((l) => ({ objectiveId: l.objectiveId, weight: l.weight })),
        { objectiveId: 'o-new', weight: 40 },
      ],
      rationale: 'supports the objective',
      evidence: '',
    };
    const record = recordFromValues('key-result', values, ctx);
    const body = keyResultUpdateBody(record, kr);
    expect(body).toMatchObject({
      id: kr.id,
      version: kr.version,
      targetReason: 'new market data',
      target: kr.target + 10,
      rationale: 'supports the objective',
    });
    // The command's own input check (the same on every host) takes it as sent.
    expect(checkInput(updateKeyResult.input, body, updateKeyResult.name)).toEqual(body);
    expect(changedLinks(record, kr)).toEqual([expect.objectContaining({ objectiveId: 'o-new', weight: 40 })]);
    expect(keyResultUpdateBody({ ...record, target: kr.target }, kr)).not.toHaveProperty('targetReason');
    expect(removedLinks(record, kr)).toEqual([]);
    expect(removedLinks({ ...record, links: [] }, kr)).toEqual(kr.links.map((l) => l.objectiveId));
    expect(ownerChanged(record, kr)).toBe(false);
    expect(ownerChanged({ ...record, ownerId: 'someone-else' }, kr)).toBe(true);
  });

  it('a check-in form record becomes a saveCheckIn body the server accepts', () => {
    const ctx = { settings, keyResult: kr, cycle: demo.cycle };
    const record = recordFromValues(
      'check-in',
      {
        month: demo.cycle.start.slice(0, 7),
        value: 12,
        selfColour: 'red',
        colourNote: ' slow ',
        confidence: 4,
        hasResourceRequest: true,
        resourceRequest: { kind: 'budget', detail: 'ads' },
      },
      ctx,
    );
    const body = checkInBody(record);
    expect(body).toMatchObject({
      krId: kr.id,
      value: 12,
      confidence: 4,
      resourceRequest: { kind: 'budget', detail: 'ads' },
    });
    expect(checkInput(saveCheckIn.input, body, saveCheckIn.name)).toMatchObject({
      value: 12,
      confidence: 4,
      selfColour: 'red',
    });
  });
});

describe('form blocks: server errors', () => {
  it('tells a refused write, a stale version (with the current version) and bad input apart', async () => {
    expect(submitProblem(answered(forbidden('role sales may not update')))).toMatchObject({
      kind: 'forbidden',
    });
    expect(submitProblem(answered(staleVersion('key result', 1, { ...kr, version: 7 })))).toEqual({
      kind: 'stale',
      version: 7,
      message:
        'key result: your version 1 is older than the stored version 7; reload and apply your change to the current row',
    });
    const invalid = badRequest('invalid-request', 'month must be YYYY-MM', {
      params: { field: 'month', reason: 'pattern', limit: '' },
    });
    expect(submitProblem(answered(invalid))).toMatchObject({
      kind: 'invalid',
      message: 'month must be YYYY-MM',
    });
    expect(submitProblem(new Error('Network Error'))).toEqual({ kind: 'failed', message: 'Network Error' });
  });

  it('has every message of the form blocks in both languages', () => {
    const zh = flattenMessages(zhCN);
    const en = flattenMessages(enUS);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const source = ['form-block-parts', 'key-result-form-block', 'check-in-form-block', 'form-blocks']
      .map((f) => readFileSync(resolve(root, 'adapters/nocobase/client', `${f}.tsx`), 'utf8'))
      .join('\n');
    const used = [...source.matchAll(/(?:t\(\s*|title: )[`'](forms\.[\w.]+|blocks\.\w+)/g)].map((m) => m[1]!);
    expect(used).toEqual(
      expect.arrayContaining(['blocks.keyResultForm', 'blocks.checkInForm', 'forms.stale']),
    );
    for (const key of ['forms.forbidden', 'forms.invalid', 'forms.failed', ...used]) {
      expect(zh[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
  });
});
