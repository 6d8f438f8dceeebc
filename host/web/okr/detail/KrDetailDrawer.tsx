import { Alert, Button, Descriptions, Drawer, List, message, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { krOwnership } from '../../../../plugin/app/subjects.ts';
import type { AlignmentFactorName } from '../../../../plugin/domain/alignment-gaps.ts';
import { can } from '../../../../plugin/sdk/permissions.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { CommentThread } from './CommentThread.tsx';
import { HistoryList } from './HistoryList.tsx';
import { KrPaceChart } from './KrPaceChart.tsx';
import { paceSeries, points, scoreBreakdown } from './kr-detail-model.ts';

interface KrDetailDrawerProps {
  krId: string;
  onClose: () => void;
  /** The action that completes a factor: the board's link picker, the KR's rationale… */
  onAct: (krId: string, factor: AlignmentFactorName) => void;
}

/** Everything about one KR where people act on it: score by factor, pace, revisions, links, talk, trail. */
export function KrDetailDrawer({ krId, onClose, onAct }: KrDetailDrawerProps) {
  const { t } = useTranslation();
  const { api, user } = useApp();
  const action = useAction();
  const data = useAsync(async () => {
    const kr = await api.keyResult(krId);
    const [objectives, settings, checkIns, cycles, people] = await Promise.all([
      api.objectives(kr.cycleId),
      api.settings(),
      api.checkIns({ krId }),
      api.cycles(),
      api.people().catch(() => []),
    ]);
    const cycle = cycles.cycles.find((c) => c.id === kr.cycleId) ?? null;
    return { kr, objectives, settings: settings.settings, checkIns, cycle, people };
  }, [api, krId]);
  const comments = useAsync(() => api.krComments(krId), [api, krId]);
  const history = useAsync(() => api.krHistory(krId), [api, krId]);

  const d = data.data;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of d?.people ?? []) m.set(p.id, p.name);
    for (const o of d?.objectives ?? []) m.set(o.id, o.title);
    return m;
  }, [d]);
  const nameOf = (id: string) => names.get(id) ?? t('krDetail.someone');
  const mentionable = useMemo(() => {
    if (!d) return [];
    const people = new Map(d.people.map((p) => [p.id, p]));
    const subject = krOwnership(d.kr, people);
    return d.people
      .filter((p) => p.id !== user.personId)
      .filter((p) =>
        can(
          { userId: p.id, personId: p.id, name: p.name, role: p.role, regionId: p.regionId, scope: null },
          'read',
          subject,
        ),
      )
      .map((p) => ({ id: p.id, name: p.name }));
  }, [d, user.personId]);

  const send = async (text: string, mentionIds: string[]) => {
    const saved = await action.run(() => api.commentOnKr(krId, text, mentionIds));
    if (!saved) return false;
    void message.success(
      mentionIds.length
        ? t('krDetail.comments.sentMention', { count: mentionIds.length })
        : t('krDetail.comments.sent'),
    );
    comments.reload();
    history.reload();
    return true;
  };

  const breakdown = d ? scoreBreakdown(d.kr, d.objectives, d.settings) : null;
  return (
    <Drawer open width={680} title={d?.kr.title ?? t('krDetail.title')} onClose={onClose} destroyOnHidden>
      <ErrorAlert error={data.error ?? action.error} />
      {!d || !breakdown ? (
        data.error ? null : (
          <Loading />
        )
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="kr-detail">
          <section aria-label={t('krDetail.score.title')}>
            <Typography.Title level={5}>
              {t('krDetail.score.heading', { score: points(breakdown.score), min: breakdown.minScore })}
            </Typography.Title>
            {breakdown.below && breakdown.best ? (
              <Alert
                type="warning"
                showIcon
                data-testid="kr-detail-reminder"
                message={t(`krDetail.gap.${breakdown.best.factor}`, {
                  min: breakdown.minScore,
                  points: points(breakdown.best.missing),
                })}
                action={
                  <Button size="small" type="primary" onClick={() => onAct(d.kr.id, breakdown.best!.factor)}>
                    {t(`krDetail.act.${breakdown.best.factor}`, { points: points(breakdown.best.missing) })}
                  </Button>
                }
              />
            ) : null}
            <List
              size="small"
              dataSource={breakdown.rows}
              renderItem={(r) => (
                <List.Item>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                    <span>{t(`krDetail.factor.${r.factor}`)}</span>
                    <span>
                      {t('krDetail.score.points', { earned: points(r.earned), weight: points(r.weight) })}
                      {r.missing > 0 ? (
                        <Tag color="orange" style={{ marginLeft: 8 }}>
                          {t('krDetail.score.missing', { points: points(r.missing) })}
                        </Tag>
                      ) : (
                        <Tag color="green" style={{ marginLeft: 8 }}>
                          {t('krDetail.score.done')}
                        </Tag>
                      )}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          </section>

          <section aria-label={t('krDetail.chart.title')}>
            <Typography.Title level={5}>{t('krDetail.chart.title')}</Typography.Title>
            {d.cycle ? <KrPaceChart series={paceSeries(d.kr, d.checkIns, d.cycle)} unit={d.kr.unit} /> : null}
          </section>

          <section aria-label={t('krDetail.revisions.title')}>
            <Typography.Title level={5}>{t('krDetail.revisions.title')}</Typography.Title>
            <List
              size="small"
              dataSource={d.kr.targetHistory}
              locale={{ emptyText: t('krDetail.revisions.none', { target: d.kr.target, unit: d.kr.unit }) }}
              renderItem={(r) => (
                <List.Item>
                  {t('krDetail.revisions.line', {
                    from: r.previousTarget,
                    to: r.newTarget,
                    unit: d.kr.unit,
                    at: r.at.slice(0, 10),
                    reason: r.reason || '—',
                  })}
                </List.Item>
              )}
            />
          </section>

          <section aria-label={t('krDetail.links.title')}>
            <Typography.Title level={5}>{t('krDetail.links.title')}</Typography.Title>
            {d.kr.links.length === 0 ? (
              <Typography.Text type="secondary">{t('krDetail.links.none')}</Typography.Text>
            ) : (
              <Descriptions size="small" column={1} bordered>
                {d.kr.links.map((l) => (
                  <Descriptions.Item key={l.objectiveId} label={nameOf(l.objectiveId)}>
                    {t('krDetail.links.weight', { weight: l.weight })}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </section>

          <section aria-label={t('krDetail.comments.title')}>
            <Typography.Title level={5}>{t('krDetail.comments.title')}</Typography.Title>
            <CommentThread
              comments={comments.data?.comments ?? []}
              canComment={comments.data?.canComment ?? false}
              nameOf={nameOf}
              busy={action.busy}
              mentionable={mentionable}
              onSend={send}
            />
          </section>

          <section aria-label={t('krDetail.history.title')}>
            <Typography.Title level={5}>{t('krDetail.history.title')}</Typography.Title>
            <HistoryList rows={history.data ?? []} nameOf={nameOf} />
          </section>
        </Space>
      )}
    </Drawer>
  );
}
