import { Alert, Button, Card, List, Modal, message, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormContext, FormRecord } from '../../../../forms/runtime/index.ts';
import { PackForm } from '../../../../forms/runtime/react/index.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { OwnSummary } from './OwnSummary.tsx';
import type { Assignment } from './peer-review-api.ts';

export const PEER_REVIEW_TEST_IDS = { progress: 'peer-review-progress' } as const;

/** The reviewer's colleagues in the open window, each to review (or edit) in the pack's form. */
export function MyPeerReviews() {
  const { t } = useTranslation();
  const { api, user, lang } = useApp();
  const mine = useAsync(() => api.myPeerReviewAssignments(), [api]);
  const settings = useAsync(() => api.settings(), [api]);
  const overlays = useAsync(() => api.overlays().catch(() => []), [api]);
  const [editing, setEditing] = useState<{ who: Assignment; context: FormContext } | null>(null);
  const action = useAction();

  if (mine.error && !mine.data) return <ErrorAlert error={mine.error} />;
  if (!mine.data || !settings.data || !user) return <Loading />;
  const { window, reviewees, done, total } = mine.data;
  const quarter = window?.quarter ?? '';

  // The form's context is fixed when it opens (Formily keeps one form per context).
  const open = (who: Assignment) =>
    setEditing({
      who,
      context: {
        settings: settings.data!.settings,
        lang,
        reviewerId: user.personId,
        options: {
          people: [{ label: who.name, value: who.personId }],
          quarters: [{ label: quarter, value: quarter }],
        },
        record: who.review ?? { quarter, revieweeId: who.personId },
      },
    });

  const save = async (record: FormRecord<'peer-review'>) => {
    if (!editing) return;
    const body = { scores: record.scores, comment: record.comment };
    const existing = editing.who.review;
    const saved = await action.run(() =>
      existing
        ? api.updatePeerReview(existing.id, body)
        : api.submitPeerReview({ ...body, quarter, revieweeId: editing.who.personId }),
    );
    if (!saved) return;
    void message.success(t(existing ? 'peerReview.updated' : 'peerReview.saved', { name: editing.who.name }));
    setEditing(null);
    mine.reload();
  };

  const closed = window !== null && !window.takesReviews;
  return (
    <Card title={window ? t('peerReview.myTitle', { quarter }) : t('peerReview.myTitleNone')}>
      {!window ? <Alert type="info" showIcon message={t('peerReview.noWindow')} /> : null}
      {closed ? <Alert type="info" showIcon message={t('peerReview.windowClosed', { quarter })} /> : null}
      {window?.takesReviews && window.closesOn ? (
        <Typography.Paragraph type="secondary">
          {t('peerReview.closesOn', { date: window.closesOn })}
        </Typography.Paragraph>
      ) : null}
      {window ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Typography.Text strong data-testid={PEER_REVIEW_TEST_IDS.progress}>
              {t('peerReview.progress', { done, total })}
            </Typography.Text>
            <Progress
              percent={total ? Math.round((done / total) * 100) : 0}
              size="small"
              style={{ width: 160 }}
            />
          </Space>
          <List
            dataSource={reviewees}
            locale={{ emptyText: t('peerReview.nobodyToReview') }}
            renderItem={(who) => (
              <List.Item
                actions={
                  window.takesReviews
                    ? [
                        <Button
                          key="review"
                          type={who.review ? 'default' : 'primary'}
                          onClick={() => open(who)}
                        >
                          {who.review ? t('peerReview.edit') : t('peerReview.review')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space>
                  <Typography.Text>{who.name}</Typography.Text>
                  <Typography.Text type="secondary">{who.regionName}</Typography.Text>
                  {who.crossRegion ? <Tag color="blue">{t('peerReview.crossRegion')}</Tag> : null}
                  {who.review ? (
                    <Tag color="green">{t('peerReview.done')}</Tag>
                  ) : (
                    <Tag>{t('peerReview.todo')}</Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Space>
      ) : null}
      {closed ? <OwnSummary personId={user.personId} quarter={quarter} /> : null}
      <Modal
        open={editing !== null}
        title={editing ? t('peerReview.formTitle', { name: editing.who.name, quarter }) : ''}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing ? (
          <PackForm
            formId="peer-review"
            context={editing.context}
            overlay={overlays.data?.find((o) => o.formId === 'peer-review')?.overlay}
            onSubmit={save}
          />
        ) : null}
        <ErrorAlert error={action.error} />
      </Modal>
    </Card>
  );
}
