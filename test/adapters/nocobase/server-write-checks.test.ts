import { checkCheckIn, checkKrPatch } from '../../../adapters/nocobase/server/write-actions.ts';
import { refusal } from './refusal.ts';

describe('write action bodies, checked like the reference host routes', () => {
  it('accepts the key-result fields the reference host lets a writer change', () => {
    const patch = {
      title: '新客户签约',
      metric: 'currency',
      baseline: '0',
      target: 120,
      unit: '万元',
      focusTags: ['new-energy'],
      rationale: '',
      evidence: 'CRM',
      updateIntervalDays: null,
    };
    expect(checkKrPatch(patch)).toEqual({ ...patch, baseline: 0 });
    expect(checkKrPatch({ custom: {} })).toEqual({});
  });

  it('refuses other fields, bad values and custom values without a form overlay', () => {
    for (const bad of [
      null,
      [],
      { version: 2 },
      { links: [] },
      { targetHistory: [] },
      { confirmedAt: 'x' },
      { title: '' },
      { title: 'x'.repeat(301) },
      { metric: 'vibes' },
      { target: 'many' },
      { focusTags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { focusTags: [''] },
      { updateIntervalDays: 366 },
      { updateIntervalDays: 1.5 },
    ]) {
      expect([bad, refusal(() => checkKrPatch(bad))]).toEqual([bad, { status: 400, code: 'invalid-body' }]);
    }
    expect(refusal(() => checkKrPatch({ custom: { channel: 'x' } }))).toEqual({
      status: 400,
      code: 'custom-field-unknown',
    });
  });

  it('reads a check-in with the reference host defaults and limits', () => {
    expect(checkCheckIn({ krId: 'kr-1', month: '2026-02', value: 3, confidence: 0 })).toEqual({
      krId: 'kr-1',
      month: '2026-02',
      input: {
        value: 3,
        selfColour: null,
        colourNote: '',
        blockers: '',
        resourceRequest: null,
        confidence: 0,
      },
    });
    const body = { krId: 'kr-1', month: '2026-02', value: 3, confidence: 5 };
    for (const bad of [
      { confidence: 10.5 },
      { value: undefined },
      { month: '2026-2' },
      { krId: '' },
      { selfColour: 'purple' },
      { colourNote: 'x'.repeat(2001) },
      { resourceRequest: { kind: 'budget' } },
      { resourceRequest: { kind: 'budget', detail: 'x', urgent: true } },
      { id: 'mine' },
    ]) {
      expect([bad, refusal(() => checkCheckIn({ ...body, ...bad }))]).toEqual([
        bad,
        { status: 400, code: 'invalid-body' },
      ]);
    }
  });
});
