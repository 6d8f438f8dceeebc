import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading({ tip }: { tip?: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
      <Spin />
      <div style={{ marginTop: 8, color: '#888' }}>{tip ?? t('common.loading')}</div>
    </div>
  );
}
