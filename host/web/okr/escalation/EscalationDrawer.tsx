import { Button, Descriptions, Drawer, List, message, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn } from '../../../../plugin/domain/types.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { CommentThread } from '../detail/CommentThread.tsx';
import { HistoryList } from '../detail/HistoryList.tsx';
import { resourceKindWords } from './resource-kind.ts';
import { waitingDays } from './sla.ts';

interface EscalationDrawerProps {
  escalationId: string;
  onClose: () => void;
  onOpenKr: (krId: string) => void;
}

const RECENT_CHECK_INS = 3;

/** One escalation where the manager acts: the rep's blocker and request, the KR's pace, the talk, the trail. */
export function EscalationDrawer({ escalationId, onClose, onOpenKr }: EscalationDrawerProps) {
  const { t } = useTranslation();
  const { api, lang } = useApp();
  const action = useAction();
  const data = useAsync(async () => {
    const escalation = (await api.escalations({})).find((e) => e.id === escalationId);
    if (!escalation) throw new Error(t('escalationDetail.notFound'));
    const [kr, checkIns, people, settings] = await Promise.all([
      api.keyResult(escalation.krId),
      api.checkIns({ krId: escalation.krId }),
      api.people().catch(() => []),
      api.settings(),
    ]);
    return { escalation, kr, checkIns, people, settings: settings.settings };
  }, [api, escalationId]);
  const comments = useAsync(() => api.escalationComments(escalationId), [api, escalationId]);
  const trail = useAsync(() => api.escalationTrail(escalationId), [api, escalationId]);
  const d = data.data;
  const names = useMemo(() => new Map((d?.people ?? []).map((p) => [p.id, p.name])), [d]);
  const nameOf = (id: string | null) =>
    id ? (names.get(id) ?? t('krDetail.someone')) : t('escalationDetail.unassigned');

  const send = async (text: string) => {
    const saved = await action.run(() => api.commentOnEscalation(escalationId, text));
    if (!saved) return false;
    void message.success(t('escalationDetail.commentSent'));
    comments.reload();
    trail.reload();
    return true;
  };

  const e = d?.escalation;
  // The check-in of the escalation's month carries the rep's own words; the latest ones show the trend.
  const own: CheckIn | undefined = d?.checkIns.find((c) => c.month === e?.month);
  const recent = [...(d?.checkIns ?? [])]
    .sort((a, b) => b.month.localeCompare(a.month))
    .slice(0, RECENT_CHECK_INS);
  const days = e ? waitingDays(e, new Date().toISOString()) : 0;
  const target = d?.settings.alerts.escalationResponseTargetDays ?? 0;

  return (
    <Drawer open width={640} title={t('escalationDetail.title')} onClose={onClose} destroyOnHidden>
      <ErrorAlert error={data.error ?? action.error} />
      {!d || !e ? (
        data.error ? null : (
          <Loading />
        )
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="escalation-detail">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('escalationDetail.kr')}>
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpenKr(d.kr.id)}>
                {d.kr.title}
              </Button>
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.reason')}>
              {t(`calibration.reason.${e.reason}`)} · {e.month}
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.raisedBy')}>
              {nameOf(e.raisedById)}
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.assignee')}>
              {nameOf(e.assigneeId)}
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.sla')}>
              <Space size={4}>
                <span data-testid="escalation-sla">
                  {e.resolvedAt
                    ? t('escalationDetail.resolvedAfter', { days })
                    : t('escalationDetail.waiting', { days })}
                </span>
                {!e.resolvedAt && days > target ? (
                  <Tag color="red">{t('escalationDetail.overTarget', { target })}</Tag>
                ) : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.detail')}>
              {e.detail || t('escalationDetail.noDetail')}
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.blocker')}>
              <span data-testid="escalation-blocker">{own?.blockers || t('escalationDetail.noBlocker')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('escalationDetail.request')}>
              {own?.resourceRequest ? (
                <span data-testid="escalation-request">
                  <Tag>{resourceKindWords(own.resourceRequest.kind, lang)}</Tag>
                  {own.resourceRequest.detail}
                </span>
              ) : (
                t('escalationDetail.noRequest')
              )}
            </Descriptions.Item>
            {e.resolvedAt ? (
              <Descriptions.Item label={t('escalationDetail.resolution')}>{e.resolution}</Descriptions.Item>
            ) : null}
          </Descriptions>

          <section aria-label={t('escalationDetail.recent')}>
            <Typography.Title level={5}>{t('escalationDetail.recent')}</Typography.Title>
            <List
              size="small"
              dataSource={recent}
              locale={{ emptyText: t('escalationDetail.noCheckIns') }}
              renderItem={(c) => (
                <List.Item>
                  <Space size={8} wrap>
                    <strong>{c.month}</strong>
                    <span>{t('escalationDetail.value', { value: c.value, unit: d.kr.unit })}</span>
                    {c.selfColour ? <Tag>{t(`colour.${c.selfColour}`)}</Tag> : null}
                    {c.blockers ? (
                      <span>{t('escalationDetail.blockerLine', { text: c.blockers })}</span>
                    ) : null}
                  </Space>
                </List.Item>
              )}
            />
          </section>

          <section aria-label={t('escalationDetail.comments')}>
            <Typography.Title level={5}>{t('escalationDetail.comments')}</Typography.Title>
            <CommentThread
              comments={comments.data?.comments ?? []}
              canComment={comments.data?.canComment ?? false}
              nameOf={(id) => nameOf(id)}
              busy={action.busy}
              onSend={(text) => send(text)}
            />
          </section>

          <section aria-label={t('escalationDetail.trail')}>
            <Typography.Title level={5}>{t('escalationDetail.trail')}</Typography.Title>
            <HistoryList rows={trail.data ?? []} nameOf={nameOf} />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
