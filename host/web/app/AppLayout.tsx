import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  ClusterOutlined,
  FormOutlined,
  HeartOutlined,
  LogoutOutlined,
  MenuOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/endpoints.ts';
import { SHELL_LANGS, type ShellLang } from '../i18n/i18n.ts';
import { type NavItem, navGroupsFor, type PageKey } from './navigation.ts';
import { navigate } from './router.ts';

const ICONS: Record<PageKey, ReactNode> = {
  kickoff: <ApartmentOutlined />,
  calibration: <AlertOutlined />,
  health: <HeartOutlined />,
  pool: <MoneyCollectOutlined />,
  peerReview: <TeamOutlined />,
  metrics: <BarChartOutlined />,
  import: <UploadOutlined />,
  settings: <SettingOutlined />,
  forms: <FormOutlined />,
  audit: <AuditOutlined />,
  notifications: <BellOutlined />,
  reports: <ProfileOutlined />,
  schedules: <ClockCircleOutlined />,
  channels: <NotificationOutlined />,
  primer: <BookOutlined />,
  organisation: <ClusterOutlined />,
  automations: <ThunderboltOutlined />,
  rules: <BranchesOutlined />,
};

export interface AppLayoutProps {
  user: Me;
  active: PageKey | null;
  unread: number;
  lang: ShellLang;
  onLangChange: (lang: ShellLang) => void;
  onSignOut: () => void;
  children: ReactNode;
}

/** Header (language, notifications, user), role-aware menu, page. The menu folds away on a phone. */
export function AppLayout({ user, active, unread, lang, onLangChange, onSignOut, children }: AppLayoutProps) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone the menu floats over the page and opens from a header button.
  const [narrow, setNarrow] = useState(false);
  const groups = navGroupsFor(user.role, user.scope !== null);
  const go = (path: string) => {
    navigate(path);
    if (narrow) setCollapsed(true);
  };
  const entry = (i: NavItem) => ({
    key: i.key,
    icon: ICONS[i.key],
    label: i.key === 'notifications' && unread > 0 ? `${t(i.label)} (${unread})` : t(i.label),
    onClick: () => go(i.path),
    'data-testid': `nav-${i.key}`,
  });
  // One section needs no heading (a rep sees only the daily pages).
  const menuItems =
    groups.length === 1
      ? (groups[0]?.items ?? []).map(entry)
      : groups.map((g) => ({
          type: 'group' as const,
          key: `group-${g.group}`,
          label: t(`nav.groups.${g.group}`),
          children: g.items.map(entry),
        }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={setNarrow}
        trigger={null}
        theme="light"
        width={208}
        style={{
          borderRight: narrow && collapsed ? 'none' : '1px solid #f0f0f0',
          ...(narrow
            ? {
                position: 'fixed',
                top: 0,
                left: 0,
                height: '100vh',
                // Three sections do not fit a phone's height: the menu scrolls on its own.
                overflowY: 'auto',
                zIndex: 1000,
                boxShadow: collapsed ? undefined : '0 0 16px rgba(0,0,0,0.2)',
              }
            : {}),
        }}
      >
        <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: 16 }}>{t('app.name')}</div>
        <nav aria-label={t('nav.label')}>
          <Menu mode="inline" selectedKeys={active ? [active] : []} items={menuItems} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: narrow ? 'space-between' : 'flex-end',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            flexWrap: 'nowrap',
            height: 'auto',
            minHeight: 64,
          }}
        >
          {narrow ? (
            <Button
              type="text"
              icon={collapsed ? <MenuOutlined /> : <CloseOutlined />}
              aria-label={t('nav.label')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((c) => !c)}
              style={collapsed ? undefined : { position: 'relative', zIndex: 1001, marginLeft: 208 }}
            />
          ) : null}
          <Space size={narrow ? 'small' : 'middle'}>
            <Segmented<ShellLang>
              size="small"
              aria-label={t('app.language')}
              value={lang}
              options={SHELL_LANGS.map((l) => ({ value: l, label: t(`app.lang.${l}`) }))}
              onChange={onLangChange}
            />
            {user.scope === null ? (
              <Badge count={unread} size="small" data-testid="unread-count">
                <Button
                  type="text"
                  icon={<BellOutlined />}
                  aria-label={t('notifications.unread', { count: unread })}
                  onClick={() => navigate('/notifications')}
                />
              </Badge>
            ) : null}
            <Typography.Text data-testid="current-user">
              {narrow ? null : user.name} <Tag>{t(`roles.${user.role}`)}</Tag>
              {user.scope ? <Tag color="blue">{t(narrow ? 'app.qrShort' : 'app.qrSession')}</Tag> : null}
            </Typography.Text>
            <Button size="small" icon={<LogoutOutlined />} onClick={onSignOut} aria-label={t('app.signOut')}>
              {narrow ? null : t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
