import { Alert } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { browserIdentity } from '../../host-contract/browser-identity.ts';
import { MyPeerReviews } from './MyPeerReviews.tsx';
import { ReviewWindowAdmin } from './ReviewWindowAdmin.tsx';

/** 同事互评: reps and managers review their assigned colleagues; HR opens and closes the window. */
export default function PeerReviewPage() {
  const { t } = useTranslation();
  const { user } = useApp();
  const identity = useMemo(() => browserIdentity(user), [user]);
  const reviews = identity.can('create', { type: 'peerReview' });
  const runs = identity.can('run', { type: 'peerReview' });
  return (
    <>
      <PageHeader title={t('peerReview.title')} subtitle={t('peerReview.anonymous')} />
      {runs ? <ReviewWindowAdmin /> : null}
      {reviews ? <MyPeerReviews /> : null}
      {!runs && !reviews ? <Alert type="info" showIcon message={t('peerReview.notAReviewer')} /> : null}
    </>
  );
}
