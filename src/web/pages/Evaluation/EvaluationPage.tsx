import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { indicatorsApi, type EvaluationItem } from '../../api/indicators.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { ClickableChart } from '../SupervisionDashboard/ClickableChart.tsx';
import { ExplainDrawer, type ExplainTarget } from './ExplainDrawer.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/** 评价结果: composite index over time, heat map, radar against the best, gaps, trends with targets, what-if. */
export default function EvaluationPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const systems = useRequest(() => indicatorsApi.systems(), []);
  const [systemId, setSystemId] = useState<string | undefined>();
  const sid = systemId ?? systems.data?.items.find((s) => s.policies.evaluate)?.id;
  const trend = useRequest(() => (sid ? indicatorsApi.trend(sid) : Promise.resolve(undefined)), [sid]);
  const [period, setPeriod] = useState<string | undefined>();
  const per = period ?? trend.data?.periods[trend.data.periods.length - 1];
  const system = useRequest(() => (sid ? indicatorsApi.system(sid) : Promise.resolve(undefined)), [sid]);
  const ev = useRequest(() => (sid && per ? indicatorsApi.evaluation(sid, per) : Promise.resolve(undefined)), [sid, per]);
  const [regionId, setRegionId] = useState<string | undefined>();
  const region = regionId ?? ev.data?.items.slice().sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0))[0]?.region.id;
  const composite = useRequest(() => (sid && per && region ? indicatorsApi.explain(sid, region, per) : Promise.resolve(undefined)), [sid, per, region]);
  const [pickedTrendKey, setTrendKey] = useState<string | undefined>();
  // Default: the first leaf linked to a plan target in the template (开办时间), else the first leaf.
  const leafKeys = ev.data?.nodes.filter((n) => n.isLeaf).map((n) => n.key) ?? [];
  const trendKey = pickedTrendKey ?? (leafKeys.includes('L01.2') ? 'L01.2' : leafKeys[0]);
  const nodeTrend = useRequest(() => (sid && trendKey ? indicatorsApi.trend(sid, trendKey) : Promise.resolve(undefined)), [sid, trendKey]);
  const [explain, setExplain] = useState<ExplainTarget | null>(null);

  const nodeId = (key: string) => system.data?.nodes.find((n) => n.key === key)?.id;
  const firstLevel = useMemo(() => ev.data?.nodes.filter((n) => n.parentKey === null) ?? [], [ev.data]);
  const items = useMemo(() => (ev.data?.items ?? []).slice().sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)), [ev.data]);
  const openScore = (key: string | null, regionIdToOpen: string) => {
    const node = key === null ? sid : nodeId(key);
    if (node && per) setExplain({ node, region: regionIdToOpen, period: per });
  };

  const overTime: EChartsOption | null = trend.data
    ? {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 40, right: 16, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: trend.data.periods },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: trend.data.series.map((s) => ({ name: s.region.name, type: 'line', data: s.points.map((p) => p.score), symbolSize: 8 })),
      }
    : null;

  const heat: EChartsOption | null = ev.data
    ? {
        tooltip: { position: 'top' },
        grid: { left: mobile ? 90 : 130, right: 16, top: 10, bottom: mobile ? 110 : 100 },
        xAxis: { type: 'category', data: firstLevel.map((n) => n.name), axisLabel: { rotate: 50, interval: 0, fontSize: 11 } },
        yAxis: { type: 'category', data: items.map((i) => i.region.name) },
        visualMap: { min: 0, max: 100, show: false, inRange: { color: ['#fac858', '#f6efa6', '#91cc75', '#3ba272'] } },
        series: [
          {
            type: 'heatmap',
            label: { show: !mobile, fontSize: 10, formatter: (p: { value: unknown }) => { const v = (p.value as [number, number, number | string])[2]; return typeof v === 'number' ? v.toFixed(0) : ''; } },
            data: items.flatMap((it, y) => firstLevel.map((n, x) => [x, y, it.scores[n.key] === null ? '-' : it.scores[n.key]])),
          },
        ],
      }
    : null;

  const selected = items.find((i) => i.region.id === region);
  const present = firstLevel.filter((n) => selected && selected.scores[n.key] !== null);
  const radar: EChartsOption | null =
    ev.data && selected
      ? {
          tooltip: {},
          legend: { bottom: 0 },
          // Only the first-level indicators the region has a score for: a missing one is not drawn as 0.
          radar: { indicator: present.map((n) => ({ name: mobile ? n.name.slice(0, 4) : n.name, max: 100 })), radius: mobile ? '55%' : '65%', axisName: { fontSize: 10 } },
          series: [
            {
              type: 'radar',
              data: [
                { name: selected.region.name, value: present.map((n) => selected.scores[n.key] ?? 0) },
                { name: t('ind.evaluation.best'), value: present.map((n) => Math.max(0, ...items.map((i) => i.scores[n.key] ?? 0))) },
              ],
            },
          ],
        }
      : null;

  const gaps = composite.data?.gaps ?? [];
  const gapChart: EChartsOption | null = gaps.length
    ? {
        tooltip: {},
        grid: { left: mobile ? 110 : 170, right: 30, top: 10, bottom: 20 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: gaps.map((g) => g.name).reverse() },
        series: [{ type: 'bar', name: t('ind.evaluation.gain'), data: gaps.map((g) => Number(g.compositeGain.toFixed(2))).reverse(), itemStyle: { color: '#ee6666' }, label: { show: true, position: 'right' } }],
      }
    : null;

  const leafTrend = nodeTrend.data;
  const trendChart: EChartsOption | null = leafTrend
    ? {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 50, right: 16, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: leafTrend.periods },
        yAxis: { type: 'value', name: leafTrend.unitLabel, scale: true, min: (v: { min: number }) => Math.floor(Math.min(v.min, ...leafTrend.targets.map((x) => x.target)) * 0.9 * 100) / 100 },
        series: leafTrend.series.map((s, i) => ({
          name: s.region.name,
          type: 'line',
          data: s.points.map((p) => p.value ?? p.score),
          markLine:
            i === 0 && leafTrend.targets.length
              ? { symbol: 'none', lineStyle: { type: 'dashed', color: '#ee6666' }, label: { formatter: `${t('ind.evaluation.target')} ${leafTrend.targets[0].targetText || leafTrend.targets[0].target}` }, data: leafTrend.targets.map((x) => ({ yAxis: x.target })) }
              : undefined,
        })),
      }
    : null;

  const columns: TableColumnsType<EvaluationItem> = [
    { title: t('ind.common.rank'), key: 'rank', width: 70, render: (_, r) => r.rank ?? '—' },
    { title: t('ind.common.region'), key: 'region', render: (_, r) => r.region.name, fixed: 'left' },
    {
      title: t('ind.common.composite'),
      key: 'composite',
      render: (_, r) => (r.composite === null ? t('ind.common.missing') : <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => openScore(null, r.region.id)} aria-label={`${r.region.name} ${t('ind.common.composite')} ${f2(r.composite)}`}>{f2(r.composite)}</Button>),
    },
    { title: t('ind.evaluation.missingLeaves'), key: 'missing', render: (_, r) => (r.missingLeaves ? <Tag color="orange">{r.missingLeaves}</Tag> : 0) },
    ...firstLevel.map((n) => ({
      title: n.name,
      key: n.key,
      render: (_: unknown, r: EvaluationItem) => (r.scores[n.key] === null ? <Tag>{t('ind.common.missing')}</Tag> : <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => openScore(n.key, r.region.id)}>{f2(r.scores[n.key])}</Button>),
    })),
  ];

  const noSystem = systems.data && !sid;
  return (
    <>
      <PageHeader
        title={t('ind.evaluation.title')}
        intro={t('ind.evaluation.intro')}
        extra={
          sid && per ? (
            <Button icon={<DownloadOutlined aria-hidden />} href={indicatorsApi.bulletinUrl(sid, per)} download>
              {t('ind.evaluation.bulletin')}
            </Button>
          ) : undefined
        }
      />
      <LoadError error={systems.error ?? trend.error ?? ev.error} onRetry={() => void Promise.all([systems.reload(), trend.reload(), ev.reload()])} />
      {noSystem && <Empty description={t('ind.evaluation.noSystem')} />}
      {sid && (
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('ind.common.system')}
            style={{ minWidth: mobile ? '100%' : 360 }}
            value={sid}
            onChange={(v) => { setSystemId(v); setPeriod(undefined); setRegionId(undefined); }}
            options={(systems.data?.items ?? []).filter((s) => s.policies.evaluate).map((s) => ({ value: s.id, label: `${s.name} · ${t('ind.common.version', { v: s.version })}` }))}
          />
          <Select aria-label={t('ind.common.period')} style={{ width: 120 }} value={per} onChange={setPeriod} options={(trend.data?.periods ?? []).map((p) => ({ value: p, label: p }))} />
        </Flex>
      )}
      {ev.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('ind.evaluation.overTime')}>
              {overTime && (
                <ClickableChart
                  option={overTime}
                  ariaLabel={t('ind.evaluation.chartOverTime')}
                  onClick={(e) => {
                    const s = trend.data!.series.find((x) => x.region.name === e.seriesName);
                    if (s && sid) setExplain({ node: sid, region: s.region.id, period: trend.data!.periods[e.dataIndex] });
                  }}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('ind.evaluation.heatmap')}>
              {heat && (
                <ClickableChart
                  option={heat}
                  height={mobile ? 360 : 300}
                  ariaLabel={t('ind.evaluation.chartHeat')}
                  onClick={(e) => {
                    const [x, y] = e.data as [number, number];
                    openScore(firstLevel[x].key, items[y].region.id);
                  }}
                />
              )}
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('ind.evaluation.ranking')}>
              <Table<EvaluationItem> size="small" rowKey={(r) => r.region.id} dataSource={items} columns={columns} pagination={false} scroll={{ x: 'max-content' }} aria-label={t('ind.evaluation.ranking')} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              title={t('ind.evaluation.radar')}
              extra={<Select aria-label={t('ind.evaluation.radarRegion')} size="small" style={{ minWidth: 140 }} value={region} onChange={setRegionId} options={items.map((i) => ({ value: i.region.id, label: i.region.name }))} />}
            >
              {radar && <ClickableChart option={radar} height={mobile ? 300 : 340} ariaLabel={t('ind.evaluation.chartRadar')} />}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={`${t('ind.evaluation.gaps')} · ${selected?.region.name ?? ''}`}>
              {gapChart ? (
                <ClickableChart
                  option={gapChart}
                  height={mobile ? 300 : 340}
                  ariaLabel={t('ind.evaluation.chartGaps')}
                  onClick={(e) => {
                    const g = [...gaps].reverse()[e.dataIndex];
                    if (g?.nodeId && region && per) setExplain({ node: g.nodeId, region, period: per });
                  }}
                />
              ) : (
                <Empty description={t('ind.common.none')} />
              )}
            </Card>
          </Col>
          <Col xs={24}>
            <Card
              title={t('ind.evaluation.trend')}
              extra={
                <Select
                  aria-label={t('ind.evaluation.trendNode')}
                  size="small"
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ minWidth: mobile ? 160 : 260 }}
                  value={trendKey}
                  onChange={setTrendKey}
                  options={ev.data.nodes.filter((n) => n.isLeaf).map((n) => ({ value: n.key, label: `${n.key} ${n.name}` }))}
                />
              }
            >
              {trendChart ? <ClickableChart option={trendChart} ariaLabel={t('ind.evaluation.chartTrend')} /> : <Empty description={t('ind.common.none')} />}
            </Card>
          </Col>
          {system.data && per && (
            <Col xs={24}>
              <AlertsPanel system={system.data} period={per} />
            </Col>
          )}
          <Col xs={24}>
            <WhatIfPanel evaluation={ev.data} systemId={sid!} />
          </Col>
        </Row>
      )}
      <ExplainDrawer target={explain} onNavigate={setExplain} onClose={() => setExplain(null)} />
    </>
  );
}

