import { useState } from 'react';
import { Card, Col, Row, Segmented, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { appealsApi, pct, type Rate, type StatsGroup } from '../../api/appeals.ts';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRequest } from '../../hooks/use-request.ts';

function RateCell({ r }: { r: Rate }) {
  if (r.value === null) return <>—</>;
  return <Tooltip title={`${r.numerator}/${r.denominator}，95%: ${pct(r.low)}–${pct(r.high)}`}><span>{pct(r.value)}</span></Tooltip>;
}

/** 三率: response, resolution and satisfaction per unit/region/month, with volume, categories, hot words and clocks. */
export default function AppealStatsPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'unit' | 'region' | 'month'>('unit');
  const stats = useRequest(() => appealsApi.stats({ groupBy }), [groupBy]);
  const s = stats.data;
  const columns: TableColumnsType<StatsGroup> = [
    { title: t('apl.stats.rank'), key: 'rank', width: 110, render: (_, g) => g.rank ?? <Tag>{t('apl.stats.small')}</Tag> },
    { title: t('apl.stats.name'), dataIndex: 'name', key: 'name' },
    { title: t('apl.stats.total'), dataIndex: 'total', key: 'total' },
    { title: t('apl.stats.response'), key: 'r', render: (_, g) => <RateCell r={g.response} /> },
    { title: t('apl.stats.resolution'), key: 's', render: (_, g) => <RateCell r={g.resolution} /> },
    { title: t('apl.stats.satisfaction'), key: 'f', render: (_, g) => <RateCell r={g.satisfaction} /> },
    { title: t('apl.stats.replyOnTime'), key: 'ro', render: (_, g) => <RateCell r={g.replyOnTime} /> },
    { title: t('apl.stats.closeOnTime'), key: 'co', render: (_, g) => <RateCell r={g.closeOnTime} /> },
    { title: t('apl.stats.score'), key: 'score', render: (_, g) => (typeof g.score === 'number' ? g.score.toFixed(1) : '—') },
  ];
  return (
    <>
      <PageHeader title={t('apl.stats.title')} intro={t('apl.stats.intro', { min: s?.minCases ?? 5 })} />
      <LoadError error={stats.error} onRetry={() => void stats.reload()} />
      <Card style={{ marginBottom: 16 }}>
        <Segmented<'unit' | 'region' | 'month'> value={groupBy} onChange={setGroupBy} options={[{ value: 'unit', label: t('apl.stats.unit') }, { value: 'region', label: t('apl.stats.region') }, { value: 'month', label: t('apl.stats.month') }]} style={{ marginBottom: 12 }} />
        <Table<StatsGroup> rowKey="id" size="small" loading={stats.loading} columns={columns} dataSource={s?.groups ?? []} pagination={false} scroll={{ x: 900 }} />
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('apl.stats.volume')}>
              <EChart ariaLabel={t('apl.stats.volume')} option={{ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: s.volume.map((v) => v.month) }, yAxis: { type: 'value' }, series: [{ name: t('apl.stats.total'), type: 'bar', data: s.volume.map((v) => v.total) }, { name: t('apl.stats.closed'), type: 'line', data: s.volume.map((v) => v.closed) }, { name: t('apl.stats.overdue'), type: 'line', data: s.volume.map((v) => v.overdue) }] }} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('apl.stats.categories')}>
              <EChart ariaLabel={t('apl.stats.categories')} option={{ tooltip: { trigger: 'item' }, series: [{ type: 'pie', radius: ['40%', '70%'], data: s.categories.map((c) => ({ name: c.name, value: c.total })) }] }} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('apl.stats.hot')}>
              <EChart ariaLabel={t('apl.stats.hot')} option={{ tooltip: {}, grid: { left: 80 }, xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: s.hotWords.slice(0, 12).map((h) => h.token) }, series: [{ type: 'bar', data: s.hotWords.slice(0, 12).map((h) => h.n) }] }} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('apl.stats.clocks')}>
              <EChart ariaLabel={t('apl.stats.clocks')} option={{ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 120 }, xAxis: { type: 'value', max: 100 }, yAxis: { type: 'category', data: s.groups.slice(0, 10).map((g) => g.name) }, series: [{ name: t('apl.stats.response'), type: 'bar', data: s.groups.slice(0, 10).map((g) => Math.round((g.response.value ?? 0) * 100)) }, { name: t('apl.stats.closeOnTime'), type: 'bar', data: s.groups.slice(0, 10).map((g) => Math.round((g.closeOnTime.value ?? 0) * 100)) }] }} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
