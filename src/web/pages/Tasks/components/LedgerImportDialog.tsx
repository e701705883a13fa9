import { useState } from 'react';
import { Alert, App, Button, Modal, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { supervisionApi, type LedgerImportIssue } from '../../../api/supervision.ts';
import { useErrorMessage } from '../../../hooks/error-message.ts';

function issuesOf(err: unknown): LedgerImportIssue[] {
  if (!(err instanceof ApiError)) return [];
  const details = err.details as { issues?: unknown } | unknown[] | null;
  const list = Array.isArray(details) ? details : Array.isArray((details as { issues?: unknown })?.issues) ? (details as { issues: unknown[] }).issues : [];
  return list.filter((i): i is LedgerImportIssue => typeof (i as LedgerImportIssue)?.message === 'string');
}

/** Uploads a filled-in ledger; all rows or none are imported, and every bad cell is listed. */
export function LedgerImportDialog({ planId, planTitle, onClose, onDone }: { planId: string; planTitle: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<LedgerImportIssue[]>([]);

  const handleFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const result = await supervisionApi.importLedger(planId, file);
      void message.success(t('sup.ledgerImport.done', { count: result.imported }));
      onDone();
      onClose();
    } catch (err) {
      const found = issuesOf(err);
      setIssues(found);
      setError(found.length ? t('sup.ledgerImport.errors', { count: found.length }) : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('sup.ledgerImport.title', { plan: planTitle })} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={720}>
      <Typography.Paragraph>{t('sup.ledgerImport.intro')}</Typography.Paragraph>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void handleFile(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
          {t('sup.ledgerImport.choose')}
        </Button>
      </Upload>
      {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginTop: 16 }} />}
      {issues.length > 0 && (
        <Table<LedgerImportIssue>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(i) => `${i.sheet}-${i.row}-${i.column}-${i.message}`}
          pagination={false}
          dataSource={issues}
          columns={[
            { title: t('sup.ledgerImport.sheet'), dataIndex: 'sheet' },
            { title: t('sup.ledgerImport.row'), dataIndex: 'row' },
            { title: t('sup.ledgerImport.column'), dataIndex: 'column' },
            { title: t('sup.ledgerImport.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
