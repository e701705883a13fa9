import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { uploadRegistry, type ImportReport } from '../../api/enterprises.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDocumentTitle } from '../../hooks/document-title.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';

const STATUS_COLORS = { new: 'green', changed: 'blue', unchanged: 'default', refused: 'red' } as const;

/** Import a 市场监管 export: dry run first (what would change, what is refused and why), then the all-or-nothing run. */
export default function EnterpriseImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('ent.nav.import'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadRegistry(file, dryRun);
      setReport(result);
      if (!dryRun) {
        void message.success(t('ent.import.done', { new: result.counts.new, changed: result.counts.changed }));
        navigate('/enterprises');
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ENT_IMPORT_INVALID') setReport(err.details as ImportReport);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('ent.nav.import')} intro={t('ent.import.intro')} />
      <Card>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('ent.import.drop')}</p>
          <Typography.Text type="secondary">{t('ent.import.columns')}</Typography.Text>
        </Upload.Dragger>
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" disabled={!file} loading={busy} onClick={() => void run(true)}>
            {t('ent.import.dryRun')}
          </Button>
          <Button disabled={!report || report.counts.refused > 0 || !report.dryRun} loading={busy} onClick={() => void run(false)}>
            {t('ent.import.commit')}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon style={{ marginTop: 16 }} message={error} />}
      </Card>
      {report && (
        <Card style={{ marginTop: 16 }} title={t('ent.import.report', { total: report.total, year: report.year })}>
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            {(['new', 'changed', 'unchanged', 'refused'] as const).map((s) => (
              <Statistic key={s} title={t(`ent.import.status.${s}`)} value={report.counts[s]} />
            ))}
          </Space>
          {report.counts.refused > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('ent.import.refusedHint')} />}
          {report.ignoredColumns.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('ent.import.ignored', { columns: report.ignoredColumns.join('、') })} />}
          <Table
            rowKey="rowNumber"
            size="small"
            dataSource={report.rows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('ent.import.row'), dataIndex: 'rowNumber', width: 70 },
              { title: t('ent.import.statusTitle'), dataIndex: 'status', width: 90, render: (s: keyof typeof STATUS_COLORS) => <Tag color={STATUS_COLORS[s]}>{t(`ent.import.status.${s}`)}</Tag> },
              { title: t('ent.field.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span> },
              { title: t('ent.field.name'), dataIndex: 'name' },
              {
                title: t('ent.import.detail'),
                key: 'detail',
                render: (_, r) => (
                  <div style={{ minWidth: 240 }}>
                    {r.issues.map((i, k) => (
                      <div key={k}>
                        <Typography.Text type="danger">
                          {i.column}：{i.message}
                        </Typography.Text>
                        {i.value && <Typography.Text type="secondary">（{i.value}）</Typography.Text>}
                      </div>
                    ))}
                    {r.changes.map((c, k) => (
                      <div key={k}>
                        {c.column}：{String(c.from ?? '—')} → {String(c.to)}
                      </div>
                    ))}
                  </div>
                ),
              },
            ]}
          />
          {report.rowsTruncated && <Typography.Text type="secondary">{t('ent.import.truncated')}</Typography.Text>}
        </Card>
      )}
    </>
  );
}
