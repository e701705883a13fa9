import { useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldIssues, useErrorMessage } from '../hooks/error-message.ts';
import { FormError } from './FormError.tsx';

interface FormModalProps<T> {
  title: string;
  initialValues?: Partial<T>;
  /** Resolves when saved; a rejection keeps the dialog open with everything the user typed. */
  onSubmit(values: T): Promise<unknown>;
  onClose(): void;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
  okText?: string;
}

/**
 * A dialog holding one form. Mount it only while open (`{editing && <FormModal …/>}`) so every
 * opening starts from its initial values; a failed save shows the server's reason and keeps the
 * input, field errors included when the server names the fields.
 */
export function FormModal<T extends object>({ title, initialValues, onSubmit, onClose, children, okText }: FormModalProps<T>) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const handleFinish = async (values: T) => {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      // The user stepped back at a confirmation inside onSubmit: keep the dialog, say nothing.
      if (err instanceof Error && err.name === 'Cancelled') return;
      setError(errorMessage(err));
      const issues = fieldIssues(err).filter((i) => form.getFieldInstance(i.field as never) !== undefined);
      form.setFields(issues.map((i) => ({ name: i.field as never, errors: [i.message] })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      mask={{ closable: false }}
      width={560}
    >
      <FormError message={error} />
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={handleFinish} disabled={saving}>
        {typeof children === 'function' ? children(form) : children}
        {/* Enter in a field submits, as users expect from a dialog. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
