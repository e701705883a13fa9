import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../hooks/error-message.ts';

/** A list that failed to load: why, and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.loadFailed')}
      description={errorMessage(error)}
      action={<Button onClick={onRetry}>{t('app.retry')}</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
