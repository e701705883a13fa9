import { useState } from 'react';
import { Button, Card, Flex, Select } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { LIGHTS, TASK_STATUSES, tasksApi, type Light, type TaskStatus } from '../../api/supervision.ts';
import type { ListResponse } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useSession } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { LedgerImportDialog } from './components/LedgerImportDialog.tsx';
import { PlanExportDialog } from './components/PlanExportDialog.tsx';
import { PublishPlanDialog } from './components/PublishPlanDialog.tsx';
import { useTaskActions } from './components/task-actions.tsx';
import { TaskList } from './components/TaskList.tsx';

interface PlanOption {
  id: string;
  title: string | null;
  status: string;
  policies?: Record<string, boolean | undefined>;
}

const FILTERS = ['planId', 'unitId', 'light', 'status'] as const;

const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** 任务总览: every task in scope, filtered through the URL so that dashboard charts can link here. */
export default function TaskOverviewPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [publishing, setPublishing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<'bulletin' | 'ledger' | null>(null);
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;

  const plans = useRequest(() => api.get<ListResponse<PlanOption>>('/plans', { status: 'published', pageSize: 200 }), []);
  const list = useRequest(
    () =>
      tasksApi.list({
        planId: filter.planId,
        unitId: filter.unitId,
        light: filter.light as Light | undefined,
        status: filter.status as TaskStatus | undefined,
        page,
        pageSize,
      }),
    [params.toString(), page, pageSize],
  );
  const actions = useTaskActions(() => void list.reload());
  const office = me?.role === 'office' || me?.role === 'admin';
  const plan = plans.data?.items.find((p) => p.id === filter.planId);

  const setFilter = (key: (typeof FILTERS)[number], value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };

  const width = mobile ? '100%' : 220;
  return (
    <>
      <PageHeader
        title={t('sup.tasks.title')}
        intro={t('sup.tasks.intro')}
        extra={
          <>
            {office && (
              <Button type="primary" onClick={() => setPublishing(true)}>
                {t('sup.actions.publish')}
              </Button>
            )}
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setExporting('bulletin')}>
              {t('sup.actions.bulletin')}
            </Button>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setExporting('ledger')}>
              {t('sup.actions.ledger')}
            </Button>
            {filter.planId && (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                {t('sup.actions.importLedger')}
              </Button>
            )}
          </>
        }
      />
      <LoadError error={list.error ?? plans.error} onRetry={() => void Promise.all([list.reload(), plans.reload()])} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('sup.tasks.filterPlan')}
            placeholder={t('sup.tasks.filterPlan')}
            allowClear
            style={{ width: mobile ? '100%' : 320 }}
            value={filter.planId}
            onChange={(v) => setFilter('planId', v)}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ?? p.id }))}
          />
          <div style={{ width }}>
            {/* Visually hidden: the placeholder shows the same words, but a screen reader needs a label. */}
            <label htmlFor="sup-filter-unit" style={VISUALLY_HIDDEN}>
              {t('sup.tasks.filterUnit')}
            </label>
            <UnitSelect id="sup-filter-unit" placeholder={t('sup.tasks.filterUnit')} value={filter.unitId ?? null} onChange={(v) => setFilter('unitId', v)} />
          </div>
          <Select
            aria-label={t('sup.tasks.filterLight')}
            placeholder={t('sup.tasks.filterLight')}
            allowClear
            style={{ width }}
            value={filter.light}
            onChange={(v) => setFilter('light', v)}
            options={LIGHTS.map((l) => ({ value: l, label: t(`sup.light.${l}`) }))}
          />
          <Select
            aria-label={t('sup.tasks.filterStatus')}
            placeholder={t('sup.tasks.filterStatus')}
            allowClear
            style={{ width }}
            value={filter.status}
            onChange={(v) => setFilter('status', v)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`sup.status.${s}`) }))}
          />
          {FILTERS.some((k) => filter[k]) && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('sup.tasks.clearFilters')}</Button>}
        </Flex>
        <TaskList
          tasks={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.loading}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          }}
          showUnit
          actions={actions.render}
          hasActions={actions.has}
        />
      </Card>
      {actions.dialog}
      {publishing && (
        <PublishPlanDialog
          onClose={() => setPublishing(false)}
          onDone={(id) => {
            void plans.reload();
            setFilter('planId', id);
          }}
        />
      )}
      {exporting && <PlanExportDialog kind={exporting} plans={plans.data?.items ?? []} planId={filter.planId} onClose={() => setExporting(null)} />}
      {importing && filter.planId && (
        <LedgerImportDialog planId={filter.planId} planTitle={plan?.title ?? ''} onClose={() => setImporting(false)} onDone={() => void list.reload()} />
      )}
    </>
  );
}
