import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Segmented, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { RANKING_COMPONENTS, supervisionApi, type RankedUnit, type RankingComponent } from '../../api/supervision.ts';
import type { ListResponse } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { can } from '../../hooks/policies.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

type WeightValues = Record<RankingComponent, number> & { minTasks: number };

/** 比晾晒: units (or counties) ranked by a weighted score; the office sets the weights. */
export default function RankingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [by, setBy] = useState<'unit' | 'region'>('unit');
  const [planId, setPlanId] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  const plans = useRequest(() => api.get<ListResponse<{ id: string; title: string | null }>>('/plans', { status: 'published', pageSize: 200 }), []);
  const ranking = useRequest(() => supervisionApi.rankings({ planId, by }), [planId, by]);
  const data = ranking.data;

  const columns: TableColumnsType<RankedUnit> = [
    {
      title: t('sup.rankings.rank'),
      key: 'rank',
      width: 80,
      render: (_, r) =>
        r.rank ?? (
          <Tag>{r.flagged === 'few-tasks' ? t('sup.rankings.fewTasks') : r.flagged === 'no-score' ? t('sup.rankings.noScore') : t('sup.rankings.notRanked')}</Tag>
        ),
    },
    { title: by === 'unit' ? t('sup.rankings.name') : t('sup.rankings.regionName'), dataIndex: 'unitName', key: 'name' },
    { title: t('sup.rankings.tasks'), dataIndex: 'tasks', key: 'tasks' },
    { title: t('sup.rankings.done'), dataIndex: 'done', key: 'done' },
    { title: t('sup.rankings.onTimeRate'), key: 'onTime', render: (_, r) => pct(r.components.onTime) },
    { title: t('sup.rankings.overdue'), dataIndex: 'overdue', key: 'overdue' },
    { title: t('sup.rankings.reporting'), key: 'reporting', render: (_, r) => pct(r.components.reporting) },
    { title: t('sup.rankings.kpi'), key: 'kpi', render: (_, r) => pct(r.components.kpi) },
    { title: t('sup.rankings.score'), key: 'score', fixed: 'right', render: (_, r) => (r.score === null ? '—' : r.score.toFixed(2)) },
  ];

  return (
    <>
      <PageHeader
        title={t('sup.rankings.title')}
        intro={t('sup.rankings.intro', { minTasks: data?.minTasks ?? 3 })}
        extra={
          <>
            {can(data?.policies, 'updateWeights') && <Button onClick={() => setEditing(true)}>{t('sup.rankings.weights')}</Button>}
            {planId && (
              <Button icon={<DownloadOutlined aria-hidden />} href={supervisionApi.bulletinUrl(planId)} download>
                {t('sup.actions.bulletin')}
              </Button>
            )}
          </>
        }
      />
      <LoadError error={ranking.error ?? plans.error} onRetry={() => void Promise.all([ranking.reload(), plans.reload()])} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<'unit' | 'region'>
            aria-label={t('sup.rankings.title')}
            value={by}
            onChange={setBy}
            options={[
              { value: 'unit', label: t('sup.rankings.byUnit') },
              { value: 'region', label: t('sup.rankings.byRegion') },
            ]}
          />
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('sup.tasks.filterPlan')}
            placeholder={t('sup.dashboard.allPlans')}
            allowClear
            style={{ width: mobile ? '100%' : 320 }}
            value={planId}
            onChange={setPlanId}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title ?? p.id }))}
          />
        </Flex>
        {data && (
          <Typography.Paragraph type="secondary">
            {t('sup.rankings.weights')}：{RANKING_COMPONENTS.map((c) => `${t(`sup.rankings.components.${c}`)} ${data.weights[c] ?? 0}`).join(' · ')}
          </Typography.Paragraph>
        )}
        <Table<RankedUnit>
          rowKey="unitId"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={ranking.loading}
          size={mobile ? 'small' : 'middle'}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('sup.dashboard.empty')} /> }}
        />
      </Card>
      {editing && data && (
        <FormModal<WeightValues>
          title={t('sup.rankings.weights')}
          initialValues={{ ...data.weights, minTasks: data.minTasks }}
          onSubmit={async (v) => {
            const weights = Object.fromEntries(RANKING_COMPONENTS.map((c) => [c, v[c] ?? 0])) as Record<RankingComponent, number>;
            await supervisionApi.saveWeights({ weights, minTasks: v.minTasks });
            void message.success(t('sup.rankings.weightsSaved'));
            await ranking.reload();
          }}
          onClose={() => setEditing(false)}
        >
          <Typography.Paragraph type="secondary">{t('sup.rankings.weightsIntro')}</Typography.Paragraph>
          {RANKING_COMPONENTS.map((c) => (
            <Form.Item key={c} label={t(`sup.rankings.components.${c}`)} name={c} rules={[{ required: true, type: 'number', min: 0, max: 1000 }]}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
          ))}
          <Form.Item label={t('sup.rankings.minTasks')} name="minTasks" rules={[{ required: true, type: 'number', min: 0, max: 100 }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
