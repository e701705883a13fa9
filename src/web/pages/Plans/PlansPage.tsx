import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PLAN_STATUSES, plansApi, type PlanStatus, type PlanSummary } from '../../api/plans.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can } from '../../hooks/policies.ts';
import { PublishPlanButton } from '../Tasks/components/PublishPlanDialog.tsx';
import { useMe } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { usePagination } from '../../hooks/use-pagination.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { PlanStatusTag } from './PlanStatusTag.tsx';

/** Roles that may import; the server decides for real, this only offers the button. */
export const IMPORT_ROLES = ['admin', 'office'] as const;

export default function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const me = useMe();
  const navigate = useNavigate();
  const [status, setStatus] = useState<PlanStatus | undefined>();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, pagination } = usePagination();
  const list = useRequest(() => plansApi.list({ status, q: q.trim() || undefined, page, pageSize }), [status, q, page, pageSize]);
  const mayImport = (IMPORT_ROLES as readonly string[]).includes(me.role);

  const handleDelete = async (plan: PlanSummary) => {
    try {
      await plansApi.remove(plan.id);
      void message.success(t('common.deleted'));
      await list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<PlanSummary> = [
    {
      title: t('plans.list.planTitle'),
      key: 'title',
      render: (_, plan) => (
        <div>
          <Link to={`/plans/${plan.id}`}>{plan.title || t('plans.review.untitled')}</Link>
          {plan.sourceName && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: plan.sourceName }} style={{ display: 'block', fontSize: 12 }}>
              {plan.sourceName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('plans.list.region'), dataIndex: 'regionName', key: 'region', width: 120, responsive: ['md'], render: (v: string | null) => v || t('common.none') },
    { title: t('plans.list.year'), dataIndex: 'baseYear', key: 'year', width: 72, responsive: ['sm'], render: (v: number | null) => v ?? t('common.none') },
    { title: t('plans.list.measures'), dataIndex: 'measureCount', key: 'measures', width: 80, align: 'right' },
    { title: t('plans.list.status'), dataIndex: 'status', key: 'status', width: 96, render: (s: PlanStatus) => <PlanStatusTag status={s} /> },
    {
      title: t('plans.list.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // Fixed on the right and wide enough for 审核 · 发布方案 · 删除, so that a long title never pushes them away.
      width: 190,
      fixed: 'right',
      render: (_, plan) => (
        <Space size={4} wrap>
          <Button type="link" size="small" onClick={() => navigate(`/plans/${plan.id}`)} aria-label={`${t('plans.list.review')} ${plan.title ?? ''}`}>
            {can(plan.policies, 'update') ? t('plans.list.review') : t('plans.list.view')}
          </Button>
          <PublishPlanButton compact planId={plan.id} planTitle={plan.title} allowed={can(plan.policies, 'publish')} onDone={(id) => navigate(`/supervision/tasks?planId=${id}`)} />
          {can(plan.policies, 'delete') && (
            <Popconfirm
              title={t('common.confirmDelete', { name: plan.title ?? '' })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => handleDelete(plan)}
            >
              <Button type="link" size="small" danger aria-label={`${t('common.delete')} ${plan.title ?? ''}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const filtered = Boolean(status || q.trim());
  const empty = filtered ? (
    <Empty description={t('plans.list.emptyFiltered')} />
  ) : (
    <Empty
      description={
        <div style={{ maxWidth: 460, margin: '0 auto' }}>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {t('plans.list.emptyTitle')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {mayImport ? t('plans.list.emptyHow') : t('plans.list.emptyReadOnly')}
          </Typography.Paragraph>
        </div>
      }
    >
      {mayImport && (
        <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => navigate('/plans/import')}>
          {t('plans.import.title')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('plans.list.title')}
        intro={t('plans.list.intro')}
        extra={
          mayImport && (
            <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => navigate('/plans/import')}>
              {t('plans.import.title')}
            </Button>
          )
        }
      />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Select<PlanStatus | 'all'>
            aria-label={t('plans.list.statusFilter')}
            value={status ?? 'all'}
            onChange={(v) => {
              setStatus(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[{ value: 'all', label: t('plans.list.allStatuses') }, ...PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))]}
            style={{ width: mobile ? '100%' : 160 }}
          />
          <Input.Search
            aria-label={t('plans.list.searchLabel')}
            placeholder={t('plans.list.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 320 }}
          />
        </Flex>
        <Table<PlanSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          size={mobile ? 'small' : 'middle'}
          scroll={{ x: mobile ? 560 : 900 }}
          locale={{ emptyText: list.loading ? ' ' : empty }}
          pagination={{ ...pagination(list.data?.total ?? list.data?.items.length ?? 0), hideOnSinglePage: true }}
        />
      </Card>
    </>
  );
}
