import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { policiesApi, yuan, type Grant, type GrantStatus } from '../../api/policies.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { GrantStatusTag } from './components.tsx';

type StatusFilter = 'all' | 'awaiting_confirmation' | 'confirmed' | 'disbursed' | 'review';

/** 兑现记录: every grant decision in the caller's region, with its status, signature and 拨付. */
export default function GrantsPage() {
  const { t } = useTranslation();
  const list = useRequest(() => policiesApi.grants(), []);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');
  const all = list.data?.items ?? [];
  const rows = all.filter(
    (g) =>
      (status === 'all' || (status === 'review' ? g.reviewRequestedAt !== null && g.policies.rerun && g.status !== 'superseded' : g.status === status)) &&
      (!q || g.enterpriseName.includes(q) || g.itemTitle.includes(q)),
  );
  const count = (s: StatusFilter) => (s === 'all' ? all.length : s === 'review' ? all.filter((g) => g.reviewRequestedAt !== null && g.policies.rerun && g.status !== 'superseded').length : all.filter((g) => g.status === s).length);
  return (
    <>
      <PageHeader title={t('pol.grants.title')} intro={t('pol.grants.intro')} />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<StatusFilter>
            aria-label={t('pol.grants.filter')}
            value={status}
            onChange={setStatus}
            options={(['all', 'awaiting_confirmation', 'confirmed', 'disbursed', 'review'] as const).map((s) => ({ value: s, label: `${t(s === 'all' ? 'common.all' : s === 'review' ? 'pol.grants.review' : `pol.grantStatus.${s}`)} ${count(s)}` }))}
          />
          </div>
          <Input.Search allowClear aria-label={t('pol.grants.search')} placeholder={t('pol.grants.search')} style={{ width: 240 }} onSearch={setQ} />
        </Flex>
        <GrantsTable grants={rows} loading={list.loading} onChanged={list.reload} />
      </Card>
    </>
  );
}

/** Grants with their status (待确认/已确认/已拨付), signature and the 拨付 action where the server allows it. */
export function GrantsTable({ grants, loading, onChanged, compact }: { grants: Grant[]; loading?: boolean; onChanged(): Promise<void>; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const disburse = async (g: Grant) => {
    setBusy(g.id);
    try {
      await policiesApi.disburse(g.id);
      message.success(t('pol.grants.disbursed', { name: g.enterpriseName }));
      await onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const columns: TableColumnsType<Grant> = [
    { title: t('pol.grants.enterprise'), key: 'enterprise', render: (_, g) => <div style={{ minWidth: 150 }}><Link to={`/policies/grants/${g.id}`}>{g.enterpriseName}</Link>{g.reviewOf && <Typography.Text type="secondary"> {t('pol.grants.rerunMark')}</Typography.Text>}</div> },
    ...(compact ? [] : [{ title: t('pol.grants.item'), key: 'item', render: (_: unknown, g: Grant) => <div style={{ minWidth: 150 }}>{g.itemTitle}</div> }]),
    { title: t('pol.grants.region'), dataIndex: 'regionName', key: 'region', width: 110 },
    { title: t('pol.grants.amount'), key: 'amount', width: 130, align: 'right', render: (_, g) => yuan(g.amount) },
    { title: t('pol.grants.status'), key: 'status', width: 100, render: (_, g) => <GrantStatusTag status={g.status} /> },
    {
      title: t('pol.grants.signed'),
      key: 'signed',
      width: 110,
      render: (_, g) => (g.signature ? <Typography.Text type="success"><SafetyCertificateOutlined /> {g.signature.alg.toUpperCase()}</Typography.Text> : <Typography.Text type="secondary">{t('pol.grants.unsigned')}</Typography.Text>),
    },
    { title: t('pol.grants.decidedAt'), key: 'decided', width: 120, render: (_, g) => (g.decidedAt ? dayjs(g.decidedAt).format('YYYY-MM-DD') : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, g) =>
        g.policies.disburse ? (
          <Popconfirm title={t('pol.grants.disburseConfirm', { name: g.enterpriseName, amount: yuan(g.amount) })} okText={t('pol.grants.disburse')} cancelText={t('common.cancel')} onConfirm={() => disburse(g)}>
            <Button size="small" icon={<BankOutlined />} loading={busy === g.id}>{t('pol.grants.disburse')}</Button>
          </Popconfirm>
        ) : g.reviewRequestedAt && g.policies.rerun && g.status !== 'superseded' ? (
          <Link to={`/policies/grants/${g.id}`}>{t('pol.grants.handleReview')}</Link>
        ) : null,
    },
  ];
  return (
    <Table<Grant>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={grants}
      loading={loading}
      scroll={{ x: compact ? 760 : 1000 }}
      locale={{ emptyText: t('pol.grants.empty') }}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
    />
  );
}

export type { GrantStatus };
