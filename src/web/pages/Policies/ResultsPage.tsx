import { useMemo } from 'react';
import { Card, Col, Empty, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { policiesApi, yuan, type PolicyResults, type ResultGroup } from '../../api/policies.ts';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';

const wan = (n: number) => Math.round(n / 100) / 100;

/** 政策成效: amounts and counts by item, industry, size class and county; coverage; days from eligibility to money. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const results = useRequest(() => policiesApi.results(), []);
  const r = results.data;
  return (
    <>
      <PageHeader title={t('pol.results.title')} intro={t('pol.results.intro')} />
      <LoadError error={results.error} onRetry={() => void results.reload()} />
      {!r ? (
        <Card loading={results.loading} />
      ) : (
        <ResultsBody r={r} />
      )}
    </>
  );
}

function ResultsBody({ r }: { r: PolicyResults }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const sizeName = (k: string) => (['large', 'medium', 'small', 'micro'].includes(k) ? t(`pol.size.${k}`) : t('pol.results.unknown'));
  const industryName = (k: string) => (k === '未知' ? t('pol.results.unknown') : t('pol.results.section', { code: k }));
  const bar = (groups: ResultGroup[], name: (k: string) => string, horizontal: boolean): EChartsOption => {
    const labels = groups.map((g) => name(g.key));
    const cat = { type: 'category' as const, data: labels, axisLabel: { width: mobile ? 90 : 160, overflow: 'truncate' as const, interval: 0 } };
    const val = { type: 'value' as const };
    const decided = `${t('pol.results.decided')}（${t('pol.results.wan')}）`;
    const paid = `${t('pol.results.disbursed')}（${t('pol.results.wan')}）`;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} ${t('pol.results.wan')}` },
      legend: { bottom: 0, data: [decided, paid] },
      grid: { left: 8, right: 24, top: 28, bottom: 36, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? { ...cat, inverse: true } : val,
      series: [
        { name: decided, type: 'bar', data: groups.map((g) => wan(g.amount)), itemStyle: { color: '#0958d9' } },
        { name: paid, type: 'bar', data: groups.map((g) => wan(g.disbursed)), itemStyle: { color: '#237804' } },
      ],
    };
  };
  const pie = (groups: ResultGroup[], name: (k: string) => string): EChartsOption => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    color: ['#0958d9', '#237804', '#ad4e00', '#531dab', '#08979c', '#c41d7f', '#595959'],
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: groups.map((g) => ({ name: name(g.key), value: g.count })), label: { formatter: '{b}\n{c}' } }],
  });
  const options = useMemo(
    () => ({
      item: bar(r.byItem, (k) => k, true),
      industry: pie(r.byIndustry, industryName),
      size: pie(r.bySize, sizeName),
      county: bar(r.byCounty, (k) => k, true),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [r, t, mobile],
  );
  const empty = r.totals.count === 0;
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Statistic title={t('pol.results.count')} value={r.totals.count} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('pol.results.enterprises')} value={r.totals.enterprises} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('pol.results.amount')} value={yuan(r.totals.amount)} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('pol.results.disbursedAmount')} value={yuan(r.totals.disbursed)} /></Card></Col>
      </Row>
      <Card style={{ marginTop: 16 }} size="small">
        <Typography.Text>
          {r.daysToMoney.count > 0 ? t('pol.results.days', { n: r.daysToMoney.count, avg: r.daysToMoney.average, max: r.daysToMoney.max }) : t('pol.results.noDays')}
        </Typography.Text>
      </Card>
      {empty ? (
        <Card style={{ marginTop: 16 }}><Empty description={t('pol.results.empty')} /></Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Card title={t('pol.results.byItem')}><EChart option={options.item} height={Math.max(240, r.byItem.length * 48 + 80)} ariaLabel={t('pol.results.byItemAria', { rows: r.byItem.map((g) => `${g.key} ${yuan(g.amount)}`).join('；') })} /></Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('pol.results.byCounty')}><EChart option={options.county} height={Math.max(240, r.byCounty.length * 36 + 80)} ariaLabel={t('pol.results.byCountyAria', { rows: r.byCounty.map((g) => `${g.key} ${yuan(g.amount)}`).join('；') })} /></Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('pol.results.byIndustry')}><EChart option={options.industry} height={300} ariaLabel={t('pol.results.byIndustryAria', { rows: r.byIndustry.map((g) => `${industryName(g.key)} ${g.count}`).join('；') })} /></Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('pol.results.bySize')}><EChart option={options.size} height={300} ariaLabel={t('pol.results.bySizeAria', { rows: r.bySize.map((g) => `${sizeName(g.key)} ${g.count}`).join('；') })} /></Card>
          </Col>
        </Row>
      )}
      <Card title={t('pol.results.coverage')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('pol.results.coverageHint')}</Typography.Paragraph>
        <Table
          rowKey="itemId"
          size="small"
          pagination={false}
          dataSource={r.coverage}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('pol.results.noCoverage') }}
          columns={[
            { title: t('pol.grants.item'), dataIndex: 'itemTitle', key: 'item' },
            { title: t('pol.results.eligible'), dataIndex: 'eligible', key: 'eligible', width: 100, align: 'right' },
            { title: t('pol.results.granted'), dataIndex: 'granted', key: 'granted', width: 100, align: 'right' },
            { title: t('pol.results.coverageRate'), key: 'rate', width: 200, render: (_, c) => (c.coverage === null ? '—' : <Progress percent={c.coverage} size="small" aria-label={`${c.itemTitle} ${c.coverage}%`} />) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {([['byItem', r.byItem, (k: string) => k], ['byIndustry', r.byIndustry, industryName], ['bySize', r.bySize, sizeName], ['byCounty', r.byCounty, (k: string) => k]] as const).map(([key, groups, name]) => (
          <Col xs={24} lg={12} key={key}>
            <Card title={t('pol.results.tableOf', { what: t(`pol.results.${key}`) })} size="small">
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={groups}
                scroll={{ x: 420 }}
                columns={[
                  { title: t('pol.results.group'), key: 'k', render: (_, g: ResultGroup) => name(g.key) },
                  { title: t('pol.results.count'), dataIndex: 'count', key: 'c', width: 80, align: 'right' },
                  { title: t('pol.results.amount'), key: 'a', width: 130, align: 'right', render: (_, g: ResultGroup) => yuan(g.amount) },
                  { title: t('pol.results.disbursedAmount'), key: 'd', width: 130, align: 'right', render: (_, g: ResultGroup) => yuan(g.disbursed) },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
