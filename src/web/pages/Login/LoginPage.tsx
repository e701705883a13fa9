import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { IdcardOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useSession } from '../../hooks/session.tsx';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { system, me, expired, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // The unified-identity callback sends the browser back here with the reason it refused (`?sso=CODE`).
  const ssoCode = new URLSearchParams(location.search).get('sso');
  const ssoError = ssoCode && /^AUTH_SSO_[A-Z_]+$/.test(ssoCode) ? t(`errors.${ssoCode}`) : null;

  if (system?.needsSetup) return <Navigate to="/setup" replace />;
  if (me && !submitting) return <Navigate to={from} replace />;

  const handleFinish = async ({ username, password }: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthFrame title={t('login.title')}>
      {expired && !error && <Alert type="warning" role="status" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
      <FormError message={error ?? ssoError} />
      {system?.enterpriseSso && (
        <>
          <Button block size="large" icon={<IdcardOutlined aria-hidden />} href={`/api/v1/auth/oidc/start?next=${encodeURIComponent('/e/')}`}>
            {t('login.sso')}
          </Button>
          <Divider plain>{t('login.or')}</Divider>
        </>
      )}
      <Form<LoginValues> layout="vertical" requiredMark={false} onFinish={handleFinish} disabled={submitting}>
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
        >
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form>
      {system?.demo && (
        <Alert type="info" role="note" showIcon title={t('login.demoHint')} style={{ marginTop: 16 }} />
      )}
    </AuthFrame>
  );
}
