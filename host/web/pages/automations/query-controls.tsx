import { Button, Select } from 'antd';
import type { ActionProps, ControlElementsProp, FullField, ValueSelectorProps } from 'react-querybuilder';

type Opt = { name: string; label: string; options?: Opt[] };
const flat = (options: readonly unknown[]): Opt[] =>
  (options as Opt[]).flatMap((o) => (Array.isArray(o.options) ? flat(o.options) : [o]));

/** The builder's selects as antd selects (fields, operators, combinators, listed values). */
function AntSelector(props: ValueSelectorProps) {
  const options = flat(props.options).map((o) => ({ value: o.name, label: o.label }));
  const multiple = props.multiple === true;
  const value = multiple
    ? Array.isArray(props.value)
      ? props.value
      : String(props.value ?? '')
          .split(',')
          .filter(Boolean)
    : props.value;
  return (
    <Select
      size="small"
      aria-label={props.title}
      className={props.className}
      style={{ minWidth: 120 }}
      disabled={props.disabled}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      options={options}
      onChange={(v: string | string[]) =>
        props.handleOnChange(multiple && !props.listsAsArrays && Array.isArray(v) ? v.join(',') : v)
      }
    />
  );
}

function AntAction(props: ActionProps) {
  return (
    <Button
      size="small"
      className={props.className}
      title={props.title}
      disabled={props.disabled}
      onClick={(e) => props.handleOnClick(e)}
    >
      {props.label}
    </Button>
  );
}

/** antd look without a compatibility package (theirs deep-imports antd files Node cannot load). */
export const ANTD_CONTROLS: ControlElementsProp<FullField, string> = {
  valueSelector: AntSelector,
  actionElement: AntAction,
};
