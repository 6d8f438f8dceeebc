// Preloaded into the server by the e2e harness (`--import`) when a journey needs "today" inside the
// demo cycle: every Date the process makes is shifted by a fixed offset, so time still passes.
const start = Date.parse(process.env.E2E_CLOCK_START ?? '');
if (Number.isNaN(start)) {
  throw new Error('e2e clock: set E2E_CLOCK_START to an ISO instant, e.g. 2026-06-15T03:00:00Z');
}
const RealDate = Date;
const offset = start - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
