import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KrHistoryRow } from '../../api/endpoints.ts';
import { formatDateTime, formatRelative } from '../../i18n/format-time.ts';
import { actorWords, changeWords } from './history-words.ts';

/**
 * Who changed what, newest as the server sends it: when (the reader's local time, and how long ago),
 * actor, the change in words.
 */
export function HistoryList(props: { rows: readonly KrHistoryRow[]; nameOf: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <List
      size="small"
      dataSource={[...props.rows]}
      locale={{ emptyText: t('krDetail.history.none') }}
      renderItem={(row) => (
        <List.Item>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            <time dateTime={row.at}>{formatDateTime(row.at, lang)}</time>
            {` · ${formatRelative(row.at, lang)}`}
          </Typography.Text>
          <Typography.Text strong style={{ marginRight: 8 }}>
            {actorWords(row, t)}
          </Typography.Text>
          {changeWords(row, t, props.nameOf)}
        </List.Item>
      )}
    />
  );
}
