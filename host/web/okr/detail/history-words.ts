import type { TFunction } from 'i18next';
import type { KrHistoryRow } from '../../api/endpoints.ts';

/** Fields of a KR whose change is worth a line, in the order they are told. */
const TOLD_FIELDS = ['title', 'target', 'baseline', 'unit', 'rationale', 'evidence', 'focusTags'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join('、');
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

const detailed = (t: TFunction, verb: string, detail: string) =>
  t('krDetail.history.withDetail', { verb, detail });

/** Who did it, in words. */
export function actorWords(row: KrHistoryRow, t: TFunction): string {
  const a = row.actor;
  if (a.kind === 'person') return a.name;
  if (a.kind === 'system') return t('krDetail.history.system');
  if (a.kind === 'demo') return t('krDetail.history.demo');
  return t('krDetail.history.someone');
}

/** What an audit row did, in words people use ("目标值 100 → 120"), never the action key. */
export function changeWords(row: KrHistoryRow, t: TFunction, nameOf: (id: string) => string): string {
  const key = `krDetail.history.action.${row.action.replace('.', '_')}`;
  const verb = t(key, { defaultValue: t('krDetail.history.action.other') });
  const { before, after } = row;
  if (row.action === 'keyResult.update' && isRecord(before) && isRecord(after)) {
    const changes = TOLD_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map(
      (f) =>
        t('krDetail.history.change', {
          field: t(`krDetail.field.${f}`),
          from: shown(before[f]),
          to: shown(after[f]),
        }),
    );
    return changes.length ? detailed(t, verb, changes.join(t('krDetail.history.separator'))) : verb;
  }
  const side = isRecord(after) ? after : isRecord(before) ? before : null;
  if (row.subjectType === 'link' && side && typeof side.objectiveId === 'string')
    return detailed(
      t,
      verb,
      `${nameOf(side.objectiveId)}${typeof side.weight === 'number' ? ` · ${t('krDetail.links.weight', { weight: side.weight })}` : ''}`,
    );
  if (row.subjectType === 'checkIn' && side && typeof side.month === 'string')
    return detailed(t, verb, `${side.month} · ${shown(side.value)}`);
  if (row.action === 'escalation.assign' && isRecord(after) && typeof after.assigneeId === 'string')
    return detailed(t, verb, nameOf(after.assigneeId));
  return verb;
}
