import { useState } from 'react';
import { Card, Flex, Input, Select, Switch, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { appealsApi, type Appeal } from '../../api/appeals.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { AppealStatusTag, ClockTags } from './components.tsx';

const STATUSES = ['received', 'dispatched', 'disputed', 'handling', 'waiting', 'replied', 'called_back', 'rectifying', 'closed', 'merged'];

/** 诉求列表: appeals in the caller's scope with their working-day clocks. */
export default function AppealsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useRequest(() => appealsApi.list({ status, q: q || undefined, overdue: overdue || undefined, page, pageSize: 20 }), [status, q, overdue, page]);
  const columns: TableColumnsType<Appeal> = [
    { title: t('apl.field.number'), key: 'number', render: (_, a) => <Link to={`/appeals/${a.id}`}>{a.number}</Link>, width: 180 },
    { title: t('apl.field.title'), dataIndex: 'title', key: 'title', ellipsis: true },
    { title: t('apl.field.enterprise'), key: 'enterprise', render: (_, a) => a.enterprise.name, ellipsis: true },
    { title: t('apl.field.category'), key: 'category', render: (_, a) => a.category.name, width: 100 },
    { title: t('apl.field.unit'), key: 'unit', render: (_, a) => a.unit?.name ?? '—', ellipsis: true },
    { title: t('apl.field.status'), key: 'status', render: (_, a) => <AppealStatusTag status={a.status} />, width: 110 },
    { title: t('apl.field.clocks'), key: 'clocks', render: (_, a) => <ClockTags clocks={a.clocks} /> },
    { title: t('apl.field.received'), key: 'received', render: (_, a) => dayjs(a.receivedAt).format('MM-DD HH:mm'), width: 110 },
  ];
  return (
    <>
      <PageHeader title={t('apl.list.title')} intro={t('apl.list.intro')} />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Select allowClear placeholder={t('apl.filter.all')} aria-label={t('apl.field.status')} style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={STATUSES.map((s) => ({ value: s, label: t(`apl.status.${s}`) }))} />
          <Input.Search allowClear placeholder={t('apl.filter.search')} aria-label={t('apl.filter.search')} style={{ width: 260 }} onSearch={(v) => { setQ(v); setPage(1); }} />
          <Flex gap={6} align="center"><Switch id="apl-overdue" checked={overdue} onChange={(v) => { setOverdue(v); setPage(1); }} /><label htmlFor="apl-overdue"><Typography.Text>{t('apl.filter.overdue')}</Typography.Text></label></Flex>
        </Flex>
        <Table<Appeal> rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 1000 }} locale={{ emptyText: t('apl.list.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
      </Card>
    </>
  );
}
