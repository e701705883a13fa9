import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { systemApi } from '../../api/endpoints.ts';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { FormError } from '../../components/FormError.tsx';
import { fieldIssues, useErrorMessage } from '../../hooks/error-message.ts';
import { useSession } from '../../hooks/session.tsx';

interface SetupValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** First run of a production install: create the first administrator, then log in as it. */
export default function SetupPage() {
  const { t } = useTranslation();
  const { system, reload, login } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<SetupValues>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (system && !system.needsSetup && !submitting) return <Navigate to="/login" replace />;

  const handleFinish = async ({ username, displayName, password }: SetupValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await systemApi.setup({ username: username.trim(), displayName: displayName.trim(), password });
    } catch (err) {
      setError(errorMessage(err));
      form.setFields(fieldIssues(err).map((i) => ({ name: i.field as keyof SetupValues, errors: [i.message] })));
      setSubmitting(false);
      return;
    }
    void message.success(t('setup.done'));
    try {
      await login(username.trim(), password);
      await reload();
      navigate('/', { replace: true });
    } catch {
      await reload();
      navigate('/login', { replace: true });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthFrame title={t('setup.title')}>
      <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
      <FormError message={error} />
      <Form<SetupValues> form={form} layout="vertical" requiredMark={false} onFinish={handleFinish} disabled={submitting}>
        <Form.Item
          label={t('setup.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('setup.username') }) }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('setup.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('setup.displayName') }) }]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          label={t('setup.password')}
          name="password"
          extra={t('password.rules')}
          rules={[{ required: true, message: t('common.required', { field: t('setup.password') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('setup.confirm')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required', { field: t('setup.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('setup.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
