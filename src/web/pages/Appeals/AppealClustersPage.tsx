import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, List, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { appealsApi, type AppealCluster } from '../../api/appeals.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useRequest } from '../../hooks/use-request.ts';

/** 热点聚类: clusters of similar appeals; the office turns one into a reform measure and a supervised task. */
export default function AppealClustersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const clusters = useRequest(() => appealsApi.clusters(), []);
  const [measuring, setMeasuring] = useState<AppealCluster | null>(null);
  return (
    <>
      <PageHeader title={t('apl.clusters.title')} intro={t('apl.clusters.intro')} />
      <LoadError error={clusters.error} onRetry={() => void clusters.reload()} />
      <Card loading={clusters.loading && !clusters.data}>
        {clusters.data && clusters.data.items.length === 0 ? <Empty description={t('apl.clusters.empty')} /> : (
          <List
            dataSource={clusters.data?.items ?? []}
            renderItem={(c) => (
              <List.Item actions={[c.taskId ? <Link key="task" to={`/supervision/tasks/${c.taskId}`}>{c.taskClosedAt ? t('apl.clusters.taskDone') : t('apl.clusters.measured')}</Link> : <Button key="m" type="primary" onClick={() => setMeasuring(c)}>{t('apl.action.measure')}</Button>]}>
                <List.Item.Meta
                  title={<Space wrap>{c.keywords.map((k) => <Tag key={k} color="blue">{k}</Tag>)}</Space>}
                  description={
                    <Flex vertical gap={4}>
                      <Typography.Text>{t('apl.clusters.size', { n: c.size })} · {t('apl.clusters.enterprises', { n: c.enterprises })} · {t('apl.clusters.units')}：{c.units.map((u) => u.name).join('、') || '—'}</Typography.Text>
                      <Typography.Text type="secondary">{c.trend.map((m) => `${m.month}: ${m.count}`).join(' · ')}</Typography.Text>
                      {c.seasonalMonths.length > 0 && <Space><Tag color="purple">{t('apl.clusters.seasonal', { months: c.seasonalMonths.join('、') })}</Tag>{c.seasonalSoon && <Tag color="red">{t('apl.clusters.soon')}</Tag>}</Space>}
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {measuring && (
        <FormModal<{ unitId: string; dueDate: Dayjs; title?: string }>
          title={t('apl.action.measure')}
          initialValues={{ unitId: measuring.units[0]?.id, dueDate: dayjs().add(60, 'day'), title: `企业诉求热点整改：${measuring.keywords.slice(0, 3).join('、')}` }}
          onSubmit={async (v) => {
            await appealsApi.measure(measuring.id, { unitId: v.unitId, dueDate: v.dueDate.format('YYYY-MM-DD'), title: v.title });
            message.success(t('apl.clusters.measured'));
            setMeasuring(null);
            await clusters.reload();
          }}
          onClose={() => setMeasuring(null)}
        >
          <Form.Item name="title" label={t('apl.field.title')}><Input /></Form.Item>
          <Form.Item name="unitId" label={t('apl.field.unit')} rules={[{ required: true }]}><UnitSelect currentName={measuring.units[0]?.name} /></Form.Item>
          <Form.Item name="dueDate" label={t('apl.field.dueDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
