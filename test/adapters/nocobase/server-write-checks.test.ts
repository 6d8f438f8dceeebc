import { saveCheckIn } from '../../../plugin/app/commands/check-ins.ts';
import { AppError } from '../../../plugin/app/errors.ts';
import { checkInput } from '../../../plugin/app/input.ts';

/** The code and field of the pack's input refusal, or null when the input passes. */
function refusedField(input: unknown): [string, string] | null {
  try {
    checkInput(saveCheckIn.input, input, saveCheckIn.name);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [error.code, String(error.params.field)];
  }
}

// NocoBase's saveCheckIn action runs the pack command: its body is the command input, checked the
// same as the reference host's PUT /api/key-results/:id/check-ins/:month (which adds krId and month
// from the path).
describe('check-in bodies (the pack command input, the same on every host)', () => {
  const body = { krId: 'kr-1', month: '2026-02', value: 3, confidence: 5 };

  it('takes a value and a confidence, the rest optional', () => {
    expect(refusedField(body)).toBeNull();
    expect(
      refusedField({ ...body, selfColour: null, resourceRequest: { kind: 'budget', detail: 'ads' } }),
    ).toBeNull();
  });

  it('refuses out-of-bounds and mistyped fields, naming the field', () => {
    for (const [bad, field] of [
      [{ confidence: 10.5 }, 'confidence'],
      [{ confidence: -1 }, 'confidence'],
      [{ value: undefined }, 'value'],
      [{ value: 1e20 }, 'value'],
      [{ value: '3' }, 'value'],
      [{ month: '2026-2' }, 'month'],
      [{ krId: '' }, 'krId'],
      [{ selfColour: 'purple' }, 'selfColour'],
      [{ colourNote: 'x'.repeat(2001) }, 'colourNote'],
      [{ resourceRequest: { kind: 'budget' } }, 'resourceRequest.detail'],
      [{ resourceRequest: { kind: 'budget', detail: 'x', urgent: true } }, 'resourceRequest.urgent'],
      [{ id: 'mine' }, 'id'],
    ] as const) {
      expect([bad, refusedField({ ...body, ...bad })]).toEqual([bad, ['invalid-request', field]]);
    }
  });
});
