import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import { decodeRow, type Row } from '../../../plugin/records/row-codec.ts';
import { SQL_ROWS } from './mappers.ts';

export const toPoolRun = (r: Row): PoolRun => decodeRow('poolRuns', r, SQL_ROWS);
