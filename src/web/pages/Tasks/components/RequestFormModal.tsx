import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { tasksApi, type Task } from '../../../api/supervision.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';

interface RequestValues {
  reason: string;
  newDueDate?: Dayjs;
  toUnitId?: string | null;
}

/** An extension (延期) or transfer (转办) request with its reason. */
export function RequestFormModal({ task, kind, onClose, onDone }: { task: Task; kind: 'extension' | 'transfer'; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const handleSubmit = async (values: RequestValues) => {
    await tasksApi.request(task.id, {
      kind,
      reason: values.reason.trim(),
      ...(kind === 'extension' && values.newDueDate ? { newDueDate: values.newDueDate.format('YYYY-MM-DD') } : {}),
      ...(kind === 'transfer' && values.toUnitId ? { toUnitId: values.toUnitId } : {}),
    });
    onDone();
  };
  return (
    <FormModal<RequestValues>
      title={t(kind === 'extension' ? 'sup.request.extensionTitle' : 'sup.request.transferTitle', { number: task.measureNumber })}
      okText={t('common.save')}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      {kind === 'extension' ? (
        <Form.Item label={t('sup.field.newDueDate')} name="newDueDate" rules={[{ required: true, message: t('sup.request.dateRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : (
        <Form.Item label={t('sup.field.toUnit')} name="toUnitId" rules={[{ required: true, message: t('sup.request.unitRequired') }]}>
          <UnitSelect />
        </Form.Item>
      )}
      <Form.Item label={t('sup.field.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('sup.request.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
