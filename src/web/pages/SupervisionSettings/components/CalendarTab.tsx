import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, Popconfirm, Radio, Select, Table, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { calendarApi, type CalendarOverride, type OverrideKind } from '../../../api/supervision.ts';
import type { Region } from '../../../api/types.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { buildRegionTree, regionOptions } from '../../../components/region-tree.ts';
import { useErrorMessage } from '../../../hooks/error-message.ts';
import { can } from '../../../hooks/policies.ts';
import { useIsMobile } from '../../../hooks/use-breakpoint.ts';
import { useRequest } from '../../../hooks/use-request.ts';

interface OverrideFormValues {
  date: Dayjs;
  kind: OverrideKind;
  name?: string;
  regionId: string;
}

/** 工作日历: the local holidays and make-up working days added on top of the national calendar. */
export function CalendarTab({ regions, homeRegionId }: { regions: Region[]; homeRegionId: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const [year, setYear] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const list = useRequest(() => calendarApi.list({ year }), [year]);
  const tree = useMemo(() => regionOptions(buildRegionTree(regions)), [regions]);
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

  const handleDelete = async (o: CalendarOverride) => {
    try {
      await calendarApi.remove(o.id);
      void message.success(t('sup.settings.calendar.deleted'));
      await list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const handleSubmit = async (v: OverrideFormValues) => {
    await calendarApi.create({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name?.trim() || undefined, regionId: v.regionId });
    void message.success(t('sup.settings.calendar.added'));
    await list.reload();
  };

  const columns: TableColumnsType<CalendarOverride> = [
    {
      title: t('sup.settings.calendar.date'),
      dataIndex: 'date',
      key: 'date',
      render: (d: string) => `${d}（${dayjs(d).format('ddd')}）`,
    },
    {
      title: t('sup.settings.calendar.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: OverrideKind) => <StatusTag status={k === 'holiday' ? 'success' : 'warning'}>{t(`sup.settings.calendar.kinds.${k}`)}</StatusTag>,
    },
    { title: t('sup.settings.calendar.name'), dataIndex: 'name', key: 'name', render: (n: string | null) => n ?? t('common.none') },
    { title: t('sup.settings.calendar.region'), key: 'region', render: (_, o) => o.region.name },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) =>
        can(o.policies, 'delete') && (
          <Popconfirm
            title={t('sup.settings.calendar.deleteConfirm', { date: o.date })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => handleDelete(o)}
          >
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('sup.settings.calendar.deleteLabel', { date: o.date })}>
              {!mobile && t('common.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sup.settings.calendar.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <Select<number>
          aria-label={t('sup.settings.calendar.year')}
          placeholder={t('sup.settings.calendar.allYears')}
          allowClear
          value={year}
          onChange={setYear}
          style={{ width: mobile ? '100%' : 160 }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {/* The list has no collection policies: the page is in the menu only for those who manage calendars, and the server decides. */}
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          {t('sup.settings.calendar.add')}
        </Button>
      </Flex>
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Table<CalendarOverride>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        size={mobile ? 'small' : 'middle'}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: <Empty description={t('sup.settings.calendar.empty')} /> }}
      />
      {adding && (
        <FormModal<OverrideFormValues>
          title={t('sup.settings.calendar.addTitle')}
          okText={t('common.save')}
          initialValues={{ kind: 'holiday', regionId: homeRegionId }}
          onSubmit={handleSubmit}
          onClose={() => setAdding(false)}
        >
          <Form.Item label={t('sup.settings.calendar.date')} name="date" rules={[{ required: true, message: t('sup.settings.calendar.dateRequired') }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} />
          </Form.Item>
          <Form.Item label={t('sup.settings.calendar.kind')} name="kind" rules={[{ required: true, message: t('sup.settings.calendar.kindRequired') }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'holiday', label: t('sup.settings.calendar.kinds.holiday') },
                { value: 'workday', label: t('sup.settings.calendar.kinds.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('sup.settings.calendar.name')} name="name">
            <Input maxLength={50} placeholder={t('sup.settings.calendar.namePlaceholder')} />
          </Form.Item>
          <Form.Item label={t('sup.settings.calendar.region')} name="regionId" rules={[{ required: true, message: t('sup.settings.calendar.regionRequired') }]}>
            <TreeSelect treeDefaultExpandAll treeData={tree} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
