import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Flex, Input, InputNumber, Progress, Space, Tabs, Typography, Upload } from 'antd';
import { InboxOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { PLAN_FILE_EXTENSIONS, plansApi, type ParsePreview, type UploadPhase } from '../../api/plans.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';

type Source = { kind: 'file'; file: File } | { kind: 'text'; text: string };
type Busy = { phase: UploadPhase; percent: number; creating: boolean } | null;

/** The server's upload limit (PLAN_UPLOAD_MAX_BYTES). */
const MAX_BYTES = 20 * 1024 * 1024;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot).toLowerCase() : '';
}

export default function ImportPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'file' | 'text'>('file');
  const [year, setYear] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ message: string; read: boolean } | null>(null);
  const [preview, setPreview] = useState<ParsePreview | null>(null);
  const yearRef = useRef<{ focus(): void } | null>(null);
  const run = useRef(0);

  const fail = (err: unknown) => {
    const read = err instanceof ApiError && (err.code.startsWith('PLAN_READ') || err.status === 415 || err.status === 422);
    setError({ message: errorMessage(err), read });
  };

  const parse = async (src: Source, y: number | null) => {
    const call = ++run.current;
    setError(null);
    setPreview(null);
    setBusy({ phase: src.kind === 'file' ? 'uploading' : 'parsing', percent: 0, creating: false });
    try {
      const result =
        src.kind === 'file'
          ? await plansApi.parseFile(src.file, { year: y, onProgress: (phase, percent) => call === run.current && setBusy({ phase, percent, creating: false }) })
          : await plansApi.parseText(src.text, y);
      if (call !== run.current) return;
      setPreview(result);
    } catch (err) {
      if (call === run.current) fail(err);
    } finally {
      if (call === run.current) setBusy(null);
    }
  };

  // A changed year re-reads the deadlines, so the preview follows it.
  useEffect(() => {
    if (!source) return;
    const timer = setTimeout(() => void parse(source, year), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [year]);

  const handleFile = (file: File) => {
    setPreview(null);
    if (!(PLAN_FILE_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) {
      setSource(null);
      setError({ message: t('plans.import.badType', { name: file.name }), read: true });
      return false;
    }
    if (file.size > MAX_BYTES) {
      setSource(null);
      setError({ message: t('plans.import.tooLarge', { name: file.name }), read: true });
      return false;
    }
    const src: Source = { kind: 'file', file };
    setSource(src);
    void parse(src, year);
    return false;
  };

  const handleParseText = () => {
    const src: Source = { kind: 'text', text };
    setSource(src);
    void parse(src, year);
  };

  const handleCreate = async () => {
    if (!source) return;
    setError(null);
    setBusy({ phase: source.kind === 'file' ? 'uploading' : 'parsing', percent: 0, creating: true });
    try {
      const plan =
        source.kind === 'file'
          ? await plansApi.createFromFile(source.file, { year, onProgress: (phase, percent) => setBusy({ phase, percent, creating: true }) })
          : await plansApi.createFromText(source.text, undefined, year);
      navigate(`/plans/${plan.id}`);
    } catch (err) {
      fail(err);
      setBusy(null);
    }
  };

  const handleReset = () => {
    run.current += 1;
    setSource(null);
    setPreview(null);
    setError(null);
    setBusy(null);
  };

  const plan = preview?.plan;
  const measures = plan?.measures ?? [];
  const targetCount = measures.reduce((n, m) => n + (m.targets?.length ?? 0), 0) + (plan?.goals?.length ?? 0);
  const deadlineCount = measures.reduce((n, m) => n + (m.deadlines?.length ?? 0), 0);
  const unitNames = new Set([...(plan?.defaultUnits ?? []), ...measures.flatMap((m) => [...(m.leadUnits ?? []), ...(m.cooperatingUnits ?? [])])]);
  const noYear = Boolean(preview && !plan?.baseYear && !year);
  const flagged = measures.filter((m) => (m.flags?.length ?? 0) > 0).length;

  return (
    <>
      <PageHeader title={t('plans.import.title')} intro={t('plans.import.intro')} />
      <Card>
        <Flex vertical gap={16}>
          <div>
            <label htmlFor="import-year" style={{ display: 'block', marginBottom: 4 }}>
              {t('plans.import.year')}
            </label>
            <InputNumber
              id="import-year"
              ref={(el) => {
                yearRef.current = el;
              }}
              min={1990}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => setYear(typeof v === 'number' ? v : null)}
              placeholder={t('plans.import.yearPlaceholder')}
              status={noYear ? 'warning' : undefined}
              aria-describedby="import-year-help"
              style={{ width: 200 }}
            />
            <Typography.Text id="import-year-help" type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {t('plans.import.yearHelp')}
            </Typography.Text>
          </div>
          <Tabs
            activeKey={mode}
            onChange={(k) => setMode(k as 'file' | 'text')}
            items={[
              {
                key: 'file',
                label: t('plans.import.tabFile'),
                children: (
                  <Upload.Dragger
                    accept={PLAN_FILE_EXTENSIONS.join(',')}
                    multiple={false}
                    showUploadList={false}
                    beforeUpload={handleFile}
                    disabled={Boolean(busy)}
                    aria-label={t('plans.import.dropLabel')}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined aria-hidden />
                    </p>
                    <p className="ant-upload-text">{t('plans.import.drop')}</p>
                    <p className="ant-upload-hint">{t('plans.import.dropHint')}</p>
                  </Upload.Dragger>
                ),
              },
              {
                key: 'text',
                label: t('plans.import.tabText'),
                children: (
                  <Flex vertical gap={8}>
                    <label htmlFor="import-text">{t('plans.import.pasteLabel')}</label>
                    <Input.TextArea
                      id="import-text"
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      autoSize={{ minRows: 8, maxRows: 20 }}
                      placeholder={t('plans.import.pastePlaceholder')}
                    />
                    <div>
                      <Button type="primary" onClick={handleParseText} disabled={!text.trim() || Boolean(busy)}>
                        {t('plans.import.parseText')}
                      </Button>
                    </div>
                  </Flex>
                ),
              },
            ]}
          />
          {source?.kind === 'file' && (
            <Typography.Text>
              {t('plans.import.chosen', { name: source.file.name, size: Math.max(1, Math.round(source.file.size / 1024)) })}
            </Typography.Text>
          )}
          {busy && (
            <div role="status" aria-live="polite">
              <Typography.Text>
                {busy.phase === 'uploading' ? t('plans.import.uploading', { percent: busy.percent }) : busy.creating ? t('plans.import.creating') : t('plans.import.parsing')}
              </Typography.Text>
              <Progress
                percent={busy.phase === 'uploading' ? Math.min(busy.percent, 99) : 100}
                status="active"
                showInfo={busy.phase === 'uploading'}
                aria-label={t('plans.import.progress')}
              />
            </div>
          )}
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={error.read ? t('plans.import.unreadable') : t('plans.import.failed')}
              description={
                <>
                  <div>{error.message}</div>
                  {error.read && <div style={{ marginTop: 4 }}>{t('plans.import.unreadableHint')}</div>}
                </>
              }
            />
          )}
          {preview && plan && (
            <section aria-labelledby="preview-heading">
              <Typography.Title level={2} id="preview-heading" style={{ fontSize: 16 }}>
                <CheckCircleOutlined aria-hidden style={{ color: '#237804' }} /> {t('plans.import.previewTitle')}
              </Typography.Title>
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'title', label: t('plans.meta.planTitle'), children: plan.title || t('plans.review.untitled'), span: 2 },
                  { key: 'region', label: t('plans.meta.region'), children: plan.region || t('common.none') },
                  { key: 'year', label: t('plans.meta.baseYear'), children: plan.baseYear ?? year ?? t('plans.import.noYear') },
                  { key: 'measures', label: t('plans.import.measures'), children: measures.length },
                  { key: 'units', label: t('plans.import.units'), children: unitNames.size },
                  { key: 'deadlines', label: t('plans.import.deadlines'), children: deadlineCount },
                  { key: 'targets', label: t('plans.import.targets'), children: targetCount },
                ]}
              />
              {noYear && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={t('plans.import.noYearWarning')}
                  action={
                    <Button size="small" onClick={() => yearRef.current?.focus()}>
                      {t('plans.import.setYear')}
                    </Button>
                  }
                />
              )}
              {(preview.issues.length > 0 || flagged > 0) && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 12 }}
                  title={t('plans.import.issuesTitle', { count: preview.issues.length + flagged })}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {preview.issues.slice(0, 8).map((issue, i) => (
                        <li key={i}>{issue.message}</li>
                      ))}
                      {flagged > 0 && <li>{t('plans.import.flaggedMeasures', { count: flagged })}</li>}
                    </ul>
                  }
                />
              )}
              <Space wrap style={{ marginTop: 16 }}>
                <Button type="primary" onClick={() => void handleCreate()} loading={Boolean(busy?.creating)} disabled={Boolean(busy) || measures.length === 0}>
                  {t('plans.import.create')}
                </Button>
                <Button onClick={handleReset} disabled={Boolean(busy?.creating)}>
                  {t('plans.import.another')}
                </Button>
              </Space>
            </section>
          )}
        </Flex>
      </Card>
    </>
  );
}
