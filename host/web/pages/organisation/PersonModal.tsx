import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type Id, type Person, type Region, ROLES, type Role } from '../../../../plugin/domain/types.ts';
import { centsToYuan, type PersonInput, yuanToCents } from './organisation-api.ts';

interface Values {
  name: string;
  role: Role;
  regionId: Id | null;
  managerId: Id | null;
  baseBonusYuan: number | null;
}

export type ListedPerson = Omit<Person, 'baseBonusCents'> & { baseBonusCents: number | null };

/** Adds or edits a person; the base bonus is typed in 元 and stored in cents. */
export function PersonModal({
  person,
  open,
  people,
  regions,
  busy,
  onOk,
  onCancel,
}: {
  person: ListedPerson | null;
  open: boolean;
  people: ListedPerson[];
  regions: Region[];
  busy: boolean;
  onOk: (input: PersonInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: person?.name ?? '',
      role: person?.role ?? 'sales',
      regionId: person?.regionId ?? null,
      managerId: person?.managerId ?? null,
      baseBonusYuan: person?.baseBonusCents != null ? centsToYuan(person.baseBonusCents) : 0,
    });
  }, [open, person, form]);

  const finish = (v: Values) =>
    onOk({
      name: v.name.trim(),
      role: v.role,
      regionId: v.regionId ?? null,
      managerId: v.managerId ?? null,
      baseBonusCents: yuanToCents(v.baseBonusYuan ?? 0),
    });

  return (
    <Modal
      open={open}
      title={t(person ? 'organisation.editPerson' : 'organisation.addPerson')}
      okText={t('organisation.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void form.validateFields().then(finish)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('organisation.personName')}
          rules={[{ required: true, whitespace: true, message: t('organisation.nameRequired') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t('organisation.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="regionId" label={t('organisation.region')}>
          <Select
            allowClear
            placeholder={t('organisation.noRegion')}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="managerId" label={t('organisation.manager')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('organisation.noManager')}
            options={people.filter((p) => p.id !== person?.id).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="baseBonusYuan"
          label={t('organisation.baseBonus')}
          rules={[{ type: 'number', min: 0, max: 100_000_000, message: t('organisation.bonusRange') }]}
        >
          <InputNumber
            min={0}
            max={100_000_000}
            precision={2}
            step={1000}
            suffix={t('organisation.yuan')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
