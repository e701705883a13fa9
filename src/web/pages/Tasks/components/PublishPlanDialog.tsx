import { useState } from 'react';
import { App, Button, Form, InputNumber, Select, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { CYCLES, supervisionApi, type Cycle } from '../../../api/supervision.ts';
import type { ListResponse } from '../../../api/types.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { useRequest } from '../../../hooks/use-request.ts';

interface PublishValues {
  planId: string;
  cycle: Cycle;
  nthWorkingDay: number;
  dueSoonDays: number;
  progressLagPct: number;
}

/** Thrown when the office cancels at the past-due warning: the dialog stays open with its input. */
class PublishCancelled extends Error {
  override name = 'Cancelled';
}

interface PlanOption {
  id: string;
  title: string | null;
  status: string;
}

/**
 * Publishes a plan: its measures become tasks. With `planId` it publishes that plan (the plans page mounts
 * `<PublishPlanButton planId=… />`); without, it offers the plans still in draft.
 */
export function PublishPlanDialog({ planId, planTitle, onClose, onDone }: { planId?: string; planTitle?: string | null; onClose(): void; onDone?(planId: string): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const drafts = useRequest(
    () => (planId ? Promise.resolve({ items: [] as PlanOption[] }) : api.get<ListResponse<PlanOption>>('/plans', { status: 'draft', pageSize: 200 })),
    [planId],
  );
  const handleSubmit = async (values: PublishValues) => {
    const id = planId ?? values.planId;
    // Tasks already past due would all light red at once: say how many and let the office decide.
    const preview = await supervisionApi.publishPreview(id);
    if (preview.unresolved.length === 0 && preview.pastDue > 0) {
      const confirmed = await modal.confirm({
        title: t('ux.publish.pastDueTitle'),
        content: t(preview.pastDue === preview.tasks ? 'ux.publish.allPastDue' : 'ux.publish.somePastDue', { count: preview.pastDue, total: preview.tasks }),
        okText: t('ux.publish.publishAnyway'),
        cancelText: t('common.cancel'),
      });
      if (!confirmed) throw new PublishCancelled();
    }
    const result = await supervisionApi.publish(id, {
      cycle: values.cycle,
      nthWorkingDay: values.nthWorkingDay,
      dueSoonDays: values.dueSoonDays,
      progressLagPct: values.progressLagPct,
    });
    void message.success(t('sup.publish.done', { count: result.tasksCreated }));
    onDone?.(id);
  };
  return (
    <FormModal<PublishValues>
      title={planTitle ? `${t('sup.publish.title')} · ${planTitle}` : t('sup.publish.title')}
      okText={t('sup.actions.publish')}
      initialValues={{ cycle: 'monthly', nthWorkingDay: 5, dueSoonDays: 3, progressLagPct: 20 }}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('sup.publish.intro')}</Typography.Paragraph>
      {!planId && (
        <Form.Item label={t('sup.publish.plan')} name="planId" rules={[{ required: true, message: t('sup.publish.planRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={drafts.loading}
            notFoundContent={t('sup.publish.noDrafts')}
            options={(drafts.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ?? p.id }))}
          />
        </Form.Item>
      )}
      <Form.Item label={t('sup.publish.cycle')} name="cycle" rules={[{ required: true }]}>
        <Select options={CYCLES.map((c) => ({ value: c, label: t(`sup.cycle.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('sup.publish.nthWorkingDay')} name="nthWorkingDay" rules={[{ required: true, type: 'number', min: 1, max: 10 }]}>
        <InputNumber min={1} max={10} />
      </Form.Item>
      <Form.Item label={t('sup.publish.dueSoonDays')} name="dueSoonDays" rules={[{ required: true, type: 'number', min: 0, max: 30 }]}>
        <InputNumber min={0} max={30} />
      </Form.Item>
      <Form.Item label={t('sup.publish.progressLagPct')} name="progressLagPct" rules={[{ required: true, type: 'number', min: 0, max: 100 }]}>
        <InputNumber min={0} max={100} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * A "publish" button for the plans pages; shows only when the plan's policies allow it (pass `policies.publish`).
 * `compact` draws it as a small link for a table's action column.
 */
export function PublishPlanButton({
  planId,
  planTitle,
  allowed = true,
  compact = false,
  onDone,
}: {
  planId: string;
  planTitle?: string | null;
  allowed?: boolean;
  compact?: boolean;
  onDone?(planId: string): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button
        type={compact ? 'link' : 'primary'}
        size={compact ? 'small' : 'middle'}
        icon={compact ? undefined : <SendOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        aria-label={planTitle ? `${t('sup.actions.publish')} ${planTitle}` : undefined}
      >
        {t('sup.actions.publish')}
      </Button>
      {open && <PublishPlanDialog planId={planId} planTitle={planTitle} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}
