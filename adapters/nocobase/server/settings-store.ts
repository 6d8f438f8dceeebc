import { publishedSettings } from '../../../plugin/app/queries/evaluation.ts';
import { ensureInitialSettings as seedSettings } from '../../../plugin/app/settings-store.ts';
import { nocobaseRecords, nocobaseUnitOfWork } from './app-records.ts';
import type { TableAccess, Tables } from './tables.ts';

/** Stores the shipped defaults as version 1 when no settings exist yet (plugin install). */
export const ensureInitialSettings = (tables: Tables, now: string): Promise<void> =>
  seedSettings(nocobaseUnitOfWork(tables), now);

/** The published settings in effect (also inside a transaction of `tables`). */
export const currentSettings = (tables: TableAccess) => publishedSettings(nocobaseRecords(tables));
