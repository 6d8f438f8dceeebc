import { Button, List, Mentions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadComment } from '../../api/endpoints.ts';
import { useApp } from '../../app/app-context.tsx';

export interface MentionPerson {
  id: string;
  name: string;
}

interface CommentThreadProps {
  comments: ThreadComment[];
  nameOf: (personId: string) => string;
  canComment: boolean;
  busy: boolean;
  /** People who may be @mentioned (who can read what the thread is about); none: no mentions. */
  mentionable?: MentionPerson[];
  onSend: (text: string, mentionIds: string[]) => Promise<boolean>;
}

/** The people named as `@name` in `text`, among those who may be mentioned. */
export const mentionsIn = (text: string, people: MentionPerson[]): string[] =>
  people.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id);

/** A thread of comments, oldest first, with a box to add one (and @mention people when offered). */
export function CommentThread(props: CommentThreadProps) {
  const { t } = useTranslation();
  const { lang } = useApp();
  const [text, setText] = useState('');
  const people = props.mentionable ?? [];
  const send = async () => {
    if (await props.onSend(text.trim(), mentionsIn(text, people))) setText('');
  };
  return (
    <div>
      <List
        size="small"
        dataSource={props.comments}
        locale={{ emptyText: t('krDetail.comments.empty') }}
        renderItem={(c) => (
          <List.Item>
            <div>
              <Space size={8}>
                <Typography.Text strong>{props.nameOf(c.authorId)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {new Date(c.at).toLocaleString(lang)}
                </Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.text}</div>
            </div>
          </List.Item>
        )}
      />
      {props.canComment ? (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Mentions
            aria-label={t('krDetail.comments.box')}
            placeholder={
              people.length ? t('krDetail.comments.placeholderMention') : t('krDetail.comments.placeholder')
            }
            value={text}
            onChange={setText}
            autoSize={{ minRows: 1, maxRows: 4 }}
            options={people.map((p) => ({ value: p.name, label: p.name, key: p.id }))}
          />
          <Button
            type="primary"
            loading={props.busy}
            disabled={text.trim() === ''}
            onClick={() => void send()}
          >
            {t('krDetail.comments.send')}
          </Button>
        </Space.Compact>
      ) : null}
    </div>
  );
}
