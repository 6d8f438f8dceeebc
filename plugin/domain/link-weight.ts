/**
 * A link's contribution weight in percent, as JSON Schema: 0 (linked, counting for nothing yet) to
 * 100. The one rule for `link.save`/`link.move` (plugin/app/input.ts), the board's realtime channel
 * and the board's link picker. Data only, so the browser can read it too.
 */
export const LINK_WEIGHT = { type: 'number', minimum: 0, maximum: 100 } as const;
