import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Collapse, Empty, Flex, Form, Input, Popconfirm, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, TrophyFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { benchmarkApi, type BenchmarkEntry, type BenchmarkGroup, type MetricSynonymRow } from '../../api/plans.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can, canCreate } from '../../hooks/policies.ts';
import { useMe } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { opSymbol } from '../PlanReview/components/ItemsEditors.tsx';

const SYNONYM_ROLES = ['admin', 'office'];

function GroupTable({ group }: { group: BenchmarkGroup }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const headingId = `bench-${group.canonical}-${group.unit}`;
  const columns: TableColumnsType<BenchmarkEntry> = [
    {
      title: t('plans.bench.region'),
      key: 'region',
      width: mobile ? undefined : '30%',
      render: (_, e) => (
        <div>
          <div>{e.region || t('common.none')}</div>
          {e.planId && (
            <Link to={`/plans/${e.planId}`} style={{ fontSize: 12 }}>
              {e.planTitle || t('plans.bench.openPlan')}
            </Link>
          )}
        </div>
      ),
    },
    { title: t('plans.bench.metric'), dataIndex: 'metric', key: 'metric', responsive: ['md'], width: '34%' },
    { title: t('plans.bench.op'), dataIndex: 'op', key: 'op', render: (op: BenchmarkEntry['op']) => <span aria-label={t(`plans.targets.ops.${op === '>=' ? 'ge' : op === '<=' ? 'le' : 'eq'}`)}>{opSymbol(op)}</span> },
    {
      title: t('plans.bench.value'),
      key: 'value',
      align: 'right',
      render: (_, e) => (
        <Flex gap={6} justify="flex-end" align="center">
          {e.best && group.entries.length > 1 && (
            <Tag color="#237804" variant="solid" icon={<TrophyFilled aria-hidden />} style={{ marginInlineEnd: 0 }}>
              {t('plans.bench.best')}
            </Tag>
          )}
          <strong>{e.value}</strong>
        </Flex>
      ),
    },
    { title: t('plans.bench.unit'), dataIndex: 'unit', key: 'unit' },
    { title: t('plans.bench.by'), dataIndex: 'by', key: 'by', render: (v: string | null) => v ?? t('common.none') },
  ];
  return (
    <section aria-labelledby={headingId} style={{ marginBottom: 20 }}>
      <Flex align="baseline" gap={8} wrap>
        <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: '0 0 8px' }}>
          {group.canonical}
        </Typography.Title>
        <Typography.Text type="secondary">
          {group.direction ? t(`plans.bench.direction.${group.direction}`) : t('plans.bench.direction.none')}
          {group.unit ? ` · ${t('plans.bench.inUnit', { unit: group.unit })}` : ''}
        </Typography.Text>
      </Flex>
      <Table<BenchmarkEntry>
        rowKey={(e) => `${e.planId}-${e.metric}-${e.value}-${e.by}`}
        columns={columns}
        dataSource={group.entries}
        pagination={false}
        size="small"
        scroll={mobile ? { x: 'max-content' } : undefined}
        tableLayout={mobile ? undefined : 'fixed'}
      />
    </section>
  );
}

function SynonymsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [adding, setAdding] = useState(false);
  const list = useRequest(() => benchmarkApi.synonyms(), []);
  const columns: TableColumnsType<MetricSynonymRow> = [
    { title: t('plans.bench.canonical'), dataIndex: 'canonical', key: 'canonical' },
    { title: t('plans.bench.variant'), dataIndex: 'variant', key: 'variant' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        can(row.policies, 'delete') || !row.policies ? (
          <Popconfirm
            title={t('common.confirmDelete', { name: row.variant })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await benchmarkApi.removeSynonym(row.id);
                void message.success(t('common.deleted'));
                await list.reload();
              } catch (err) {
                void message.error(errorMessage(err));
              }
            }}
          >
            <Button type="link" size="small" danger aria-label={`${t('common.delete')} ${row.variant}`}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('plans.bench.synonymsTitle')}</h2>}
      extra={
        canCreate(list.data) && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('plans.bench.addSynonym')}
          </Button>
        )
      }
      style={{ marginTop: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('plans.bench.synonymsIntro')}</Typography.Paragraph>
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Table<MetricSynonymRow>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('plans.bench.synonymsEmpty')} /> }}
        scroll={{ x: 'max-content' }}
      />
      {(list.data?.builtin?.length ?? 0) > 0 && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'builtin',
              label: t('plans.bench.builtinTitle', { count: list.data?.builtin?.length ?? 0 }),
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {(list.data?.builtin ?? []).map((b) => (
                    <li key={b.canonical}>
                      <Typography.Text strong>{b.canonical}</Typography.Text>
                      {t('plans.bench.builtinVariants', { variants: b.variants.join(t('plans.review.listSeparator')) })}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
      {adding && (
        <FormModal<{ canonical: string; variant: string }>
          title={t('plans.bench.addSynonym')}
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            await benchmarkApi.addSynonym({ canonical: v.canonical.trim(), variant: v.variant.trim() });
            void message.success(t('common.saved'));
            await list.reload();
          }}
        >
          <Form.Item label={t('plans.bench.canonical')} name="canonical" extra={t('plans.bench.canonicalHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('plans.bench.canonical') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('plans.bench.variant')} name="variant" extra={t('plans.bench.variantHelp')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('plans.bench.variant') }) }]}>
            <Input maxLength={100} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}

const GROUPS_PER_PAGE = 20;

/** How many different plans a group compares: a metric only one plan names has nothing to compare. */
function planCount(g: BenchmarkGroup): number {
  return new Set(g.entries.map((e) => e.planId ?? e.region ?? '')).size;
}

export default function BenchmarkPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [metric, setMetric] = useState<string | undefined>();
  const [sharedOnly, setSharedOnly] = useState(true);
  const [limit, setLimit] = useState(GROUPS_PER_PAGE);
  const all = useRequest(() => benchmarkApi.groups(), []);
  const metrics = useMemo(() => [...new Set((all.data ?? []).map((g) => g.canonical))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [all.data]);
  const sharedCount = useMemo(() => (all.data ?? []).filter((g) => planCount(g) > 1).length, [all.data]);
  // With a single plan in view (a city office) nothing is shared: show every target rather than an empty page.
  const onlyShared = sharedOnly && sharedCount > 0;
  const groups = useMemo(() => {
    const list = all.data ?? [];
    const shown = metric ? list.filter((g) => g.canonical === metric) : onlyShared ? list.filter((g) => planCount(g) > 1) : list;
    // Metrics that several plans share are the point of the page: they come first.
    return [...shown].sort((a, b) => planCount(b) - planCount(a) || b.entries.length - a.entries.length || a.canonical.localeCompare(b.canonical, 'zh-CN'));
  }, [all.data, metric, onlyShared]);

  return (
    <>
      <PageHeader title={t('plans.bench.title')} intro={t('plans.bench.intro')} />
      <LoadError error={all.error} onRetry={() => void all.reload()} />
      <Card loading={all.loading && !all.data}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Select
            showSearch
            allowClear
            aria-label={t('plans.bench.metricFilter')}
            placeholder={t('plans.bench.metricFilterPlaceholder')}
            value={metric}
            onChange={(v) => setMetric(v ?? undefined)}
            options={metrics.map((m) => ({ value: m, label: m }))}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <Flex align="center" gap={8}>
            <Switch
              id="bench-shared"
              checked={onlyShared}
              onChange={(v) => {
                setSharedOnly(v);
                setLimit(GROUPS_PER_PAGE);
              }}
              disabled={Boolean(metric) || sharedCount === 0}
            />
            <label htmlFor="bench-shared">{t('plans.bench.sharedOnly', { count: sharedCount })}</label>
          </Flex>
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('plans.bench.groupCount', { count: groups.length })}
          </Typography.Text>
        </Flex>
        {groups.length === 0 && !all.loading ? (
          <Empty description={onlyShared && (all.data ?? []).length > 0 ? t('plans.bench.noShared') : t('plans.bench.empty')} />
        ) : (
          groups.slice(0, limit).map((g) => <GroupTable key={`${g.canonical}|${g.unit}`} group={g} />)
        )}
        {groups.length > limit && (
          <Button onClick={() => setLimit((n) => n + GROUPS_PER_PAGE)}>{t('plans.bench.showMore', { count: groups.length - limit })}</Button>
        )}
      </Card>
      {SYNONYM_ROLES.includes(me.role) && <SynonymsCard />}
    </>
  );
}
