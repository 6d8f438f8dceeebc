import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Field, QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import { CATALOGUE } from '../../../../plugin/automations/catalogue-view.ts';
import type { Conditions } from '../../../../plugin/automations/types.ts';
import { toConditions, toQuery } from './query-conditions.ts';
import { ANTD_CONTROLS } from './query-controls.tsx';

/**
 * The conditions of one automation as a visual builder over the fixed facts; what it gives back are
 * json-rules-engine `all`/`any` conditions (query-conditions.ts), never an expression.
 */
export function ConditionsEditor(props: {
  value: Conditions | undefined;
  regions: { id: string; name: string }[];
  onChange: (conditions: Conditions | undefined) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<RuleGroupType>(() => toQuery(props.value));
  const fields = useMemo<Field[]>(
    () =>
      CATALOGUE.facts.map((f) => {
        const values =
          f.name === 'region'
            ? props.regions.map((r) => ({ name: r.id, label: r.name }))
            : (f.values ?? []).map((v) => ({
                name: v,
                label: t(`automations.${f.name === 'role' ? 'roles' : 'colours'}.${v}`),
              }));
        return {
          name: f.name,
          label: t(`automations.facts.${f.name}`),
          operators: f.operators.map((o) => ({ name: o, value: o, label: t(`automations.operators.${o}`) })),
          ...(values.length > 0
            ? { valueEditorType: 'select' as const, values }
            : { inputType: f.kind === 'number' ? 'number' : 'text' }),
          defaultValue: values[0]?.name ?? (f.kind === 'number' ? 0 : ''),
        };
      }),
    [props.regions, t],
  );
  const remove = { label: '×', title: t('automations.conditions.remove') };
  return (
    <QueryBuilder
      controlElements={ANTD_CONTROLS}
      controlClassnames={{ value: 'ant-input ant-input-sm' }}
      fields={fields}
      query={query}
      listsAsArrays
      combinators={[
        { name: 'and', value: 'and', label: t('automations.conditions.and') },
        { name: 'or', value: 'or', label: t('automations.conditions.or') },
      ]}
      translations={{
        addRule: { label: t('automations.conditions.addRule'), title: t('automations.conditions.addRule') },
        addGroup: {
          label: t('automations.conditions.addGroup'),
          title: t('automations.conditions.addGroup'),
        },
        removeRule: remove,
        removeGroup: remove,
      }}
      onQueryChange={(q) => {
        setQuery(q);
        props.onChange(toConditions(q));
      }}
    />
  );
}
