import { DatePicker, Form, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { supervisionApi } from '../../../api/supervision.ts';
import { FormModal } from '../../../components/FormModal.tsx';

interface ExportValues {
  planId: string;
  period?: Dayjs;
}

/** The file name the server sent (RFC 5987 `filename*`), else the fallback. */
function fileName(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(header);
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Fetches a file and hands it to the browser as a download; a refusal becomes an ApiError shown in the dialog. */
async function download(url: string, fallback: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName(res, fallback);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * 下载通报 / 下载台账 for a chosen plan (the task list's plan filter is only the default), the bulletin for a
 * chosen month up to the current one.
 */
export function PlanExportDialog({
  kind,
  plans,
  planId,
  onClose,
}: {
  kind: 'bulletin' | 'ledger';
  plans: { id: string; title: string | null }[];
  planId?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const handleSubmit = async (values: ExportValues) => {
    if (kind === 'bulletin') await download(supervisionApi.bulletinUrl(values.planId, values.period?.format('YYYY-MM')), 'bulletin.docx');
    else await download(supervisionApi.ledgerUrl(values.planId), 'ledger.xlsx');
  };
  return (
    <FormModal<ExportValues>
      title={t(kind === 'bulletin' ? 'ux.exports.bulletinTitle' : 'ux.exports.ledgerTitle')}
      okText={t('ux.exports.download')}
      initialValues={{ planId: planId ?? (plans.length === 1 ? plans[0].id : undefined), period: dayjs() }}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t(kind === 'bulletin' ? 'ux.exports.bulletinIntro' : 'ux.exports.ledgerIntro')}</Typography.Paragraph>
      <Form.Item label={t('ux.exports.plan')} name="planId" rules={[{ required: true, message: t('ux.exports.planRequired') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={plans.map((p) => ({ value: p.id, label: p.title ?? p.id }))} />
      </Form.Item>
      {kind === 'bulletin' && (
        <Form.Item label={t('ux.exports.period')} name="period" rules={[{ required: true, message: t('ux.exports.periodRequired') }]}>
          <DatePicker picker="month" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
        </Form.Item>
      )}
    </FormModal>
  );
}
