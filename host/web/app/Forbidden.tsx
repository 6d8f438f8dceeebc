import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** A page the user's role may not open. Its own chunk: antd's Result brings ~40 kB of status pictures. */
export default function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.pageForbiddenTitle')} subTitle={t('errors.pageForbidden')} />;
}
