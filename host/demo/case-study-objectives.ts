import type { Objective } from '../../plugin/domain/types.ts';
import { cycle } from './case-study-calendar.ts';
import { strategyLeadId } from './case-study-people.ts';

export const OBJECTIVE_NEW_ENERGY = 'obj-new-energy';
export const OBJECTIVE_HIGH_MARGIN = 'obj-high-margin';
export const OBJECTIVE_KEY_ACCOUNTS = 'obj-key-accounts';

export const objectives: Objective[] = [
  {
    id: OBJECTIVE_NEW_ENERGY,
    cycleId: cycle.id,
    title: '拓展新能源行业客户',
    ownerId: strategyLeadId,
    focusTags: ['new-energy'],
    weight: 40,
  },
  {
    id: OBJECTIVE_HIGH_MARGIN,
    cycleId: cycle.id,
    title: '提升高毛利产品占比',
    ownerId: strategyLeadId,
    focusTags: ['high-margin'],
    weight: 40,
  },
  {
    id: OBJECTIVE_KEY_ACCOUNTS,
    cycleId: cycle.id,
    title: '深耕重点客户，提升服务续约率',
    ownerId: strategyLeadId,
    focusTags: ['key-accounts'],
    weight: 20,
  },
];
