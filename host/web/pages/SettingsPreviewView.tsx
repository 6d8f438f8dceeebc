import { Card, Col, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import type { SettingsChange, SettingsPreview } from '../../../plugin/sdk/index.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { formatPercent } from '../i18n/format-percent.ts';
import { isShellLang, type ShellLang } from '../i18n/i18n.ts';
import { settingsTitle } from '../i18n/settings-titles.ts';

const CENTS = 100;
const show = (v: unknown) =>
  v === null || v === undefined
    ? '—'
    : Array.isArray(v)
      ? v.join('、') || '—'
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** Titles of settings the shipped schema does not have (those custom rules declare), by path. */
export type ExtraTitles = ReadonlyMap<string, string>;

/** A changed setting as people name it: its title from the settings schema (the path if it has none). */
export const changeTitle = (c: SettingsChange, lang: ShellLang, extra?: ExtraTitles) =>
  settingsTitle(c.path, lang) ?? extra?.get(c.path) ?? c.path;

/** One line per change, `title: before → after`, for confirmations. */
export function SettingsChangeList({ changes, titles }: { changes: SettingsChange[]; titles?: ExtraTitles }) {
  const { t, i18n } = useTranslation();
  const lang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  if (changes.length === 0) return <Typography.Text>{t('settings.noChanges')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="settings-change-list">
      {changes.map((c) => (
        <li key={c.path}>
          {t('settings.changeLine', {
            title: changeTitle(c, lang, titles),
            before: show(c.before),
            after: show(c.after),
          })}
        </li>
      ))}
    </ul>
  );
}

/** Changed settings by title, before → after. */
export function SettingsDiff({ changes, titles }: { changes: SettingsChange[]; titles?: ExtraTitles }) {
  const { t, i18n } = useTranslation();
  const lang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  if (changes.length === 0) return <EmptyHint text={t('settings.noChanges')} />;
  return (
    <Table<SettingsChange>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t('settings.path'),
          render: (_, c) => <span title={c.path}>{changeTitle(c, lang, titles)}</span>,
        },
        { title: t('settings.before'), render: (_, c) => show(c.before) },
        { title: t('settings.after'), render: (_, c) => <strong>{show(c.after)}</strong> },
      ]}
    />
  );
}

/** What a settings change would do on current data: alignment, colours, escalations, pool shares. */
export function SettingsPreviewView({
  preview,
  krTitle,
  krOwner,
  personName,
}: {
  preview: SettingsPreview;
  krTitle: (id: Id) => string;
  /** The name of the KR's owner (a person or a region). */
  krOwner: (id: Id) => string;
  personName: (id: Id) => string;
}) {
  const { t, i18n } = useTranslation();
  const lang = isShellLang(i18n.language) ? i18n.language : 'zh-CN';
  const money = (c: number | null) =>
    c === null ? '—' : new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(c / CENTS);
  const pct = (v: number) => formatPercent(v * 100, lang);
  const kr = (id: Id) => t('settings.preview.krOf', { title: krTitle(id), owner: krOwner(id) });
  const minScore = preview.changes.find((c) => c.path === 'alignment.minScore');
  // What moved a KR across the line: its score, the threshold, or both; only what changed is shown.
  const flipWhy = (f: SettingsPreview['alignmentFlips'][number]) =>
    [
      Math.round(f.before.score) !== Math.round(f.after.score)
        ? t('settings.preview.scoreChange', {
            before: Math.round(f.before.score),
            after: Math.round(f.after.score),
          })
        : t('settings.preview.scoreSame', { score: Math.round(f.after.score) }),
      minScore
        ? t('settings.preview.thresholdChange', {
            before: show(minScore.before),
            after: show(minScore.after),
          })
        : null,
    ]
      .filter(Boolean)
      .join(t('settings.preview.separator'));
  return (
    <div data-testid="settings-preview">
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('settings.preview.rate')}
              value={`${pct(preview.alignmentRate.before)} → ${pct(preview.alignmentRate.after)}`}
            />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('settings.preview.flips')} value={preview.alignmentFlips.length} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('settings.preview.colours')} value={preview.colours.length} />
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small">
            <Statistic title={t('settings.preview.escalations')} value={preview.escalations.length} />
          </Card>
        </Col>
      </Row>
      <List
        size="small"
        header={<strong>{t('settings.preview.flipsTitle')}</strong>}
        dataSource={preview.alignmentFlips}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(f) => (
          <List.Item>
            <span>
              <strong>{kr(f.krId)}</strong>: {flipWhy(f)}{' '}
              <Tag color={f.after.aligned ? 'green' : 'red'}>
                {f.before.aligned ? t('settings.preview.aligned') : t('settings.preview.notAligned')} →{' '}
                {f.after.aligned ? t('settings.preview.aligned') : t('settings.preview.notAligned')}
              </Tag>
            </span>
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.coloursTitle')}</strong>}
        dataSource={preview.colours.slice(0, 50)}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(c) => (
          <List.Item>
            {kr(c.krId)} · {c.month}: {c.before ? t(`colour.${c.before}`) : '—'} →{' '}
            {c.after ? t(`colour.${c.after}`) : '—'}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.escalationsTitle')}</strong>}
        dataSource={preview.escalations}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(e) => (
          <List.Item>
            {kr(e.krId)} · {e.month}: {t(`settings.preview.${e.change}`)}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={<strong>{t('settings.preview.poolTitle')}</strong>}
        dataSource={preview.poolShares}
        locale={{ emptyText: t('settings.preview.none') }}
        renderItem={(p) => (
          <List.Item>
            {personName(p.personId)}: {money(p.before)} → {money(p.after)}
          </List.Item>
        )}
      />
    </div>
  );
}
