import { Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Escalation, Id, Person } from '../../../plugin/domain/types.ts';
import { escalationAssignees } from '../../../plugin/sdk/escalation-assignees.ts';
import type { Subject } from '../../../plugin/sdk/index.ts';

export interface EscalationAssignModalProps {
  /** The escalation being assigned; null keeps the dialog closed. */
  escalation: Escalation | null;
  krTitle: string;
  subject: Subject | null;
  people: readonly Person[];
  busy: boolean;
  onAssign: (assigneeId: Id) => void;
  onCancel: () => void;
}

/** Picks who handles an escalation, among the people the server accepts as assignees. */
export function EscalationAssignModal(props: EscalationAssignModalProps) {
  const { t } = useTranslation();
  const { escalation, subject } = props;
  const [picked, setPicked] = useState<Id | null>(null);
  useEffect(() => setPicked(escalation?.assigneeId ?? null), [escalation]);
  const options = useMemo(
    () =>
      subject
        ? escalationAssignees(subject, props.people).map((p) => ({
            value: p.id,
            label: `${p.name} · ${t(`roles.${p.role}`)}`,
          }))
        : [],
    [subject, props.people, t],
  );
  return (
    <Modal
      open={escalation !== null}
      title={t('calibration.assignTitle')}
      onCancel={props.onCancel}
      onOk={() => picked && props.onAssign(picked)}
      okButtonProps={{ disabled: !picked || picked === escalation?.assigneeId, loading: props.busy }}
      okText={t('calibration.assign')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('calibration.assignText', { kr: props.krTitle })}</Typography.Paragraph>
      <Select
        aria-label={t('calibration.assignee')}
        placeholder={t('calibration.assigneePlaceholder')}
        value={picked ?? undefined}
        onChange={(v: Id) => setPicked(v)}
        options={options}
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        notFoundContent={t('calibration.noAssignees')}
      />
    </Modal>
  );
}
