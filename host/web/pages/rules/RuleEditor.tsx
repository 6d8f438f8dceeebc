import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomRule, DeclaredSetting } from '../../../../plugin/engine/custom-rules.ts';
import { CUSTOM_LEVELS } from '../../../../plugin/engine/custom-rules.ts';
import type { FactReference } from '../../../../plugin/engine/rule-types.ts';
import { RuleConditions } from './RuleConditions.tsx';
import { fieldsOfLevel } from './rule-query.ts';
import { settingOptions } from './setting-options.ts';

const EVENT_PREFIX = 'custom.';
const SETTING_PREFIX = 'customRules.';

export const blankRule = (): CustomRule => ({
  name: '',
  title: { 'zh-CN': '', 'en-US': '' },
  level: 'month',
  conditions: { all: [] },
  event: { type: EVENT_PREFIX },
  settings: [],
});

/**
 * One custom rule: its words, level, conditions over that level's facts, the settings it declares
 * and the event it emits. `otherSettings` are those other custom rules declare (thresholds to pick).
 */
export function RuleEditor(props: {
  value: CustomRule;
  otherSettings: DeclaredSetting[];
  onSave: (rule: CustomRule) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [rule, setRule] = useState<CustomRule>(props.value);
  const set = (patch: Partial<CustomRule>) => setRule((r) => ({ ...r, ...patch }));
  const declared = rule.settings ?? [];
  const thresholds = useMemo(
    () => settingOptions(i18n.language, [...props.otherSettings, ...declared]),
    [i18n.language, props.otherSettings, declared],
  );
  const setSetting = (i: number, patch: Partial<DeclaredSetting>) =>
    set({ settings: declared.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const fields = fieldsOfLevel(rule.level);
  const params = Object.values(rule.event.params ?? {}).flatMap((p) =>
    p !== null && typeof p === 'object' && !Array.isArray(p) ? [`${p.fact}.${p.path.slice(2)}`] : [],
  );
  const setParams = (names: string[]) =>
    set({
      event: {
        ...rule.event,
        params: Object.fromEntries(
          names.map((n) => {
            const [fact, property] = n.split('.') as [FactReference['fact'], string];
            return [property, { fact, path: `$.${property}` }];
          }),
        ),
      },
    });
  return (
    <Form layout="vertical" data-testid="rule-editor">
      <Space wrap>
        <Form.Item label={t('customRules.fields.titleZh')}>
          <Input
            aria-label={t('customRules.fields.titleZh')}
            value={rule.title['zh-CN']}
            onChange={(e) => set({ title: { ...rule.title, 'zh-CN': e.target.value } })}
          />
        </Form.Item>
        <Form.Item label={t('customRules.fields.titleEn')}>
          <Input
            aria-label={t('customRules.fields.titleEn')}
            value={rule.title['en-US']}
            onChange={(e) => set({ title: { ...rule.title, 'en-US': e.target.value } })}
          />
        </Form.Item>
        <Form.Item label={t('customRules.fields.name')}>
          <Input
            aria-label={t('customRules.fields.name')}
            value={rule.name}
            onChange={(e) => set({ name: e.target.value.trim() })}
          />
        </Form.Item>
        <Form.Item label={t('customRules.fields.level')}>
          <Select
            aria-label={t('customRules.fields.level')}
            style={{ minWidth: 180 }}
            value={rule.level}
            options={CUSTOM_LEVELS.map((l) => ({ value: l, label: t(`customRules.levels.${l}`) }))}
            onChange={(level) => set({ level, conditions: { all: [] }, event: { type: rule.event.type } })}
          />
        </Form.Item>
      </Space>
      <Form.Item label={t('customRules.fields.settings')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {declared.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row's only identity is its path, which is being typed
            <Space key={i} wrap data-testid="declared-setting">
              <Input
                prefix={SETTING_PREFIX}
                aria-label={t('customRules.settings.path')}
                placeholder={t('customRules.settings.path')}
                value={s.path.slice(SETTING_PREFIX.length)}
                onChange={(e) => setSetting(i, { path: SETTING_PREFIX + e.target.value.trim() })}
              />
              <Input
                aria-label={t('customRules.settings.titleZh')}
                placeholder={t('customRules.settings.titleZh')}
                value={s.title['zh-CN']}
                onChange={(e) => setSetting(i, { title: { ...s.title, 'zh-CN': e.target.value } })}
              />
              <Input
                aria-label={t('customRules.settings.titleEn')}
                placeholder={t('customRules.settings.titleEn')}
                value={s.title['en-US']}
                onChange={(e) => setSetting(i, { title: { ...s.title, 'en-US': e.target.value } })}
              />
              {(['minimum', 'maximum', 'default'] as const).map((k) => (
                <InputNumber
                  key={k}
                  aria-label={t(`customRules.settings.${k}`)}
                  prefix={t(`customRules.settings.${k}`)}
                  value={s[k]}
                  onChange={(v) => setSetting(i, { [k]: v ?? 0 })}
                />
              ))}
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('customRules.remove')}
                onClick={() => set({ settings: declared.filter((_, j) => j !== i) })}
              />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              set({
                settings: [
                  ...declared,
                  {
                    path: `${SETTING_PREFIX}${(rule.name || 'rule').replace(/-./g, (m) => m[1]!.toUpperCase())}.value${declared.length + 1}`,
                    title: { 'zh-CN': t('customRules.settings.new'), 'en-US': 'New setting' },
                    minimum: 0,
                    maximum: 100,
                    default: 0,
                  },
                ],
              })
            }
          >
            {t('customRules.settings.add')}
          </Button>
        </Space>
      </Form.Item>
      <Form.Item label={t('customRules.fields.conditions')}>
        <Card size="small">
          <RuleConditions
            key={rule.level}
            level={rule.level}
            value={rule.conditions}
            thresholds={thresholds}
            onChange={(conditions) => set({ conditions })}
          />
        </Card>
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('customRules.fields.event')}>
          <Input
            prefix={EVENT_PREFIX}
            aria-label={t('customRules.fields.event')}
            value={rule.event.type.slice(EVENT_PREFIX.length)}
            onChange={(e) => set({ event: { ...rule.event, type: EVENT_PREFIX + e.target.value.trim() } })}
          />
        </Form.Item>
        <Form.Item label={t('customRules.fields.params')}>
          <Select
            mode="multiple"
            aria-label={t('customRules.fields.params')}
            style={{ minWidth: 260 }}
            value={params}
            options={fields.map((f) => ({
              value: f.name,
              label: t(`customRules.facts.${f.fact}.${f.property}`),
            }))}
            onChange={setParams}
          />
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" onClick={() => props.onSave(rule)}>
          {t('customRules.editor.save')}
        </Button>
        <Button onClick={props.onCancel}>{t('customRules.editor.cancel')}</Button>
      </Space>
    </Form>
  );
}
