import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Drawer, Empty, List, Row, Select, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { supervisionApi, type BurdenRow, type DashboardTask, type DrillQuery } from '../../api/supervision.ts';
import type { ListResponse } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { LightTag } from '../Tasks/components/LightTag.tsx';
import { ClickableChart } from './ClickableChart.tsx';

const COLORS = { tasks: '#8c8c8c', done: '#237804', red: '#a8071a', rate: '#1677ff' };

/** 督查看板: completion over time, by chapter and unit, overdue trend, KPI attainment, red tasks; every chart drills down. */
export default function SupervisionDashboardPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { me } = useSession();
  const [planId, setPlanId] = useState<string | undefined>();
  const [drill, setDrill] = useState<{ title: string; query: DrillQuery } | null>(null);
  const [month, setMonth] = useState<string | undefined>();
  const plans = useRequest(() => api.get<ListResponse<{ id: string; title: string | null }>>('/plans', { status: 'published', pageSize: 200 }), []);
  const dash = useRequest(() => supervisionApi.dashboard(planId), [planId]);
  const burden = useRequest(() => (me?.role === 'unit' ? Promise.resolve({ items: [] as BurdenRow[] }) : supervisionApi.burden(month)), [month]);
  const d = dash.data;

  const open = (title: string, query: Omit<DrillQuery, 'planId'>) => setDrill({ title, query: { ...query, planId } });

  const completion = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: d?.completionOverTime.map((p) => p.month) ?? [] },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ name: t('sup.dashboard.rate'), type: 'line', symbolSize: 10, color: COLORS.rate, data: d?.completionOverTime.map((p) => Math.round(p.rate * 1000) / 10) ?? [] }],
    }),
    [d, t],
  );
  const bars = (rows: { label: string; tasks: number; done: number; red: number }[]): EChartsOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    // A fixed label gutter: containLabel measured the chapter names narrower than drawn and cut their first
    // characters off at the left edge.
    grid: { left: 148, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { width: 136, overflow: 'truncate' } },
    series: [
      { name: t('sup.dashboard.tasksSeries'), type: 'bar', color: COLORS.tasks, data: rows.map((r) => r.tasks) },
      { name: t('sup.dashboard.doneSeries'), type: 'bar', color: COLORS.done, data: rows.map((r) => r.done) },
      { name: t('sup.dashboard.redSeries'), type: 'bar', color: COLORS.red, data: rows.map((r) => r.red) },
    ],
  });
  const byChapter = useMemo(() => bars((d?.byChapter ?? []).map((c) => ({ label: c.section, ...c }))), [d, t]);
  const byUnit = useMemo(() => bars((d?.byUnit ?? []).map((u) => ({ label: u.unitName, ...u }))), [d, t]);
  const overdue = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: d?.overdueTrend.map((p) => p.month) ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: t('sup.dashboard.overdueSeries'), type: 'line', symbolSize: 10, color: COLORS.red, data: d?.overdueTrend.map((p) => p.overdue) ?? [] }],
    }),
    [d, t],
  );
  const kpi = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: (d?.kpiAttainment ?? []).map((b) => ({ name: t(`sup.dashboard.kpiBuckets.${b.bucket}`), value: b.count })) }],
    }),
    [d, t],
  );
  const chartHeight = (n: number) => Math.max(220, Math.min(720, 40 + n * 36));

  return (
    <>
      <PageHeader
        title={t('sup.dashboard.title')}
        intro={t('sup.dashboard.intro')}
        extra={
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('sup.tasks.filterPlan')}
            style={{ width: mobile ? '100%' : 320 }}
            allowClear
            placeholder={t('sup.dashboard.allPlans')}
            value={planId}
            onChange={setPlanId}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ?? p.id }))}
          />
        }
      />
      <LoadError error={dash.error} onRetry={() => void dash.reload()} />
      <Row gutter={[16, 16]}>
        {(
          [
            ['totals', d?.totals.tasks, {}],
            ['done', d?.totals.done, { light: 'done' }],
            ['red', d?.totals.red, { light: 'red' }],
            ['yellow', d?.totals.yellow, { light: 'yellow' }],
            ['overdue', d?.totals.overdue, { overdue: true }],
          ] as const
        ).map(([key, value, query]) => (
          <Col key={key} xs={12} sm={8} md={4}>
            <Card size="small" hoverable onClick={() => open(t(`sup.dashboard.${key}`), query)} role="button" aria-label={`${t(`sup.dashboard.${key}`)} ${value ?? ''}`}>
              <Statistic title={t(`sup.dashboard.${key}`)} value={value ?? 0} loading={dash.loading && !d} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.completionOverTime')} size="small">
            <ClickableChart
              option={completion}
              ariaLabel={t('sup.dashboard.completionOverTimeAria')}
              onClick={(e) => open(`${t('sup.dashboard.done')} ≤ ${e.name}`, { light: 'done', doneBy: e.name })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.overdueTrend')} size="small">
            <ClickableChart option={overdue} ariaLabel={t('sup.dashboard.overdueTrendAria')} onClick={(e) => open(`${t('sup.dashboard.overdue')} ${e.name}`, { overdueIn: e.name })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.byChapter')} size="small">
            <ClickableChart
              option={byChapter}
              height={chartHeight(d?.byChapter.length ?? 0)}
              ariaLabel={t('sup.dashboard.byChapterAria')}
              onClick={(e) => open(e.name, { section: d?.byChapter[e.dataIndex]?.section, ...seriesFilter(e.seriesName, t) })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.byUnit')} size="small">
            <ClickableChart
              option={byUnit}
              height={chartHeight(d?.byUnit.length ?? 0)}
              ariaLabel={t('sup.dashboard.byUnitAria')}
              onClick={(e) => open(e.name, { unitId: d?.byUnit[e.dataIndex]?.unitId, ...seriesFilter(e.seriesName, t) })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.kpiAttainment')} size="small">
            <ClickableChart option={kpi} ariaLabel={t('sup.dashboard.kpiAttainmentAria')} onClick={(e) => open(`${t('sup.dashboard.kpiAttainment')} ${e.name}`, { kpiBucket: d?.kpiAttainment[e.dataIndex]?.bucket })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sup.dashboard.redTasks')} size="small">
            <TaskLinks tasks={d?.redTasks ?? []} empty={t('sup.dashboard.noRed')} />
          </Card>
        </Col>
        {me?.role !== 'unit' && (
          <Col span={24}>
            <Card
              title={t('sup.dashboard.burden')}
              size="small"
              extra={<DatePicker picker="month" aria-label={t('sup.dashboard.burdenMonth')} onChange={(v) => setMonth(v ? v.format('YYYY-MM') : undefined)} />}
            >
              <Typography.Paragraph type="secondary">{t('sup.dashboard.burdenIntro')}</Typography.Paragraph>
              <Table<BurdenRow>
                rowKey={(r) => `${r.unitId}-${r.month}`}
                size="small"
                loading={burden.loading}
                dataSource={burden.data?.items ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description={t('sup.dashboard.empty')} /> }}
                columns={[
                  { title: t('sup.field.unit'), dataIndex: 'unitName' },
                  { title: t('sup.dashboard.burdenMonth'), dataIndex: 'month' },
                  { title: t('sup.dashboard.reportsAsked'), dataIndex: 'reportsAsked' },
                  { title: t('sup.dashboard.reportsFiled'), dataIndex: 'reportsFiled' },
                  { title: t('sup.dashboard.fieldsAsked'), dataIndex: 'fieldsAsked' },
                  {
                    title: t('sup.dashboard.medianFill'),
                    dataIndex: 'medianFillSeconds',
                    render: (s: number | null) => (s === null ? t('common.none') : s >= 120 ? t('sup.detail.minutes', { n: Math.round(s / 60) }) : t('sup.detail.seconds', { n: Math.round(s) })),
                  },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Drawer open={drill !== null} title={drill?.title} onClose={() => setDrill(null)} size={mobile ? '100%' : 560}>
        {drill && <DrillList query={drill.query} />}
      </Drawer>
    </>
  );
}

function seriesFilter(seriesName: string | undefined, t: (k: string) => string): Pick<DrillQuery, 'light'> {
  if (seriesName === t('sup.dashboard.doneSeries')) return { light: 'done' };
  if (seriesName === t('sup.dashboard.redSeries')) return { light: 'red' };
  return {};
}

function DrillList({ query }: { query: DrillQuery }) {
  const { t } = useTranslation();
  const list = useRequest(() => supervisionApi.drill({ ...query, pageSize: 200 }), [JSON.stringify(query)]);
  return (
    <>
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      {list.data && <Typography.Paragraph>{t('sup.tasks.count', { count: list.data.total ?? list.data.items.length })}</Typography.Paragraph>}
      <TaskLinks tasks={list.data?.items ?? []} loading={list.loading} empty={t('sup.tasks.empty')} />
    </>
  );
}

function TaskLinks({ tasks, loading, empty }: { tasks: DashboardTask[]; loading?: boolean; empty: string }) {
  const { t, i18n } = useTranslation();
  // The server's reason is a Chinese sentence; English translates its code and keeps the date in it.
  const reasonText = (task: { reason: string | null; reasonCode?: string | null }) => {
    if (i18n.language !== 'en' || !task.reasonCode || !i18n.exists(`sup.reasonCodes.${task.reasonCode}`)) return task.reason ?? '';
    const date = /\d{4}-\d{2}-\d{2}/.exec(task.reason ?? '')?.[0];
    return `${t(`sup.reasonCodes.${task.reasonCode}`)}${date ? ` (${date})` : ''}`;
  };
  return (
    <List<DashboardTask>
      size="small"
      loading={loading}
      dataSource={tasks}
      locale={{ emptyText: <Empty description={empty} /> }}
      renderItem={(task) => (
        <List.Item key={task.id} extra={<LightTag light={task.light} />}>
          <List.Item.Meta
            title={
              <Link to={`/supervision/tasks/${task.id}`}>
                {task.measureNumber} {task.title}
              </Link>
            }
            description={`${task.unitName} · ${task.dueDate ?? t('sup.tasks.noDue')}${task.reason ? ` · ${reasonText(task)}` : ''}`}
          />
        </List.Item>
      )}
    />
  );
}
