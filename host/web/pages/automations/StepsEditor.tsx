import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DragOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Card, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { STEP_TYPES, type StepType } from '../../../../plugin/automations/catalogue.ts';
import type { Step } from '../../../../plugin/automations/types.ts';
import { type StepChoices, StepForm } from './StepForm.tsx';
import { stepKey } from './targets.ts';

export interface KeyedStep {
  key: string;
  step: Step;
}

const NEW_STEP: Record<StepType, () => Step> = {
  notify: () => ({ type: 'notify', to: [{ who: 'owner' }], inApp: true }),
  assign: () => ({ type: 'assign', to: { who: 'region-head' } }),
  'follow-up': () => ({ type: 'follow-up', to: { who: 'region-head' }, title: '', dueDays: 14 }),
  wait: () => ({ type: 'wait', days: 7 }),
  raise: () => ({ type: 'raise' }),
};

/** Moves the step `from` to where `to` is: the drag's and the buttons' one way to reorder. */
export function moveStep(steps: KeyedStep[], from: string, to: string): KeyedStep[] {
  const a = steps.findIndex((s) => s.key === from);
  const b = steps.findIndex((s) => s.key === to);
  return a < 0 || b < 0 ? steps : arrayMove(steps, a, b);
}

function SortableStep(props: {
  item: KeyedStep;
  index: number;
  count: number;
  choices: StepChoices;
  onChange: (step: Step) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: props.item.key,
  });
  const name = t('automations.step.number', { n: props.index + 1 });
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="automation-step"
    >
      <Card
        size="small"
        title={
          <Space>
            <Button
              ref={setActivatorNodeRef}
              type="text"
              icon={<DragOutlined />}
              aria-label={`${t('automations.step.drag')} ${name}`}
              {...attributes}
              {...listeners}
            />
            <span>
              {name} · {t(`automations.steps.${props.item.step.type}`)}
            </span>
          </Space>
        }
        extra={
          <Space size={0}>
            <Button
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={props.index === 0}
              aria-label={`${t('automations.step.moveUp')} ${name}`}
              onClick={() => props.onMove(-1)}
            />
            <Button
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={props.index === props.count - 1}
              aria-label={`${t('automations.step.moveDown')} ${name}`}
              onClick={() => props.onMove(1)}
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={props.count === 1}
              aria-label={`${t('automations.step.remove')} ${name}`}
              onClick={props.onRemove}
            />
          </Space>
        }
      >
        <StepForm step={props.item.step} choices={props.choices} onChange={props.onChange} />
      </Card>
    </div>
  );
}

/** The steps of one automation, in order: drag a step by its handle (or use the arrows) to move it. */
export function StepsEditor(props: {
  steps: KeyedStep[];
  choices: StepChoices;
  onChange: (steps: KeyedStep[]) => void;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const { steps, onChange } = props;
  const onDragEnd = (e: DragEndEvent) => {
    if (e.over && e.active.id !== e.over.id)
      onChange(moveStep(steps, String(e.active.id), String(e.over.id)));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={steps.map((s) => s.key)} strategy={verticalListSortingStrategy}>
          {steps.map((item, i) => (
            <SortableStep
              key={item.key}
              item={item}
              index={i}
              count={steps.length}
              choices={props.choices}
              onChange={(step) => onChange(steps.map((s) => (s.key === item.key ? { ...s, step } : s)))}
              onMove={(delta) => onChange(arrayMove(steps, i, i + delta))}
              onRemove={() => onChange(steps.filter((s) => s.key !== item.key))}
            />
          ))}
        </SortableContext>
      </DndContext>
      <Dropdown
        menu={{
          items: STEP_TYPES.map((type) => ({ key: type, label: t(`automations.steps.${type}`) })),
          onClick: ({ key }) => onChange([...steps, { key: stepKey(), step: NEW_STEP[key as StepType]() }]),
        }}
      >
        <Button icon={<PlusOutlined />}>{t('automations.step.add')}</Button>
      </Dropdown>
    </Space>
  );
}
