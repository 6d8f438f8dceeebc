import {
  Button,
  Card,
  Col,
  Input,
  List,
  Modal,
  message,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormContext, FormRecord } from '../../../forms/runtime/index.ts';
import { PackForm } from '../../../forms/runtime/react/index.ts';
import { krOwnership } from '../../../plugin/app/subjects.ts';
import { hasKeyClientGap, isStale } from '../../../plugin/domain/alerts.ts';
import { cycleMonths, monthOf } from '../../../plugin/domain/dates.ts';
import { isOverdue, responseDays } from '../../../plugin/domain/escalations.ts';
import { owesCheckIn } from '../../../plugin/domain/kr-lifetime.ts';
import type { Escalation, Id, KeyResult } from '../../../plugin/domain/types.ts';
import { CalibrationBoard, type CalibrationRow } from '../../../widgets/CalibrationBoard/index.tsx';
import { useApp } from '../app/app-context.tsx';
import { navigate } from '../app/router.ts';
import { useAction, useAsync } from '../app/use-async.ts';
import { type CycleData, useCycleData } from '../app/use-cycle-data.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { browserIdentity } from '../host-contract/browser-identity.ts';
import { escalationLink } from '../okr/detail/detail-links.ts';
import { resourceKindWords } from '../okr/escalation/resource-kind.ts';
import { waitingDays } from '../okr/escalation/sla.ts';
import { EscalationAssignModal } from './EscalationAssignModal.tsx';

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export default function CalibrationPage() {
  const { t } = useTranslation();
  const data = useCycleData();
  if (data.error && !data.data) return <ErrorAlert error={data.error} />;
  if (!data.data) return <Loading />;
  return <Calibration data={data.data} reload={data.reload} title={t('calibration.title')} />;
}

