import { useState } from 'react';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { tasksApi, type Report, type Task } from '../../../api/supervision.ts';
import { useErrorMessage } from '../../../hooks/error-message.ts';
import { can } from '../../../hooks/policies.ts';
import { ReportFormModal } from './ReportFormModal.tsx';

/**
 * Sign and report buttons of a task, shown from its policies, with the report dialog (continuing a saved
 * draft when there is one).
 */
export function useTaskActions(onChanged: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [reporting, setReporting] = useState<{ task: Task; draft: Report | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const handleSign = async (task: Task) => {
    setBusy(task.id);
    try {
      await tasksApi.sign(task.id);
      void message.success(t('sup.detail.signedMsg'));
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const handleReport = async (task: Task) => {
    setBusy(task.id);
    try {
      const detail = await tasksApi.get(task.id);
      setReporting({ task: detail, draft: detail.reports.find((r) => r.status === 'draft') ?? null });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const render = (task: Task) => (
    <>
      {can(task.policies, 'sign') && (
        <Button size="small" type="primary" loading={busy === task.id} onClick={() => void handleSign(task)} aria-label={`${t('sup.actions.sign')} ${task.measureNumber}`}>
          {t('sup.actions.sign')}
        </Button>
      )}
      {can(task.policies, 'report') && (
        <Button size="small" loading={busy === task.id} onClick={() => void handleReport(task)} aria-label={`${t('sup.actions.report')} ${task.measureNumber}`}>
          {t('sup.actions.report')}
        </Button>
      )}
    </>
  );

  const dialog = reporting && (
    <ReportFormModal task={reporting.task} draft={reporting.draft} onClose={() => setReporting(null)} onDone={onChanged} />
  );
  const has = (task: Task) => can(task.policies, 'sign') || can(task.policies, 'report');
  return { render, has, dialog, openReport: (task: Task, draft: Report | null) => setReporting({ task, draft }) };
}
