import { DatePicker, Form, Input, Modal, message, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id, Person, Region } from '../../../../plugin/domain/types.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { peopleChangesApi } from './people-changes-api.ts';

export type ChangeKind = 'leave' | 'move';
type ChangedPerson = Pick<Person, 'id' | 'name' | 'regionId' | 'managerId' | 'leftOn'>;

interface Values {
  on: Dayjs | null;
  reason: string;
  krs: 'successor' | 'archive' | 'move' | 'stay';
  successorId?: Id;
  toRegionId?: Id;
  managerId?: Id | null;
}

/**
 * Records that a person leaves (their last day) or moves to another region and manager, and what
 * happens to their open KRs: handed to a successor, archived, moved with them or left with a
 * successor of the old region. The server checks everything again (roles, locked cycle, versions).
 */
export function PersonChangeModal({
  kind,
  person,
  people,
  regions,
  onDone,
  onCancel,
}: {
  kind: ChangeKind | null;
  person: ChangedPerson | null;
  people: ChangedPerson[];
  regions: Region[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useApp();
  const api = useMemo(() => peopleChangesApi(client), [client]);
  const action = useAction();
  const [form] = Form.useForm<Values>();
  const krs = Form.useWatch('krs', form);
  const open = kind !== null && person !== null;

  useEffect(() => {
    if (!open) return;
    action.clearError();
    form.resetFields();
    form.setFieldsValue({ krs: kind === 'leave' ? 'successor' : 'move', managerId: null });
  }, [open, kind, form, action.clearError]);

  if (!person) return null;
  const here = people.filter((p) => p.id !== person.id && !p.leftOn);
  const successors = kind === 'move' ? here.filter((p) => p.regionId === person.regionId) : here;
  const needsSuccessor = krs === 'successor' || krs === 'stay';
  const option = (p: ChangedPerson) => ({ value: p.id, label: p.name });

  const submit = async () => {
    const v = await form.validateFields();
    const base = {
      on: v.on!.format('YYYY-MM-DD'),
      reason: v.reason.trim(),
      ...(needsSuccessor ? { successorId: v.successorId } : {}),
    };
    const done = await action.run(() =>
      kind === 'leave'
        ? api.leave(person.id, { ...base, krs: v.krs as 'successor' | 'archive' })
        : api.move(person.id, {
            ...base,
            krs: v.krs as 'move' | 'stay',
            toRegionId: v.toRegionId!,
            managerId: v.managerId ?? null,
          }),
    );
    if (!done) return;
    void message.success(
      t(kind === 'leave' ? 'peopleChanges.leaveSaved' : 'peopleChanges.moveSaved', {
        name: person.name,
        count: done.keyResults.length,
      }),
    );
    onDone();
  };

  const required = (label: string) => [
    { required: true, message: t('peopleChanges.required', { field: label }) },
  ];
  return (
    <Modal
      open={open}
      title={t(kind === 'leave' ? 'peopleChanges.leaveTitle' : 'peopleChanges.moveTitle', {
        name: person.name,
      })}
      okText={t('peopleChanges.save')}
      cancelText={t('peopleChanges.cancel')}
      confirmLoading={action.busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="on"
          label={t(kind === 'leave' ? 'peopleChanges.lastDay' : 'peopleChanges.firstDay')}
          rules={required(t(kind === 'leave' ? 'peopleChanges.lastDay' : 'peopleChanges.firstDay'))}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'move' ? (
          <>
            <Form.Item
              name="toRegionId"
              label={t('peopleChanges.toRegion')}
              rules={required(t('peopleChanges.toRegion'))}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={regions
                  .filter((r) => r.id !== person.regionId)
                  .map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="managerId" label={t('peopleChanges.newManager')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('peopleChanges.noManager')}
                options={here.map(option)}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="krs" label={t('peopleChanges.openKrs')}>
          <Radio.Group
            options={(kind === 'leave' ? ['successor', 'archive'] : ['move', 'stay']).map((value) => ({
              value,
              label: t(`peopleChanges.krs.${value}`),
            }))}
          />
        </Form.Item>
        {needsSuccessor ? (
          <Form.Item
            name="successorId"
            label={t('peopleChanges.successor')}
            rules={required(t('peopleChanges.successor'))}
          >
            <Select showSearch optionFilterProp="label" options={successors.map(option)} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t('peopleChanges.reason')}
          rules={required(t('peopleChanges.reason'))}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
