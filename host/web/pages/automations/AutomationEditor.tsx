import { Card, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_TRIGGERS, RULE_TRIGGERS, type Trigger } from '../../../../plugin/automations/catalogue.ts';
import { ConditionsEditor } from './ConditionsEditor.tsx';
import type { EditedAutomation } from './editor-model.ts';
import type { StepChoices } from './StepForm.tsx';
import { StepsEditor } from './StepsEditor.tsx';

/** One automation: its name, what sets it off, when it runs and its steps in order. */
export function AutomationEditor(props: {
  automation: EditedAutomation;
  regions: { id: string; name: string }[];
  choices: Omit<StepChoices, 'standardWords'>;
  /** The events of the admin's published rules, with their titles. */
  customTriggers?: { value: Trigger; label: string }[];
  onChange: (a: EditedAutomation) => void;
}) {
  const { t } = useTranslation();
  const { automation: a, onChange } = props;
  // Searchable over the words of the event and of its group ("自定义" finds the custom rules' events).
  const group = (label: string, options: { value: Trigger; label: string }[]) => ({
    label,
    options: options.map((o) => ({ ...o, search: `${o.label} ${label}`.toLowerCase() })),
  });
  const builtIn = (triggers: readonly Trigger[]) =>
    triggers.map((v) => ({ value: v, label: t(`automations.triggers.${v}`) }));
  return (
    <Card title={a.title} data-testid="automation-editor">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Form layout="vertical">
          <Form.Item label={t('automations.fields.title')}>
            <Input
              aria-label={t('automations.fields.title')}
              value={a.title}
              onChange={(e) => onChange({ ...a, title: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('automations.fields.trigger')}>
            <Select
              aria-label={t('automations.fields.trigger')}
              value={a.trigger}
              showSearch
              placeholder={t('automations.triggerSearch')}
              filterOption={(input, option) =>
                String((option as { search?: string } | undefined)?.search ?? '').includes(
                  input.trim().toLowerCase(),
                )
              }
              options={[
                group(t('automations.triggerGroups.rule'), builtIn(RULE_TRIGGERS)),
                group(t('automations.triggerGroups.lifecycle'), builtIn(LIFECYCLE_TRIGGERS)),
                ...(props.customTriggers?.length
                  ? [group(t('automations.triggerGroups.custom'), props.customTriggers)]
                  : []),
              ]}
              onChange={(trigger: Trigger) => onChange({ ...a, trigger })}
            />
          </Form.Item>
          <Form.Item label={t('automations.fields.conditions')}>
            <ConditionsEditor
              key={a.id}
              value={a.conditions}
              regions={props.regions}
              onChange={(conditions) => onChange({ ...a, conditions })}
            />
          </Form.Item>
          <Form.Item label={t('automations.fields.steps')}>
            <StepsEditor
              steps={a.steps}
              choices={{
                ...props.choices,
                standardWords: (RULE_TRIGGERS as readonly string[]).includes(a.trigger),
              }}
              onChange={(steps) => onChange({ ...a, steps })}
            />
          </Form.Item>
        </Form>
      </Space>
    </Card>
  );
}
