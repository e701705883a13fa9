import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { indicatorsApi, type IndicatorAlert, type IndicatorSystemDetail } from '../../api/indicators.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useRequest } from '../../hooks/use-request.ts';

/** 监测预警: the alerts raised for a system; the office scans a period and turns an alert into a supervision task (转督办). */
export function AlertsPanel({ system, period }: { system: IndicatorSystemDetail; period: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const alerts = useRequest(() => indicatorsApi.alerts(system.id), [system.id]);
  const [tasking, setTasking] = useState<IndicatorAlert | null>(null);
  const [scanning, setScanning] = useState(false);
  const nodeOf = (key: string) => system.nodes.find((n) => n.key === key);
  const scan = async () => {
    setScanning(true);
    try {
      const r = await indicatorsApi.scanAlerts(system.id, period);
      message.success(t('ind.alerts.scanned', { n: r.raised.length }));
      await alerts.reload();
    } finally {
      setScanning(false);
    }
  };
  const unit = tasking ? nodeOf(tasking.nodeKey)?.responsibleUnit : null;
  return (
    <Card title={t('ind.alerts.title')} extra={system.policies.manage && <Button size="small" loading={scanning} onClick={() => void scan()}>{t('ind.alerts.scan', { period })}</Button>}>
      <LoadError error={alerts.error} onRetry={() => void alerts.reload()} />
      {alerts.data && alerts.data.items.length === 0 ? (
        <Empty description={t('ind.alerts.empty')} />
      ) : (
        <Table<IndicatorAlert>
          size="small"
          rowKey="id"
          loading={alerts.loading && !alerts.data}
          dataSource={alerts.data?.items ?? []}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          aria-label={t('ind.alerts.title')}
          columns={[
            { title: t('ind.common.period'), dataIndex: 'period', key: 'p', width: 80 },
            { title: t('ind.alerts.kind'), key: 'k', width: 110, render: (_, a) => <Tag color="orange">{t(`ind.alerts.kinds.${a.kind}`)}</Tag> },
            { title: t('ind.alerts.message'), dataIndex: 'message', key: 'm' },
            {
              title: t('ind.alerts.action'),
              key: 'a',
              width: 120,
              render: (_, a) =>
                a.taskId ? (
                  <Link to={`/supervision/tasks/${a.taskId}`}>{t('ind.alerts.tasked')}</Link>
                ) : a.policies.openTask ? (
                  <Button size="small" type="primary" onClick={() => setTasking(a)}>{t('ind.alerts.openTask')}</Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {tasking && (
        <FormModal<{ unitId: string; dueDate: Dayjs; title?: string }>
          title={t('ind.alerts.openTask')}
          initialValues={{ unitId: unit?.id, dueDate: dayjs().add(90, 'day'), title: t('ind.alerts.defaultTitle', { region: tasking.region.name, name: nodeOf(tasking.nodeKey)?.name ?? t('ind.common.composite') }) }}
          onSubmit={async (v) => {
            await indicatorsApi.alertTask(tasking.id, { unitId: v.unitId, dueDate: v.dueDate.format('YYYY-MM-DD'), title: v.title });
            message.success(t('ind.alerts.tasked'));
            setTasking(null);
            await alerts.reload();
          }}
          onClose={() => setTasking(null)}
        >
          <Form.Item name="title" label={t('ind.alerts.taskTitle')}><Input /></Form.Item>
          <Form.Item name="unitId" label={t('ind.alerts.unit')} rules={[{ required: true }]}><UnitSelect currentName={unit?.name} /></Form.Item>
          <Form.Item name="dueDate" label={t('ind.alerts.dueDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
