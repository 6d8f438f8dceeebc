import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Field, QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import type { SubjectKind } from '../../../../plugin/engine/fact-catalogue.ts';
import type { TopCondition } from '../../../../plugin/engine/rule-types.ts';
import { ANTD_CONTROLS } from '../automations/query-controls.tsx';
import { fieldsOfLevel, toConditions, toQuery } from './rule-query.ts';

/**
 * The conditions of one custom rule as a visual builder over the facts of its level; numbers are
 * compared with a setting (`thresholds`), never with a typed number, as in a rule file.
 */
export function RuleConditions(props: {
  level: SubjectKind;
  value: TopCondition | undefined;
  thresholds: { value: string; label: string }[];
  onChange: (conditions: TopCondition) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<RuleGroupType>(() => toQuery(props.value));
  const fields = useMemo<Field[]>(
    () =>
      fieldsOfLevel(props.level).map((f) => {
        const listed =
          f.type.kind === 'boolean'
            ? ['true', 'false']
            : f.type.kind === 'string'
              ? [...(f.type.values ?? [])]
              : [];
        const values =
          f.type.kind === 'number'
            ? props.thresholds.map((o) => ({ name: o.value, label: o.label }))
            : listed.map((v) => ({ name: v, label: t(`customRules.values.${v}`) }));
        return {
          name: f.name,
          label: `${t(`customRules.levels.${f.fact}`)} · ${t(`customRules.facts.${f.fact}.${f.property}`)}`,
          operators: f.operators.map((o) => ({ name: o, value: o, label: t(`customRules.operators.${o}`) })),
          ...(values.length > 0
            ? {
                valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select'),
                values,
              }
            : { inputType: 'text' }),
          defaultValue: values[0]?.name ?? '',
        } as Field;
      }),
    [props.level, props.thresholds, t],
  );
  const remove = { label: '×', title: t('customRules.conditions.remove') };
  return (
    <QueryBuilder
      controlElements={ANTD_CONTROLS}
      controlClassnames={{ value: 'ant-input ant-input-sm' }}
      fields={fields}
      query={query}
      listsAsArrays
      showNotToggle
      combinators={[
        { name: 'and', value: 'and', label: t('customRules.conditions.and') },
        { name: 'or', value: 'or', label: t('customRules.conditions.or') },
      ]}
      translations={{
        addRule: { label: t('customRules.conditions.addRule'), title: t('customRules.conditions.addRule') },
        addGroup: {
          label: t('customRules.conditions.addGroup'),
          title: t('customRules.conditions.addGroup'),
        },
        notToggle: { label: t('customRules.conditions.not'), title: t('customRules.conditions.not') },
        removeRule: remove,
        removeGroup: remove,
      }}
      onQueryChange={(q) => {
        setQuery(q);
        props.onChange(toConditions(q, props.level));
      }}
    />
  );
}
