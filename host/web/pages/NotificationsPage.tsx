import { Badge, Button, List, Space, Typography } from 'antd';
import { type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import type { PageProps } from '../app/page-props.ts';
import { navigate } from '../app/router.ts';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { notificationTarget } from './notification-target.ts';

/** Words of a kind no locale names yet: its family's ("日程提醒"), never the raw key. */
const FAMILIES = ['schedule', 'rule', 'escalation', 'kr', 'pool', 'channel'];
const familyOf = (kind: string) => {
  const first = kind.split('.')[0] ?? '';
  return FAMILIES.includes(first) ? first : 'other';
};

/** The words of a notification: its kind is an i18n key, its params fill it in. */
export function useNotificationText(names: { people: Map<string, string>; krs: Map<string, string> }) {
  const { t } = useTranslation();
  return (n: AppNotification) => {
    const personId = typeof n.subject.personId === 'string' ? n.subject.personId : '';
    const krId = typeof n.subject.krId === 'string' ? n.subject.krId : '';
    // `@key` params name words (e.g. `@scope.hq`), so one stored message reads right in every language.
    const words = Object.fromEntries(
      Object.entries(n.params).map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('@')
          ? t(`notifications.words.${v.slice(1).replaceAll('.', '_')}`)
          : v,
      ]),
    );
    const params = {
      ...words,
      ...n.subject,
      person: names.people.get(personId) ?? personId,
      kr: names.krs.get(krId) ?? krId,
    } as Record<string, unknown>;
    // Messages of HR's automations carry their own words (host/web/pages/automations).
    if (n.kind.startsWith('automation.'))
      return `${n.params.dryRun ? t('automations.notifications.dryRun') : ''}${t(`automations.notifications.${n.kind.slice(11)}`, params)}`;
    return t(`notifications.kinds.${n.kind.replaceAll('.', '_')}`, {
      ...params,
      defaultValue: t(`notifications.family.${familyOf(n.kind)}`),
    });
  };
}

/** How often the open page looks for new notifications; the list carries an ETag, so a poll with nothing new is a 304. */
export const NOTIFICATIONS_POLL_MS = 15_000;

export default function NotificationsPage({
  pollMs = NOTIFICATIONS_POLL_MS,
}: Partial<PageProps> & { pollMs?: number }) {
  const { t } = useTranslation();
  const { api, lang, refreshUnread, currentCycleId } = useApp();
  const list = useAsync(() => api.notifications(), [api]);
  const { setData } = list;
  const shown = useRef(list.data);
  shown.current = list.data;
  // New notifications appear by themselves: polled while the tab is visible, and at once when it shows again.
  useEffect(() => {
    let live = true;
    const poll = () => {
      if (document.visibilityState === 'hidden') return;
      api
        .notifications()
        .then((fresh) => {
          if (!live) return;
          const old = shown.current;
          // The header's count catches up at once instead of at its own next poll.
          if (old && fresh.some((n) => n.readAt === null && !old.some((o) => o.id === n.id))) refreshUnread();
          setData(fresh);
        })
        .catch(() => {});
    };
    const timer = setInterval(poll, pollMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [api, pollMs, setData, refreshUnread]);
  // Names for the people and KRs the notifications are about (what this user may read).
  const names = useAsync(async () => {
    const [people, krs] = await Promise.all([
      api.people().catch(() => []),
      api.keyResults(currentCycleId ?? undefined).catch(() => []),
    ]);
    return {
      people: new Map(people.map((p) => [p.id, p.name])),
      krs: new Map(krs.map((k) => [k.id, k.title])),
    };
  }, [api, currentCycleId]);
  const action = useAction();
  const text = useNotificationText(names.data ?? { people: new Map(), krs: new Map() });
  const unread = (list.data ?? []).filter((n) => n.readAt === null).length;

  const markRead = async (n: AppNotification) => {
    const ok = await action.run(() => api.markRead(n.id));
    if (ok) {
      list.setData((all) =>
        (all ?? []).map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)),
      );
      refreshUnread();
    }
  };
  const target = notificationTarget;
  // Opening what a notification is about also marks it read.
  const open = (e: MouseEvent, n: AppNotification) => {
    const to = notificationTarget(n);
    if (!to || to.document) return;
    e.preventDefault();
    if (n.readAt === null) void markRead(n);
    navigate(to.href);
  };
  const markAll = async () => {
    const ok = await action.run(() => api.markAllRead());
    if (ok) {
      list.reload();
      refreshUnread();
    }
  };

  return (
    <div>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.unread', { count: unread })}
        extra={
          <Button disabled={unread === 0} loading={action.busy} onClick={() => void markAll()}>
            {t('notifications.markAll')}
          </Button>
        }
      />
      <ErrorAlert error={list.error ?? action.error} />
      <List
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: <EmptyHint text={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            actions={
              n.readAt === null
                ? [
                    <Button key="r" size="small" onClick={() => void markRead(n)}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space align="start">
              <Badge status={n.readAt === null ? 'processing' : 'default'} />
              <div>
                {target(n) ? (
                  <Typography.Link
                    strong={n.readAt === null}
                    href={target(n)?.href}
                    onClick={(e) => open(e, n)}
                  >
                    {text(n)}
                  </Typography.Link>
                ) : (
                  <Typography.Text strong={n.readAt === null}>{text(n)}</Typography.Text>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Date(n.createdAt).toLocaleString(lang)}
                  </Typography.Text>
                </div>
              </div>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
