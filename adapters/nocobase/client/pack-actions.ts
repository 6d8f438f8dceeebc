import type { ActionName } from '../../../plugin/app/catalogue.ts';

/** `okrAlign:<name>` of a command or query in the pack's catalogue: a name the pack lacks does not compile. */
export type PackActionUrl = `okrAlign:${ActionName}`;
