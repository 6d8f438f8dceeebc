import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** A one-field dialog (a region's name): opens with `initial`, answers the trimmed name. */
export function NameModal({
  open,
  title,
  label,
  initial,
  busy,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  initial: string;
  busy: boolean;
  onOk: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initial });
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('organisation.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void form.validateFields().then((v) => onOk(v.name.trim()))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('organisation.nameRequired') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
