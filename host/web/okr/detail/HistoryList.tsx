import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KrHistoryRow } from '../../api/endpoints.ts';
import { actorWords, changeWords } from './history-words.ts';

/** Who changed what, newest as the server sends it: time, actor, the change in words. */
export function HistoryList(props: { rows: readonly KrHistoryRow[]; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={[...props.rows]}
      locale={{ emptyText: t('krDetail.history.none') }}
      renderItem={(row) => (
        <List.Item>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {row.at.slice(0, 16).replace('T', ' ')}
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
