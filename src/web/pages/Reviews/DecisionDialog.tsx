import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';

/**
 * A decision with a comment: accept/return a report, approve/refuse a request. The negative decision
 * requires the comment (a unit must learn why).
 */
export function DecisionDialog({
  title,
  okText,
  commentRequired,
  onSubmit,
  onClose,
}: {
  title: string;
  okText: string;
  commentRequired: boolean;
  onSubmit(comment: string): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ comment?: string }> title={title} okText={okText} onSubmit={(v) => onSubmit((v.comment ?? '').trim())} onClose={onClose}>
      <Form.Item
        label={t('sup.field.comment')}
        name="comment"
        rules={commentRequired ? [{ required: true, whitespace: true, message: t('sup.review.commentRequired') }] : []}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('sup.review.commentPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
