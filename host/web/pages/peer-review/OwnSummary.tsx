import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PEER_DIMENSIONS } from '../../../../plugin/domain/types.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAsync } from '../../app/use-async.ts';

/** The caller's own aggregate once the window has closed: averages and comments, never who wrote them. */
export function OwnSummary({ personId, quarter }: { personId: string; quarter: string }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const summary = useAsync(() => api.peerReviewSummary(personId, quarter), [api, personId, quarter]);
  const s = summary.data;
  if (!s) return null;
  if (!s.shown || !s.averages)
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('peerReview.summaryHidden', { count: s.count, min: s.minReviewers })}
      </Typography.Paragraph>
    );
  const averages = s.averages;
  return (
    <Descriptions
      style={{ marginTop: 16 }}
      title={t('peerReview.summaryTitle', { quarter, count: s.count })}
      column={1}
      size="small"
      items={[
        ...PEER_DIMENSIONS.map((d) => ({
          key: d,
          label: t(`peerReview.dimensions.${d}`),
          children: averages[d].toFixed(1),
        })),
        ...(s.comments.length
          ? [{ key: 'comments', label: t('peerReview.comments'), children: s.comments.join(' / ') }]
          : []),
      ]}
    />
  );
}
