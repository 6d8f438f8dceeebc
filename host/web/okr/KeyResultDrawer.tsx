import { Alert, Button, Divider, Drawer, message, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import { krOwnership } from '../../../plugin/app/subjects.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Cycle, KeyResult, Objective, Region } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/index.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { KrReviewControls } from './KrReviewControls.tsx';
import { createKrBody, linkChanges, onlyVersion, updateKrBody } from './kr-requests.ts';
import { okrEndpoints } from './okr-endpoints.ts';
import { ownerOptions, type PersonRow } from './owner-options.ts';

export interface KeyResultDrawerProps {
  /** Null: closed. `'new'`: a KR proposed in `cycle`. */
  editing: KeyResult | 'new' | null;
  cycle: Cycle;
  /** The live strategic objectives a KR can link to. */
  objectives: Objective[];
  people: PersonRow[];
  regions: Pick<Region, 'id' | 'name'>[];
  settings: Settings;
  onClose: () => void;
  /** A write answered with the KR as stored (the board also hears it over its channel). */
  onSaved?: (kr: KeyResult) => void;
}

/**
 * Propose or edit a KR with the pack's form (live alignment score, a reason for a revised target), and,
 * for the owner's manager, confirm or send it back; a manager archives a KR that has history.
 */
export function KeyResultDrawer(props: KeyResultDrawerProps) {
  const { editing, cycle, objectives, people, regions, settings, onClose, onSaved } = props;
  const { t } = useTranslation();
  const { client, user, lang } = useApp();
  const okr = useMemo(() => okrEndpoints(client), [client]);
  const action = useAction();
  const kr = editing && editing !== 'new' ? editing : null;
  const peopleById = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const subject = kr ? krOwnership(kr, peopleById) : null;
  const mayEdit = kr ? can(user, 'update', subject!) : true;
  const mayReview = kr !== null && !kr.confirmedAt && can(user, 'confirm', subject!);
  const mayArchive = kr !== null && can(user, 'delete', subject!);

  const context = useMemo<FormContext>(
    () => ({
      settings,
      lang,
      cycle,
      objectives,
      // A new KR starts as the proposer's own when they sell; no target yet, so no revision reason.
      record: kr ?? {
        cycleId: cycle.id,
        ownerType: 'person',
        ...(user.role === 'sales' ? { ownerId: user.personId } : {}),
      },
      options: ownerOptions(user, people, regions),
    }),
    [settings, lang, cycle, objectives, kr, user, people, regions],
  );

  const writeLinks = async (krId: string, wanted: { objectiveId: string; weight: number }[]) => {
    const { save, remove } = linkChanges(wanted, kr ? await okr.links(krId) : []);
    for (const l of save) await okr.saveLink(krId, l.objectiveId, l.weight, l.version);
    for (const l of remove) await okr.deleteLink(krId, l.objectiveId, l.version);
  };

  const save = async (record: FormRecord<'key-result'>) => {
    if (kr && (record.ownerType !== kr.ownerType || record.ownerId !== kr.ownerId)) {
      void message.warning(t('okrAuthoring.kr.ownerFixed'));
      return;
    }
    const saved = await action.run(async () => {
      let stored: KeyResult = kr ?? (await okr.createKeyResult(createKrBody(record, cycle.id)));
      if (kr) {
        const body = updateKrBody(record, kr);
        if (!onlyVersion(body)) stored = await okr.updateKeyResult(kr.id, body);
      }
      await writeLinks(stored.id, record.links);
      return stored;
    });
    if (!saved) return;
    void message.success(
      t(kr ? 'okrAuthoring.kr.updated' : 'okrAuthoring.kr.created', { title: saved.title }),
    );
    onSaved?.(saved);
    onClose();
  };

  const archive = async () => {
    if (!kr) return;
    const done = await action.run(() => okr.archiveKeyResult(kr.id, kr.version));
    if (!done) return;
    void message.success(t('okrAuthoring.kr.archived', { title: kr.title }));
    onSaved?.(done);
    onClose();
  };

  const reviewed = (savedKr: KeyResult) => {
    onSaved?.(savedKr);
    onClose();
  };

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={kr ? t('okrAuthoring.kr.editTitle') : t('okrAuthoring.kr.newTitle')}
      extra={
        mayArchive && kr ? (
          <Popconfirm
            title={t('okrAuthoring.kr.archiveConfirm', { title: kr.title })}
            description={t('okrAuthoring.kr.archiveHelp')}
            okText={t('okrAuthoring.archive')}
            cancelText={t('common.cancel')}
            onConfirm={() => void archive()}
          >
            <Button danger>{t('okrAuthoring.archive')}</Button>
          </Popconfirm>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {kr?.sentBack ? (
          <Alert
            type="warning"
            showIcon
            message={t('okrAuthoring.kr.sentBackNote', { reason: kr.sentBack.reason })}
            description={t('okrAuthoring.kr.sentBackHelp')}
          />
        ) : null}
        {kr?.confirmedAt ? <Tag color="green">{t('okrAuthoring.kr.confirmedTag')}</Tag> : null}
        {mayReview && kr ? (
          <>
            <Typography.Text strong>{t('okrAuthoring.review.title')}</Typography.Text>
            <KrReviewControls kr={kr} onDone={reviewed} />
            <Divider style={{ margin: '8px 0' }} />
          </>
        ) : null}
        <ErrorAlert error={action.error} onClose={action.clearError} />
        {editing !== null && mayEdit ? (
          // The journeys wait for this marker: the form mounts with the drawer, whole (app/on-demand.ts).
          <div key={kr ? `${kr.id}:${kr.version}` : 'new'} data-form-id="key-result">
            <PackForm formId="key-result" context={context} onSubmit={save} />
          </div>
        ) : null}
      </Space>
    </Drawer>
  );
}
