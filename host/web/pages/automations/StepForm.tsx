import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AUDIENCES, FACT_VALUES, PLACEHOLDERS } from '../../../../plugin/automations/catalogue.ts';
import type { Step, Target } from '../../../../plugin/automations/types.ts';
import { targetOf, targetValue } from './targets.ts';

/** What the step fields offer: people and channels by name, and whether standard words exist. */
export interface StepChoices {
  people: { id: string; name: string }[];
  channels: { id: string; name: string }[];
  /** Rule triggers have the product's standard words; lifecycle triggers need a message. */
  standardWords: boolean;
}

function TargetSelect(props: {
  label: string;
  value: Target[];
  multiple: boolean;
  people: StepChoices['people'];
  onChange: (targets: Target[]) => void;
}) {
  const { t } = useTranslation();
  const options = [
    ...AUDIENCES.filter((a) => a !== 'role' && a !== 'person').map((a) => ({
      value: a,
      label: t(`automations.audiences.${a}`),
    })),
    ...(FACT_VALUES.role ?? []).map((r) => ({
      value: `role:${r}`,
      label: `${t('automations.step.role')}：${t(`automations.roles.${r}`)}`,
    })),
    ...props.people.map((p) => ({
      value: `person:${p.id}`,
      label: `${t('automations.step.person')}：${p.name}`,
    })),
  ];
  const values = props.value.map(targetValue);
  return (
    <Form.Item label={props.label}>
      <Select
        aria-label={props.label}
        mode={props.multiple ? 'multiple' : undefined}
        showSearch
        optionFilterProp="label"
        options={options}
        value={props.multiple ? values : values[0]}
        onChange={(v: string | string[]) => props.onChange((Array.isArray(v) ? v : [v]).map(targetOf))}
      />
    </Form.Item>
  );
}

/** The fields of one step, by its type. */
export function StepForm({
  step,
  choices,
  onChange,
}: {
  step: Step;
  choices: StepChoices;
  onChange: (s: Step) => void;
}) {
  const { t } = useTranslation();
  const placeholders = t('automations.step.placeholders', {
    list: PLACEHOLDERS.map((p) => `{${p}}`).join(' '),
  });
  switch (step.type) {
    case 'notify': {
      const standard = !step.message;
      return (
        <Form layout="vertical" size="small" component={false}>
          <TargetSelect
            label={t('automations.step.to')}
            multiple
            value={step.to}
            people={choices.people}
            onChange={(to) => onChange({ ...step, to })}
          />
          <Checkbox checked={step.inApp} onChange={(e) => onChange({ ...step, inApp: e.target.checked })}>
            {t('automations.step.inApp')}
          </Checkbox>
          <Form.Item label={t('automations.step.channel')}>
            <Select
              aria-label={t('automations.step.channel')}
              value={step.channelId ?? ''}
              options={[
                { value: '', label: t('automations.step.noChannel') },
                ...choices.channels.map((c) => ({ value: c.id, label: c.name })),
              ]}
              onChange={(v: string) => onChange({ ...step, channelId: v === '' ? null : v })}
            />
          </Form.Item>
          {choices.standardWords && !step.channelId && (
            <Checkbox
              checked={standard}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? { ...step, message: undefined }
                    : { ...step, message: { title: '', text: '' } },
                )
              }
            >
              {t('automations.step.standardMessage')}
            </Checkbox>
          )}
          {(!standard || !choices.standardWords || step.channelId) && (
            <>
              <Form.Item label={t('automations.step.messageTitle')}>
                <Input
                  aria-label={t('automations.step.messageTitle')}
                  value={step.message?.title ?? ''}
                  onChange={(e) =>
                    onChange({ ...step, message: { title: e.target.value, text: step.message?.text ?? '' } })
                  }
                />
              </Form.Item>
              <Form.Item label={t('automations.step.messageText')} extra={placeholders}>
                <Input.TextArea
                  aria-label={t('automations.step.messageText')}
                  rows={2}
                  value={step.message?.text ?? ''}
                  onChange={(e) =>
                    onChange({ ...step, message: { title: step.message?.title ?? '', text: e.target.value } })
                  }
                />
              </Form.Item>
            </>
          )}
        </Form>
      );
    }
    case 'assign':
      return (
        <Form layout="vertical" size="small" component={false}>
          <TargetSelect
            label={t('automations.step.assignTo')}
            multiple={false}
            value={[step.to]}
            people={choices.people}
            onChange={([to]) => to && onChange({ ...step, to })}
          />
        </Form>
      );
    case 'follow-up':
      return (
        <Form layout="vertical" size="small" component={false}>
          <TargetSelect
            label={t('automations.step.to')}
            multiple={false}
            value={[step.to]}
            people={choices.people}
            onChange={([to]) => to && onChange({ ...step, to })}
          />
          <Form.Item label={t('automations.step.followUpTitle')} extra={placeholders}>
            <Input
              aria-label={t('automations.step.followUpTitle')}
              value={step.title}
              onChange={(e) => onChange({ ...step, title: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('automations.step.dueDays')}>
            <InputNumber
              aria-label={t('automations.step.dueDays')}
              min={1}
              max={365}
              value={step.dueDays}
              onChange={(v) => onChange({ ...step, dueDays: Number(v ?? 1) })}
            />
          </Form.Item>
        </Form>
      );
    case 'wait':
      return (
        <Form layout="vertical" size="small" component={false}>
          <Form.Item label={t('automations.step.waitDays')} extra={t('automations.step.waitHint')}>
            <InputNumber
              aria-label={t('automations.step.waitDays')}
              min={1}
              max={365}
              value={step.days}
              onChange={(v) => onChange({ ...step, days: Number(v ?? 1) })}
            />
          </Form.Item>
        </Form>
      );
    case 'raise':
      return <Typography.Text type="secondary">{t('automations.step.raiseHint')}</Typography.Text>;
  }
}
