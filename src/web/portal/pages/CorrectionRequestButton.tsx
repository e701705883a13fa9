import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { EnterpriseDetail } from '../../api/enterprises.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';

interface Values {
  name?: string;
  address?: string;
  legalRepName?: string;
  note?: string;
}

/** 申请更正: the enterprise proposes corrected values; the office reviews them. */
export function CorrectionRequestButton({ enterprise, onDone }: { enterprise: EnterpriseDetail; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const handleSubmit = async (values: Values) => {
    const changes: Record<string, string> = {};
    for (const key of ['name', 'address', 'legalRepName'] as const) {
      const v = values[key]?.trim();
      if (v && v !== (enterprise[key] ?? '')) changes[key] = v;
    }
    if (Object.keys(changes).length === 0) {
      void message.warning(t('ent.portal.correction.nothing'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/enterprises/${enterprise.id}/corrections`, { changes, note: values.note?.trim() || null });
      void message.success(t('ent.portal.correction.sent'));
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" size="large" block onClick={() => setOpen(true)}>
        {t('ent.portal.correction.open')}
      </Button>
      <Modal open={open} title={t('ent.portal.correction.title')} okText={t('ent.portal.correction.submit')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void handleSubmit(v)} initialValues={{ name: enterprise.name, address: enterprise.address ?? '', legalRepName: enterprise.legalRepName ?? '' }}>
          <Form.Item name="name" label={t('ent.field.name')}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="legalRepName" label={t('ent.field.legalRep')}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="address" label={t('ent.field.address')}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="note" label={t('ent.portal.correction.note')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
