import { Alert } from 'antd';

/** The reason a form was not accepted, announced to screen readers, above the fields it concerns. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} />;
}
