import { useRef, useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { reportsApi, tasksApi, type Report, type Task } from '../../../api/supervision.ts';
import { FormError } from '../../../components/FormError.tsx';
import { fieldIssues, useErrorMessage } from '../../../hooks/error-message.ts';
import { useIsMobile } from '../../../hooks/use-breakpoint.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, megabytes } from '../../../../core/supervision/evidence-limits.ts';

interface ReportFormValues {
  summary: string;
  progress: number;
  isFinal: boolean;
  kpi: Record<string, number | null | undefined>;
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/**
 * The progress report of a task for the current period: summary, % complete, KPI actuals, evidence, final
 * flag. Saves a draft or submits; a draft opened again continues where it was left. Time spent in the form
 * is sent as `fillSeconds` for the reporting-burden meter.
 *
 * Evidence is never lost: the report is saved as a draft first, the files are uploaded to that draft, and only
 * when every upload succeeded is the draft submitted. A file over the limit is refused before anything is sent;
 * a failed upload keeps the report as a draft, names the file and leaves the form open to retry.
 */
export function ReportFormModal({ task, draft, onClose, onDone }: { task: Task; draft?: Report | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const [form] = Form.useForm<ReportFormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openedAt = useRef(Date.now());
  /** The draft this form writes to (the one opened, or the one the first save created). */
  const [saved, setSaved] = useState<Report | null>(draft ?? null);
  const storedEvidence = saved?.evidence ?? [];
  const limitMb = megabytes(EVIDENCE_MAX_BYTES);

  const initial: ReportFormValues = {
    summary: draft?.summary ?? '',
    progress: draft?.progress ?? task.progress,
    isFinal: draft?.isFinal ?? false,
    kpi: Object.fromEntries(task.kpis.map((k) => [k.id, draft?.kpiValues.find((v) => v.kpiId === k.id)?.actual ?? k.actual ?? undefined])),
  };

  const save = async (submit: boolean) => {
    setError(null);
    let values: ReportFormValues;
    try {
      values = submit ? await form.validateFields() : (form.getFieldsValue(true) as ReportFormValues);
    } catch {
      return;
    }
    const pending = files.filter((f) => f.originFileObj && f.status !== 'done');
    const tooLarge = pending.filter((f) => (f.size ?? f.originFileObj?.size ?? 0) > EVIDENCE_MAX_BYTES);
    if (tooLarge.length > 0) {
      setError(t('ux.evidence.tooLarge', { names: tooLarge.map((f) => f.name).join('、'), mb: limitMb }));
      return;
    }
    if (storedEvidence.length + pending.length > EVIDENCE_MAX_FILES) {
      setError(t('ux.evidence.tooMany', { max: EVIDENCE_MAX_FILES }));
      return;
    }
    setSaving(submit ? 'submit' : 'draft');
    const body = {
      summary: (values.summary ?? '').trim(),
      progress: values.progress ?? 0,
      isFinal: Boolean(values.isFinal),
      kpiValues: task.kpis.flatMap((k) => {
        const v = values.kpi?.[k.id];
        return typeof v === 'number' ? [{ kpiId: k.id, actual: v }] : [];
      }),
      fillSeconds: Math.round((Date.now() - openedAt.current) / 1000),
    };
    try {
      // 1. The report as a draft: nothing reaches the reviewer before its evidence is stored.
      let report = saved ? await reportsApi.update(saved.id, { ...body, submit: false }) : await tasksApi.report(task.id, { ...body, submit: false });
      openedAt.current = Date.now();
      setSaved(report);
      // 2. Every new file onto the draft.
      const failed: string[] = [];
      const next: UploadFile[] = [];
      for (const f of files) {
        if (!f.originFileObj || f.status === 'done') {
          next.push(f);
          continue;
        }
        try {
          await reportsApi.uploadEvidence(report.id, f.originFileObj);
          next.push({ ...f, status: 'done' });
        } catch (err) {
          failed.push(t('sup.report.uploadFailed', { name: f.name, reason: errorMessage(err) }));
          next.push({ ...f, status: 'error' });
        }
      }
      setFiles(next.filter((f) => f.status !== 'done'));
      if (failed.length > 0) {
        setError(`${failed.join('；')}${t(submit ? 'ux.evidence.keptAsDraft' : 'ux.evidence.draftWithoutFiles')}`);
        onDone();
        return;
      }
      // 3. Submit only with all of it in place.
      if (submit) report = await reportsApi.update(report.id, { submit: true });
      void message.success(submit ? t('sup.report.submitted') : t('sup.report.draftSaved'));
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      const issues = fieldIssues(err).filter((i) => ['summary', 'progress', 'isFinal'].includes(i.field));
      form.setFields(issues.map((i) => ({ name: i.field as keyof ReportFormValues, errors: [i.message] })));
    } finally {
      setSaving(null);
    }
  };

  return (
    <Modal
      open
      title={t('sup.report.title', { number: task.measureNumber })}
      onCancel={onClose}
      mask={{ closable: false }}
      width={mobile ? '100%' : 640}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={saving !== null}>
          {t('common.cancel')}
        </Button>,
        <Button key="draft" onClick={() => void save(false)} loading={saving === 'draft'} disabled={saving === 'submit'}>
          {t('sup.report.saveDraft')}
        </Button>,
        <Button key="submit" type="primary" onClick={() => void save(true)} loading={saving === 'submit'} disabled={saving === 'draft'}>
          {t('sup.report.submit')}
        </Button>,
      ]}
    >
      <FormError message={error} />
      <Form<ReportFormValues> form={form} layout="vertical" initialValues={initial} disabled={saving !== null}>
        <Form.Item
          label={t('sup.field.summary')}
          name="summary"
          rules={[{ required: true, whitespace: true, message: t('sup.report.summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('sup.report.summaryPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('sup.field.progress')} name="progress" extra={t('sup.report.progressHelp')} rules={[{ required: true, type: 'number', min: 0, max: 100 }]}>
          <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: 160 }} inputMode="numeric" />
        </Form.Item>
        {task.kpis.map((k) => (
          <Form.Item
            key={k.id}
            label={`${k.metric}（${t('sup.field.target')} ${OPS[k.op] ?? k.op}${k.target}${k.unit}）`}
            name={['kpi', k.id]}
            extra={t('sup.report.kpiHelp')}
          >
            <InputNumber suffix={k.unit || undefined} style={{ width: 200 }} inputMode="decimal" />
          </Form.Item>
        ))}
        <Form.Item label={t('sup.field.evidence')} extra={t('sup.report.evidenceHelp', { mb: limitMb, max: EVIDENCE_MAX_FILES })}>
          {storedEvidence.length > 0 && (
            <ul aria-label={t('ux.evidence.stored')} style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
              {storedEvidence.map((e) => (
                <li key={e.id}>
                  <a href={`/api/v1/evidence/${e.id}`}>{e.name}</a>
                </li>
              ))}
            </ul>
          )}
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined aria-hidden />}>{t('sup.report.upload')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="isFinal" valuePropName="checked" extra={t('sup.report.finalHelp')}>
          <Checkbox>{t('sup.field.isFinal')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
