import { Button, Card, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeclaredField, declaredValue, rangeProblem } from './declared-settings.ts';

/**
 * The settings the published custom rules declare, tuned like the built-in ones: each checked against
 * its declared range; saving puts them into the same draft, which is previewed, proposed and published.
 */
export function CustomRuleSettings(props: {
  fields: DeclaredField[];
  /** The document the values start from (the draft, else the settings in effect). */
  settings: unknown;
  onSave: (values: Map<string, number>) => void;
}) {
  const { t } = useTranslation();
  const start = () =>
    new Map(props.fields.map((f) => [f.path, declaredValue(props.settings, f) as number | null]));
  const [values, setValues] = useState(start);
  const [tried, setTried] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts again when the document or the fields change
  useEffect(() => {
    setValues(start());
    setTried(false);
  }, [props.settings, props.fields]);
  const problems = new Map(
    props.fields.flatMap((f) => {
      const p = rangeProblem(f, values.get(f.path) ?? null, t);
      return p ? [[f.path, p] as const] : [];
    }),
  );
  const save = () => {
    setTried(true);
    if (problems.size > 0) return;
    props.onSave(new Map(props.fields.map((f) => [f.path, values.get(f.path) as number])));
  };
  return (
    <Card
      size="small"
      title={t('settings.custom.title')}
      style={{ marginBottom: 16 }}
      data-testid="custom-settings"
    >
      <Typography.Paragraph type="secondary">{t('settings.custom.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        {props.fields.map((f) => {
          const problem = problems.get(f.path);
          const shown = problem && (tried || values.get(f.path) !== null);
          return (
            <Form.Item
              key={f.path}
              label={f.title}
              validateStatus={shown ? 'error' : undefined}
              help={
                shown
                  ? problem
                  : t('settings.custom.rangeHint', {
                      minimum: f.minimum,
                      maximum: f.maximum,
                      default: f.default,
                    })
              }
            >
              <InputNumber
                aria-label={f.title}
                value={values.get(f.path) ?? null}
                onChange={(v) =>
                  setValues((old) => new Map(old).set(f.path, typeof v === 'number' ? v : null))
                }
              />
            </Form.Item>
          );
        })}
        <Button onClick={save}>{t('settings.custom.save')}</Button>
      </Form>
    </Card>
  );
}
