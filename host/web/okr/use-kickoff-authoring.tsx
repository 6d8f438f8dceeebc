import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, List, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { krOwnership } from '../../../plugin/app/subjects.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Cycle, KeyResult, Objective, Region } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/index.ts';
import { useApp } from '../app/app-context.tsx';
import { onDemand, useOnDemand } from '../app/on-demand.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { StoredObjective } from './okr-endpoints.ts';
import { KR_PROPOSERS, type PersonRow } from './owner-options.ts';

// The drawers carry the form engine (Formily, ajv, the date picker): a board loads them when one is
// first wanted, or its trigger pointed at, not with every board (issue 17's payload budget).
const authoringDrawers = onDemand(() => import('./authoring-drawers.ts'));

export const OBJECTIVE_AUTHORS: readonly string[] = ['strategy', 'admin'];

export interface KickoffAuthoringInput {
  cycle: Cycle | null;
  objectives: Objective[];
  keyResults: KeyResult[];
  /** Null for a QR session (it may not list people) or while loading: nothing to author with. */
  data: {
    people: PersonRow[];
    regions: Pick<Region, 'id' | 'name'>[];
    settings: Settings | null;
  } | null;
  locked: boolean;
}

/**
 * What the kickoff board adds for authoring: the toolbar buttons, column-header edit, the drawers, the
 * manager's review list and the archived objectives. One hook, so the board page stays a board.
 */
export function useKickoffAuthoring({ cycle, objectives, keyResults, data, locked }: KickoffAuthoringInput) {
  const { t } = useTranslation();
  const { api, user } = useApp();
  const [objective, setObjective] = useState<StoredObjective | 'new' | null>(null);
  const [kr, setKr] = useState<KeyResult | 'new' | null>(null);
  const code = useOnDemand(authoringDrawers);

  const ready = cycle !== null && data?.settings != null && !user.scope && !locked;
  const writesObjectives = ready && OBJECTIVE_AUTHORS.includes(user.role);
  const proposesKrs = ready && KR_PROPOSERS.includes(user.role);
  const live = objectives.filter((o) => !o.archivedAt);
  const archived = objectives.filter((o) => o.archivedAt);
  const people = new Map((data?.people ?? []).map((p) => [p.id, p]));

  // The board drops objective versions; the edit starts from the stored row.
  const editObjective = (id: string) =>
    code.openAfter(
      `objective:${id}`,
      () => api.objectives(cycle?.id),
      (rows) => {
        const row = rows.find((o) => o.id === id);
        if (row) setObjective({ ...row, version: row.version ?? 1 });
      },
    );
  const openKr = (k: KeyResult | 'new') => code.open(`kr:${k === 'new' ? k : k.id}`, () => setKr(k));

  // The empty board shows this button twice (toolbar and hint): both spin while the code loads.
  const newObjectiveButton = writesObjectives ? (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      {...code.trigger('objective:new', () => code.open('objective:new', () => setObjective('new')))}
    >
      {t('okrAuthoring.objective.new')}
    </Button>
  ) : null;
  const toolbar: ReactNode = (
    <>
      {newObjectiveButton}
      {proposesKrs && live.length > 0 ? (
        <Button icon={<PlusOutlined />} {...code.trigger('kr:new', () => openKr('new'))}>
          {t('okrAuthoring.kr.new')}
        </Button>
      ) : null}
    </>
  );

  const objectiveActions = writesObjectives
    ? (o: Objective) => (
        <Tooltip title={t('okrAuthoring.objective.edit', { title: o.title })}>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            aria-label={t('okrAuthoring.objective.edit', { title: o.title })}
            {...code.trigger(`objective:${o.id}`, () => void editObjective(o.id))}
          />
        </Tooltip>
      )
    : undefined;

  const toReview = keyResults.filter(
    (k) => !k.archivedAt && !k.confirmedAt && can(user, 'confirm', krOwnership(k, people)),
  );
  const ownerName = (k: KeyResult) =>
    k.ownerType === 'person'
      ? (people.get(k.ownerId)?.name ?? '')
      : (data?.regions.find((r) => r.id === k.ownerId)?.name ?? '');
  const reviewTab =
    ready && user.role === 'manager'
      ? {
          key: 'review',
          label: t('okrAuthoring.review.tab', { count: toReview.length }),
          children: (
            <List
              locale={{ emptyText: t('okrAuthoring.review.empty') }}
              dataSource={toReview}
              renderItem={(k) => (
                <List.Item
                  actions={[
                    <Button
                      key="open"
                      size="small"
                      type="primary"
                      {...code.trigger(`kr:${k.id}`, () => openKr(k))}
                    >
                      {t('okrAuthoring.review.open')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={`${k.title} · ${ownerName(k)}`}
                    description={
                      k.sentBack ? <SentBack reason={k.sentBack.reason} /> : t('okrAuthoring.review.waiting')
                    }
                  />
                </List.Item>
              )}
            />
          ),
        }
      : null;

  const archivedList =
    archived.length > 0 ? (
      <div style={{ marginTop: 16 }} data-testid="archived-objectives">
        <Typography.Text type="secondary">{t('okrAuthoring.objective.archivedTitle')}</Typography.Text>
        <List
          size="small"
          dataSource={archived}
          renderItem={(o) => (
            <List.Item style={{ opacity: 0.55 }}>
              <span>
                <Tag>{t('okrAuthoring.objective.archivedTag')}</Tag>
                {o.title}
              </span>
            </List.Item>
          )}
        />
      </div>
    ) : null;

  // Once its code is in, a drawer stays mounted so it can animate closed.
  const Drawers = code.code;
  const drawers =
    Drawers && cycle && data?.settings ? (
      <>
        <Drawers.ObjectiveDrawer
          editing={objective}
          cycle={cycle}
          people={data.people}
          settings={data.settings}
          onClose={() => setObjective(null)}
        />
        <Drawers.KeyResultDrawer
          editing={kr}
          cycle={cycle}
          objectives={live}
          people={data.people}
          regions={data.regions}
          settings={data.settings}
          onClose={() => setKr(null)}
        />
      </>
    ) : null;

  return {
    toolbar,
    emptyAction: newObjectiveButton,
    objectiveActions,
    liveObjectives: live,
    reviewTab,
    archivedList,
    drawers: (
      <>
        <ErrorAlert error={code.error} onClose={code.clearError} />
        {drawers}
      </>
    ),
    /** The props of a button that opens a KR in the drawer (proposal, edit, review). */
    krOpener: ready ? (k: KeyResult) => code.trigger(`kr:${k.id}`, () => openKr(k)) : null,
  };
}

/** "已退回：<comment>" as the owner and the manager read it. */
export function SentBack({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return <Typography.Text type="danger">{t('okrAuthoring.kr.sentBackNote', { reason })}</Typography.Text>;
}
