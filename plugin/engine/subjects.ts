import type { AlignmentFactors } from '../domain/alignment.ts';
import type { MonthColour } from '../domain/pace.ts';
import type { PoolRunResult } from '../domain/pool.ts';
import type { KeyAccount, KeyResult } from '../domain/types.ts';
import type { AccountFact, KrFact, MonthFact, PoolFact } from './fact-catalogue.ts';

/** One key result with its facts and the domain results they came from. */
export interface KrSubject {
  kr: KeyResult;
  factors: AlignmentFactors;
  fact: KrFact;
  colours: MonthColour[];
  months: MonthFact[];
}

export interface AccountSubject {
  account: KeyAccount;
  fact: AccountFact;
}

export interface PoolSubject {
  run: PoolRunResult;
  fact: PoolFact;
}
