import { Alert, Button, Descriptions, Drawer, List, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { indicatorsApi, type ChildTerm } from '../../api/indicators.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useRequest } from '../../hooks/use-request.ts';

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

export interface ExplainTarget {
  node: string;
  region: string;
  period: string;
}

/** The formula, inputs, frontier and weights behind one score; a child's score opens its own explanation. */
export function ExplainDrawer({ target, onNavigate, onClose }: { target: ExplainTarget | null; onNavigate(t: ExplainTarget): void; onClose(): void }) {
  const { t } = useTranslation();
  const e = useRequest(() => (target ? indicatorsApi.explain(target.node, target.region, target.period) : Promise.resolve(undefined)), [target?.node, target?.region, target?.period]);
  const d = e.data;
  const sum = d?.children?.reduce((s, c) => s + (c.contribution ?? 0), 0);
  return (
    <Drawer open={target !== null} onClose={onClose} title={d ? `${t('ind.explain.title')}：${d.regionName} · ${d.name}` : t('ind.explain.title')} size={560}>
      <LoadError error={e.error} onRetry={() => void e.reload()} />
      {d && (
        <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 'score', label: t('ind.common.score'), children: <strong data-testid="explain-score">{f2(d.score)}</strong> },
            ...(d.rank !== undefined && d.kind === 'node' && !d.missingChildren ? [] : []),
            { key: 'share', label: t('ind.explain.share'), children: d.shareOfComposite === null ? '—' : `${(d.shareOfComposite * 100).toFixed(2)}%` },
          ]} />
          <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>{t('ind.explain.formula')}</Typography.Title>
          <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap' }}>{d.formula}</Typography.Paragraph>
          {d.kind === 'leaf' && (
            <Descriptions column={1} size="small" bordered items={[
              { key: 'v', label: t('ind.common.value'), children: d.value ?? t('ind.common.missing') },
              ...(d.source
                ? [{
                    key: 'src',
                    label: t('ind.explain.source'),
                    children: (
                      <span data-testid="explain-source">
                        <Tag color={d.source.kind === 'computed' || d.source.kind === 'task_kpi' ? 'blue' : undefined}>{t(`ind.explain.sources.${d.source.kind}`)}</Tag>
                        {d.source.evidence}
                        {d.source.taskId && <> <Link to={`/supervision/tasks/${d.source.taskId}`}>{t('ind.explain.openTask')}</Link></>}
                      </span>
                    ),
                  }]
                : []),
              { key: 'dir', label: t('ind.explain.direction'), children: d.direction === 'lower' ? t('ind.explain.lower') : t('ind.explain.higher') },
              { key: 'b', label: t('ind.explain.best'), children: d.best ?? '—' },
              { key: 'w', label: t('ind.explain.worst'), children: d.worst ?? '—' },
              { key: 'm', label: t('ind.explain.frontier'), children: d.frontierMode === 'fixed' ? t('ind.explain.fixed') : t('ind.explain.sample') },
              { key: 't', label: t('ind.explain.transform'), children: d.transform === 'nonlinear' ? t('ind.explain.nonlinear', { e: d.exponent }) : t('ind.explain.linear') },
            ]} />
          )}
          {d.kind === 'node' && d.children && (
            <>
              {d.renormalised && <Alert type="info" showIcon title={t('ind.explain.renormalised', { n: d.missingChildren?.length ?? 0 })} style={{ marginBottom: 12 }} />}
              <Table<ChildTerm>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={d.children}
                columns={[
                  { title: t('ind.explain.children'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('ind.common.score'),
                    key: 'score',
                    render: (_, c) =>
                      c.score === null ? t('ind.common.missing') : c.nodeId ? <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onNavigate({ ...target!, node: c.nodeId! })}>{f2(c.score)}</Button> : f2(c.score),
                  },
                  { title: t('ind.explain.weight'), dataIndex: 'weight', key: 'w' },
                  { title: t('ind.explain.effectiveWeight'), key: 'ew', render: (_, c) => (c.effectiveWeight === null ? '—' : `${(c.effectiveWeight * 100).toFixed(2)}%`) },
                  { title: t('ind.explain.contribution'), key: 'c', render: (_, c) => f2(c.contribution) },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4}>{t('ind.explain.sum')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={4}><strong>{f2(sum)}</strong></Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </>
          )}
          {d.gaps && d.gaps.length > 0 && (
            <>
              <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>{t('ind.explain.gaps')}</Typography.Title>
              <List size="small" dataSource={d.gaps} renderItem={(g) => <List.Item>{g.name}：{f2(g.score)} → +{f2(g.compositeGain)}</List.Item>} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