function Calibration({ data, reload, title }: { data: CycleData; reload: () => void; title: string }) {
  const { t } = useTranslation();
  const { api, user, lang, refreshUnread } = useApp();
  const { snapshot, settings, evaluation, at } = data;
  const months = cycleMonths(snapshot.cycle);
  const defaultMonth = [...months].reverse().find((m) => m <= monthOf(at)) ?? months[0] ?? '';
  const [month, setMonth] = useState(defaultMonth);
  const [checkingIn, setCheckingIn] = useState<KeyResult | null>(null);
  const [formContext, setFormContext] = useState<FormContext | null>(null);
  const [resolving, setResolving] = useState<Escalation | null>(null);
  const [resolution, setResolution] = useState('');
  const [assigning, setAssigning] = useState<Escalation | null>(null);
  const action = useAction();
  const overlays = useAsync(() => api.overlays().catch(() => []), [api]);
  const identity = useMemo(() => browserIdentity(user), [user]);
  const people = useMemo(() => new Map(snapshot.people.map((p) => [p.id, p])), [snapshot]);
  const regions = useMemo(() => new Map(snapshot.regions.map((r) => [r.id, r.name])), [snapshot]);
  const krs = useMemo(() => new Map(snapshot.keyResults.map((k) => [k.id, k])), [snapshot]);
  const nameOf = (id: Id | null) => (id ? (people.get(id)?.name ?? id) : t('calibration.unassigned'));

  const rows: CalibrationRow[] = useMemo(
    () =>
      snapshot.keyResults
        .filter((kr) => kr.ownerType === 'person')
        .map((kr) => {
          const owner = people.get(kr.ownerId);
          const regionId = owner?.regionId ?? null;
          return {
            personId: kr.ownerId,
            personName: owner?.name ?? kr.ownerId,
            regionId,
            regionName: regionId ? (regions.get(regionId) ?? regionId) : '',
            kr,
            colours: evaluation.colours.filter((c) => c.krId === kr.id),
          };
        })
        .sort((a, b) => a.regionName.localeCompare(b.regionName) || a.personName.localeCompare(b.personName)),
    [snapshot, evaluation, people, regions],
  );

  // A KR created after `month` owes nothing for it: it is not listed as missing there.
  const writable = snapshot.keyResults.filter(
    (kr) => owesCheckIn(kr, month) && identity.can('create', krOwnership(kr, people, 'checkIn')),
  );
  const checkInOf = (krId: Id) => snapshot.checkIns.find((c) => c.krId === krId && c.month === month);
  const overlay = overlays.data?.find((o) => o.formId === 'check-in')?.overlay;

  // The form's context is fixed when the form opens (Formily keeps one form per context).
  const openCheckIn = (kr: KeyResult, forMonth: string) => {
    const context: FormContext = {
      settings,
      lang,
      keyResult: kr,
      cycle: snapshot.cycle,
      record: snapshot.checkIns.find((c) => c.krId === kr.id && c.month === forMonth) ?? { month: forMonth },
    };
    setFormContext(context);
    setCheckingIn(kr);
  };

  const submitCheckIn = async (record: FormRecord<'check-in'>) => {
    if (!checkingIn) return;
    const saved = await action.run(() =>
      api.saveCheckIn(checkingIn.id, record.month, {
        value: record.value,
        selfColour: record.selfColour,
        colourNote: record.colourNote,
        blockers: record.blockers,
        resourceRequest: record.resourceRequest,
        confidence: record.confidence,
        custom: record.custom,
      }),
    );
    if (saved) {
      void message.success(t('words.savedMessages.checkIn', { kr: checkingIn.title, month: record.month }));
      setCheckingIn(null);
      reload();
      refreshUnread();
    }
  };

  const resolve = async () => {
    if (!resolving) return;
    const done = await action.run(() => api.resolveEscalation(resolving.id, resolution));
    if (done) {
      void message.success(
        t('words.savedMessages.resolved', {
          kr: krs.get(resolving.krId)?.title ?? '',
          month: resolving.month,
        }),
      );
      setResolving(null);
      setResolution('');
      reload();
    }
  };

  const escalationSubject = (e: Escalation) => {
    const kr = krs.get(e.krId);
    return kr ? krOwnership(kr, people, 'escalation') : null;
  };
  const mayAssign = (e: Escalation) => {
    const subject = escalationSubject(e);
    return !e.resolvedAt && subject !== null && identity.can('assign', subject);
  };

  const assign = async (assigneeId: Id) => {
    if (!assigning) return;
    const done = await action.run(() => api.assignEscalation(assigning.id, assigneeId));
    if (done) {
      void message.success(
        t('words.savedMessages.assigned', {
          kr: krs.get(assigning.krId)?.title ?? '',
          name: people.get(assigneeId)?.name ?? '',
        }),
      );
      setAssigning(null);
      reload();
    }
  };

  const now = new Date().toISOString();
  const asOf = at < now.slice(0, 10) ? `${at}T23:59:59Z` : now;
  const gaps = snapshot.keyAccounts.filter((a) => hasKeyClientGap(a, settings, at));
  const stale = snapshot.keyResults.filter((kr) =>
    isStale(kr, snapshot.checkIns, snapshot.cycle, settings, at),
  );
  const overdue = snapshot.escalations.filter((e) => isOverdue(e, settings, asOf));
  // The rep's own words for an escalation: the blocker and request of its month's check-in.
  const wordsOf = (e: Escalation) => {
    const c = snapshot.checkIns.find((x) => x.krId === e.krId && x.month === e.month);
    const request = c?.resourceRequest
      ? t('escalationDetail.requestWords', {
          kind: resourceKindWords(c.resourceRequest.kind, lang),
          detail: c.resourceRequest.detail,
        })
      : '';
    return [e.detail, c?.blockers, request].filter(Boolean).join('；');
  };

  return (
    <div>
      <PageHeader
        title={title}
        subtitle={t('calibration.asOf', { at })}
        extra={
          <Select
            aria-label={t('calibration.month')}
            value={month}
            onChange={setMonth}
            options={months.map((m) => ({ value: m, label: m }))}
            style={{ minWidth: 120 }}
          />
        }
      />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('calibration.checkIns', { month })}>
            {writable.length === 0 ? (
              <EmptyHint text={t('calibration.noWritable')} />
            ) : (
              <List
                size="small"
                dataSource={writable}
                renderItem={(kr) => {
                  const done = checkInOf(kr.id);
                  return (
                    <List.Item
                      actions={[
                        <Button
                          key="ci"
                          size="small"
                          type={done ? 'default' : 'primary'}
                          disabled={snapshot.cycle.locked}
                          onClick={() => openCheckIn(kr, month)}
                        >
                          {done ? t('calibration.editCheckIn') : t('calibration.checkIn')}
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        title={kr.title}
                        description={
                          <Space size={4} wrap>
                            <span>{nameOf(kr.ownerType === 'person' ? kr.ownerId : null)}</span>
                            {done ? (
                              <Tag color="green">{t('calibration.submitted')}</Tag>
                            ) : (
                              <Tag color="orange">{t('calibration.missing')}</Tag>
                            )}
                          </Space>
                        }
                      />
                    </List.Item>
                  );
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('calibration.alerts')}>
            {gaps.length + stale.length + overdue.length === 0 ? (
              <EmptyHint text={t('calibration.noAlerts')} />
            ) : (
              <List size="small">
                {overdue.map((e) => (
                  <List.Item key={`o-${e.id}`}>
                    <Tag color="red">{t('calibration.alert.overdue')}</Tag>
                    {t('calibration.alert.overdueText', {
                      kr: krs.get(e.krId)?.title ?? e.krId,
                      assignee: nameOf(e.assigneeId),
                      days: waitingDays(e, now),
                    })}
                  </List.Item>
                ))}
                {gaps.map((a) => (
                  <List.Item key={`g-${a.id}`}>
                    <Tag color="orange">{t('calibration.alert.gap')}</Tag>
                    {t('calibration.alert.gapText', {
                      account: a.name,
                      owner: nameOf(a.ownerId),
                      last: a.lastContactAt ?? t('health.never'),
                    })}
                  </List.Item>
                ))}
                {stale.map((kr) => (
                  <List.Item key={`s-${kr.id}`}>
                    <Tag color="gold">{t('calibration.alert.stale')}</Tag>
                    {t('calibration.alert.staleText', {
                      kr: kr.title,
                      owner: nameOf(kr.ownerType === 'person' ? kr.ownerId : null),
                    })}
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('calibration.board')}>
            {rows.length === 0 ? (
              <EmptyHint text={t('calibration.noRows')} />
            ) : (
              <CalibrationBoard
                months={months}
                rows={rows}
                checkIns={snapshot.checkIns}
                escalations={snapshot.escalations}
                locale={lang}
                onSelectCell={(krId, m) => {
                  const kr = krs.get(krId);
                  if (kr && identity.can('create', krOwnership(kr, people, 'checkIn'))) {
                    setMonth(m);
                    openCheckIn(kr, m);
                  }
                }}
                onOpenEscalation={(id) => {
                  const e = snapshot.escalations.find((x) => x.id === id);
                  if (e) setResolving(e);
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('calibration.queue')}>
            <Table<Escalation>
              size="small"
              rowKey="id"
              scroll={{ x: true }}
              dataSource={snapshot.escalations}
              locale={{ emptyText: t('calibration.noEscalations') }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('calibration.col.kr'), render: (_, e) => krs.get(e.krId)?.title ?? e.krId },
                { title: t('calibration.col.raisedBy'), render: (_, e) => nameOf(e.raisedById) },
                { title: t('calibration.col.owner'), render: (_, e) => nameOf(e.assigneeId) },
                {
                  title: t('calibration.col.reason'),
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      <span>{t(`calibration.reason.${e.reason}`)}</span>
                      {wordsOf(e) ? (
                        <Typography.Text
                          type="secondary"
                          ellipsis={{ tooltip: wordsOf(e) }}
                          style={{ maxWidth: 260 }}
                        >
                          {wordsOf(e)}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                { title: t('calibration.col.month'), dataIndex: 'month' },
                {
                  title: t('calibration.col.response'),
                  render: (_, e) => {
                    const days = responseDays(e);
                    if (days !== null) return t('calibration.days', { days: oneDecimal(days) });
                    return (
                      <Space size={4}>
                        <span>{t('calibration.openFor', { days: waitingDays(e, now) })}</span>
                        {isOverdue(e, settings, asOf) ? (
                          <Tag color="red">{t('calibration.alert.overdue')}</Tag>
                        ) : null}
                      </Space>
                    );
                  },
                },
                {
                  title: t('calibration.col.state'),
                  render: (_, e) =>
                    e.resolvedAt ? (
                      <Tag color="green">{t('calibration.resolved')}</Tag>
                    ) : (
                      <Space size={4}>
                        <Button size="small" onClick={() => navigate(escalationLink(e.id))}>
                          {t('escalationDetail.open')}
                        </Button>
                        {mayAssign(e) ? (
                          <Button size="small" onClick={() => setAssigning(e)}>
                            {t('calibration.assign')}
                          </Button>
                        ) : null}
                        <Button size="small" onClick={() => setResolving(e)}>
                          {t('calibration.resolve')}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={checkingIn !== null}
        title={checkingIn ? t('calibration.checkInTitle', { kr: checkingIn.title }) : ''}
        footer={null}
        onCancel={() => setCheckingIn(null)}
        destroyOnHidden
      >
        {formContext && checkingIn ? (
          <PackForm formId="check-in" context={formContext} overlay={overlay} onSubmit={submitCheckIn} />
        ) : null}
        <ErrorAlert error={action.error} />
      </Modal>
      <EscalationAssignModal
        escalation={assigning}
        krTitle={assigning ? (krs.get(assigning.krId)?.title ?? assigning.krId) : ''}
        subject={assigning ? escalationSubject(assigning) : null}
        people={snapshot.people}
        busy={action.busy}
        onAssign={(id) => void assign(id)}
        onCancel={() => setAssigning(null)}
      />
      <Modal
        open={resolving !== null}
        title={t('calibration.resolveTitle')}
        onCancel={() => setResolving(null)}
        onOk={() => void resolve()}
        okButtonProps={{ disabled: resolution.trim() === '', loading: action.busy }}
        okText={t('calibration.resolve')}
        cancelText={t('common.cancel')}
      >
        {resolving ? (
          <Typography.Paragraph>
            {t('calibration.resolveText', {
              kr: krs.get(resolving.krId)?.title ?? resolving.krId,
              detail: wordsOf(resolving) || t('escalationDetail.noDetail'),
            })}
          </Typography.Paragraph>
        ) : null}
        <Input.TextArea
          rows={4}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          aria-label={t('calibration.resolution')}
        />
      </Modal>
    </div>
  );
}
