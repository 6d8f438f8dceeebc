import type { Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';

const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北'];
const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const LINKED_AT = '2026-01-08T09:00:00Z';

export const syntheticObjectives: Objective[] = [
  makeObjective({ id: 'o-energy', title: '拓展新能源行业客户', focusTags: ['new-energy'] }),
  makeObjective({ id: 'o-margin', title: '提升高毛利产品占比', focusTags: ['high-margin'] }),
  makeObjective({ id: 'o-accounts', title: '深耕重点客户', focusTags: ['key-accounts'] }),
];

/**
 * `count` KR cards for load tests: spread over three objectives, some linked twice, a fifth unlinked,
 * a third under the threshold. Deterministic, so runs compare.
 */
export function syntheticCards(count: number): AlignmentCard[] {
  const cards: AlignmentCard[] = [];
  for (let i = 0; i < count; i += 1) {
    const region = i % REGIONS.length;
    const person = i % 250;
    const bucket = i % 10;
    const links =
      bucket < 2
        ? []
        : bucket < 6
          ? [{ objectiveId: 'o-energy', weight: 100, linkedAt: LINKED_AT }]
          : bucket < 9
            ? [{ objectiveId: 'o-margin', weight: 100, linkedAt: LINKED_AT }]
            : [
                { objectiveId: 'o-accounts', weight: 50, linkedAt: LINKED_AT },
                { objectiveId: 'o-energy', weight: 50, linkedAt: LINKED_AT },
              ];
    const score = (i * 37) % 101;
    cards.push(
      makeCard(makeKr({ id: `kr-${i}`, ownerId: `p-${person}`, title: `KR ${i + 1}:季度签约目标`, links }), {
        ownerName: `${SURNAMES[person % SURNAMES.length]}${person}`,
        regionId: `r-${region}`,
        regionName: REGIONS[region] ?? '',
        score,
        belowThreshold: i % 3 === 0,
      }),
    );
  }
  return cards;
}
