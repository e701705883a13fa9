import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Collapse, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Input, Segmented, Space, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { policiesApi, yuan, type Batch, type EligibleRow, type EligibleTruth, type Grant, type Policy, type PolicyItem } from '../../api/policies.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { ItemStatusTag, ModeTag, TraceTable, TruthTag } from './components.tsx';
import { GrantsTable } from './GrantsPage.tsx';
import { BenefitText, RuleEditor, VersionSummary } from './RuleEditor.tsx';

/** One item (兑现事项): its rule versions and editor, its eligible list, and (免申即享) its batches. */
export default function PolicyItemPage() {
  const { t } = useTranslation();
  const { id = '', itemId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const detail = useRequest(() => policiesApi.get(id), [id]);
  const p = detail.data;
  const item = p?.items.find((i) => i.id === itemId);
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!p) return <Card loading />;
  if (!item) return <Empty description={t('pol.item.notFound')} />;
  const tab = search.get('tab') ?? (item.versions.length ? 'eligible' : 'rule');
  const tabs = [
    { key: 'rule', label: t('pol.tab.rule'), children: <RuleTab policy={p} item={item} onPublished={detail.reload} /> },
    ...(item.versionInForce ? [{ key: 'eligible', label: t('pol.tab.eligible'), children: <EligibleTab item={item} /> }] : []),
    ...(item.mode === 'auto' && item.versionInForce ? [{ key: 'batches', label: t('pol.tab.batches'), children: <BatchesTab policy={p} item={item} /> }] : []),
  ];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/policies">{t('pol.nav.catalogue')}</Link> }, { title: <Link to={`/policies/${p.id}`}>{p.title}</Link> }, { title: item.title }]} />
      <PageHeader title={item.title} extra={<Space wrap><ModeTag mode={item.mode} /><ItemStatusTag status={item.status} /></Space>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('pol.field.docNumber')}>{p.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pol.item.theme')}>{item.theme}</Descriptions.Item>
          <Descriptions.Item label={t('pol.item.benefit')}>{item.versionInForce ? <BenefitText benefit={item.versionInForce.benefit} /> : t('pol.item.noVersion')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs activeKey={tabs.some((x) => x.key === tab) ? tab : 'rule'} onChange={(k) => setSearch({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
    </>
  );
}

function RuleTab({ policy, item, onPublished }: { policy: Policy; item: PolicyItem; onPublished(): Promise<void> }) {
  const { t } = useTranslation();
  const [editorKey, setEditorKey] = useState(0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {item.versions.length > 0 && (
        <Card title={t('pol.rule.versions')} size="small">
          <Collapse
            defaultActiveKey={item.versionInForce ? [item.versionInForce.id] : []}
            items={[...item.versions].reverse().map((v) => ({
              key: v.id,
              label: (
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>v{v.version}</Typography.Text>
                  {item.versionInForce?.id === v.id && <Typography.Text type="success">{t('pol.rule.inForce')}</Typography.Text>}
                  <Typography.Text type="secondary">{dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </Flex>
              ),
              children: <VersionSummary version={v} />,
            }))}
          />
        </Card>
      )}
      {policy.policies.update ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{item.versions.length ? t('pol.rule.newVersion') : t('pol.rule.firstVersion')}</Typography.Title>
          <RuleEditor
            key={editorKey}
            item={item}
            regionId={policy.regionId}
            defaultRef={policy.docNumber ?? ''}
            defaultFrom={policy.effectiveFrom}
            onPublished={async () => {
              await onPublished();
              setEditorKey((k) => k + 1);
            }}
          />
        </>
      ) : (
        item.versions.length === 0 && <Empty description={t('pol.item.noVersion')} />
      )}
    </Space>
  );
}

/** 符合条件企业: the eligible list computed in the database, those that need data or a person, and near misses with the gap. */
function EligibleTab({ item }: { item: PolicyItem }) {
  const { t } = useTranslation();
  const [truth, setTruth] = useState<EligibleTruth>('true');
  const [asOf, setAsOf] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<EligibleRow | null>(null);
  const list = useRequest(() => policiesApi.eligible(item.id, { truth, asOf, page, pageSize: 20 }), [item.id, truth, asOf, page]);
  const rows = (list.data?.items ?? []).filter((r) => !q || r.name.includes(q));
  const mobile = useIsMobile();
  const gapsOf = (r: EligibleRow) => r.gaps ?? r.trace.filter((l) => l.gap).map((l) => l.gap!);
  // A phone gets one column that says it all: the name, then the amount or the gap.
  const phoneColumns: TableColumnsType<EligibleRow> = [
    {
      title: t('pol.eligible.name'),
      key: 'name',
      render: (_, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{[r.regionName, r.industryCode, r.sizeClass ? t(`pol.size.${r.sizeClass}`) : null].filter(Boolean).join(' · ')}</Typography.Text></div>
          {truth === 'true' ? <div>{yuan(r.estimatedAmount)}</div> : gapsOf(r).map((g) => <div key={g}><Typography.Text type={truth === 'near' ? 'danger' : 'warning'} style={{ fontSize: 13 }}>{g}</Typography.Text></div>)}
        </div>
      ),
    },
    { title: <span className="ys-visually-hidden">{t('pol.eligible.trace')}</span>, key: 'trace', width: 84, render: (_, r) => <Button size="small" type="link" onClick={() => setOpen(r)}>{t('pol.eligible.trace')}</Button> },
  ];
  const columns: TableColumnsType<EligibleRow> = [
    { title: t('pol.eligible.name'), key: 'name', render: (_, r) => <div style={{ minWidth: 160 }}><Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link></div> },
    { title: t('pol.eligible.region'), key: 'region', width: 120, render: (_, r) => r.regionName ?? '—' },
    { title: t('pol.eligible.industry'), key: 'industry', width: 90, render: (_, r) => r.industryCode ?? '—' },
    { title: t('pol.eligible.size'), key: 'size', width: 80, render: (_, r) => (r.sizeClass ? t(`pol.size.${r.sizeClass}`) : '—') },
    { title: t('pol.eligible.result'), key: 'result', width: 96, render: (_, r) => <TruthTag truth={r.result} /> },
    truth === 'true'
      ? { title: t('pol.eligible.amount'), key: 'amount', width: 220, render: (_, r) => <div><div>{yuan(r.estimatedAmount)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.amountExplanation}</Typography.Text></div> }
      : { title: t('pol.eligible.gap'), key: 'gap', render: (_, r) => <div style={{ minWidth: 200 }}>{(r.gaps ?? r.trace.filter((l) => l.gap).map((l) => l.gap!)).map((g) => <div key={g}><Typography.Text type={truth === 'near' ? 'danger' : 'warning'}>{g}</Typography.Text></div>)}</div> },
    { title: <span className="ys-visually-hidden">{t('pol.eligible.trace')}</span>, key: 'trace', width: 90, render: (_, r) => <Button size="small" type="link" onClick={() => setOpen(r)}>{t('pol.eligible.trace')}</Button> },
  ];
  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
        <Segmented<EligibleTruth>
          aria-label={t('pol.eligible.filter')}
          value={truth}
          onChange={(v) => { setTruth(v); setPage(1); }}
          options={(['true', 'unknown', 'near'] as const).map((v) => ({ value: v, label: t(`pol.eligible.truth.${v}`) }))}
        />
        </div>
        <DatePicker aria-label={t('pol.eligible.asOf')} placeholder={t('pol.eligible.asOfToday')} value={asOf ? dayjs(asOf) : null} onChange={(d) => { setAsOf(d ? d.format('YYYY-MM-DD') : undefined); setPage(1); }} />
        <Input.Search allowClear aria-label={t('pol.eligible.search')} placeholder={t('pol.eligible.search')} style={{ width: 220 }} onSearch={setQ} />
        <Button icon={<DownloadOutlined />} href={policiesApi.eligibleXlsxUrl(item.id, { asOf, truth })} download>{t('pol.eligible.export')}</Button>
      </Flex>
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t(`pol.eligible.hint.${truth}`)}</Typography.Paragraph>
      {list.data && (
        <Typography.Paragraph type="secondary">
          {t('pol.eligible.summary', { total: list.data.total, asOf: list.data.asOf, version: list.data.ruleVersion.version })}
          {truth === 'true' && ` ${t('pol.eligible.pageAmount', { amount: yuan(rows.reduce((s, r) => s + (r.estimatedAmount ?? 0), 0)) })}`}
        </Typography.Paragraph>
      )}
      <Table<EligibleRow>
        rowKey="enterpriseId"
        size="middle"
        columns={mobile ? phoneColumns : columns}
        dataSource={rows}
        loading={list.loading}
        scroll={mobile ? undefined : { x: 900 }}
        locale={{ emptyText: t(`pol.eligible.empty.${truth}`) }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
      />
      <TraceDrawer row={open} onClose={() => setOpen(null)} />
    </Card>
  );
}

function TraceDrawer({ row, onClose }: { row: EligibleRow | null; onClose(): void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  return (
    <Drawer open={row !== null} onClose={onClose} title={row ? `${t('pol.eligible.trace')}：${row.name}` : ''} size={mobile ? '100%' : 720}>
      {row && (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('pol.eligible.result')}><TruthTag truth={row.result} /></Descriptions.Item>
            {row.result === 'true' && <Descriptions.Item label={t('pol.eligible.amount')}>{`${yuan(row.estimatedAmount)}（${row.amountExplanation}）`}</Descriptions.Item>}
          </Descriptions>
          <TraceTable leaves={row.trace} compact={mobile} />
        </>
      )}
    </Drawer>
  );
}

/** 免申即享 batches: run one for a period, see its totals, approve with a second office user, then the grants. */
function BatchesTab({ policy, item }: { policy: Policy; item: PolicyItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const batches = useRequest(() => policiesApi.batches(item.id), [item.id]);
  const [running, setRunning] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ batchId: string; text: string; fourEyes: boolean } | null>(null);
  const [approving, setApproving] = useState<string | null>(null);

  const approve = async (b: Batch) => {
    setApproving(b.id);
    setRefusal(null);
    try {
      const res = await policiesApi.approve(b.id);
      message.success(t('pol.batch.approved', { n: res.grants.length }));
      await batches.reload();
    } catch (err) {
      setRefusal({ batchId: b.id, text: errorMessage(err), fourEyes: err instanceof ApiError && err.code === 'POL_FOUR_EYES' });
    } finally {
      setApproving(null);
    }
  };

  const columns: TableColumnsType<Batch> = [
    { title: t('pol.batch.period'), key: 'period', render: (_, b) => <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(b.id)}>{b.periodLabel}</Button> },
    { title: t('pol.batch.asOf'), dataIndex: 'asOf', key: 'asOf', width: 110 },
    { title: t('pol.batch.count'), dataIndex: 'grantCount', key: 'count', width: 90, align: 'right' },
    { title: t('pol.batch.total'), key: 'total', width: 140, align: 'right', render: (_, b) => yuan(b.totalAmount) },
    { title: t('pol.batch.status'), key: 'status', width: 100, render: (_, b) => <StatusTag status={b.status === 'approved' ? 'success' : 'warning'}>{t(`pol.batch.state.${b.status}`)}</StatusTag> },
    { title: t('pol.batch.createdBy'), dataIndex: 'createdByName', key: 'by', width: 120 },
    { title: t('pol.batch.approvedBy'), key: 'approvedBy', width: 160, render: (_, b) => (b.approvedByName ? `${b.approvedByName} · ${dayjs(b.approvedAt).format('MM-DD HH:mm')}` : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, b) =>
        b.status === 'pending' && policy.policies.runBatch ? (
          <Button size="small" type={b.policies.approve ? 'primary' : 'default'} icon={<CheckOutlined />} loading={approving === b.id} onClick={() => void approve(b)}>{t('pol.batch.approve')}</Button>
        ) : null,
    },
  ];
  const pending = (batches.data?.items ?? []).find((b) => b.status === 'pending');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0, flex: '1 1 300px' }}>{t('pol.batch.intro')}</Typography.Paragraph>
          {policy.policies.runBatch && <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunning(true)}>{t('pol.batch.run')}</Button>}
        </Flex>
        {pending && !pending.policies.approve && policy.policies.runBatch && !refusal && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('pol.batch.waitingSecond', { name: pending.createdByName })} />}
        {refusal && (
          <Alert
            type={refusal.fourEyes ? 'warning' : 'error'}
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={refusal.fourEyes ? t('pol.batch.fourEyesTitle') : refusal.text}
            description={refusal.fourEyes ? t('pol.batch.fourEyesDesc', { reason: refusal.text.replace(/[。.]$/, '') }) : undefined}
            closable
            onClose={() => setRefusal(null)}
          />
        )}
        <LoadError error={batches.error} onRetry={() => void batches.reload()} />
        <Table<Batch> rowKey="id" size="middle" columns={columns} dataSource={batches.data?.items ?? []} loading={batches.loading} pagination={false} scroll={{ x: 960 }} locale={{ emptyText: t('pol.batch.empty') }} />
      </Card>
      {running && (
        <FormModal<{ periodLabel: string; asOf?: Dayjs }>
          title={t('pol.batch.run')}
          okText={t('pol.batch.runOk')}
          initialValues={{ periodLabel: t('pol.batch.defaultPeriod', { year: dayjs().year() }), asOf: dayjs() }}
          onClose={() => setRunning(false)}
          onSubmit={async (v) => {
            const b = await policiesApi.runBatch(item.id, { periodLabel: v.periodLabel.trim(), asOf: v.asOf?.format('YYYY-MM-DD') });
            message.success(t('pol.batch.created', { n: b.grantCount, amount: yuan(b.totalAmount) }));
            await batches.reload();
            setOpenId(b.id);
          }}
        >
          <Typography.Paragraph type="secondary">{t('pol.batch.runHint')}</Typography.Paragraph>
          <Form.Item name="periodLabel" label={t('pol.batch.period')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pol.batch.period') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="asOf" label={t('pol.batch.asOf')} extra={t('pol.batch.asOfHint')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
      <BatchDrawer id={openId} onClose={() => setOpenId(null)} onApprove={approve} refusal={refusal} canManage={policy.policies.runBatch} />
    </Space>
  );
}

function BatchDrawer({ id, onClose, onApprove, refusal, canManage }: { id: string | null; onClose(): void; onApprove(b: Batch): Promise<void>; refusal: { batchId: string; text: string; fourEyes: boolean } | null; canManage: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [busy, setBusy] = useState(false);
  const batch = useRequest(() => (id ? policiesApi.batch(id) : Promise.resolve(undefined)), [id, refusal]);
  const b = batch.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size={mobile ? '100%' : 900} title={b ? `${t('pol.batch.title')}：${b.periodLabel}` : t('pol.batch.title')}>
      <LoadError error={batch.error} onRetry={() => void batch.reload()} />
      {b && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Flex gap={32} wrap>
            <Statistic title={t('pol.batch.count')} value={b.grantCount} />
            <Statistic title={t('pol.batch.total')} value={yuan(b.totalAmount)} />
            <Statistic title={t('pol.batch.asOf')} value={b.asOf} />
            <Statistic title={t('pol.batch.status')} value={t(`pol.batch.state.${b.status}`)} />
          </Flex>
          {refusal?.batchId === b.id && <Alert type={refusal.fourEyes ? 'warning' : 'error'} showIcon role="alert" title={refusal.fourEyes ? t('pol.batch.fourEyesTitle') : refusal.text} description={refusal.fourEyes ? t('pol.batch.fourEyesDesc', { reason: refusal.text.replace(/[。.]$/, '') }) : undefined} />}
          {b.status === 'pending' && canManage && (
            <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={async () => { setBusy(true); await onApprove(b); setBusy(false); await batch.reload(); }}>
              {t('pol.batch.approveAll', { n: b.grantCount, amount: yuan(b.totalAmount) })}
            </Button>
          )}
          <GrantsTable grants={b.grants as Grant[]} onChanged={batch.reload} compact />
        </Space>
      )}
    </Drawer>
  );
}
