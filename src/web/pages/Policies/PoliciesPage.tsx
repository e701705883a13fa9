import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { policiesApi, type Policy } from '../../api/policies.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/session.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { PolicyStatusTag, policyState } from './components.tsx';

interface NewPolicy {
  title: string;
  issuer: string;
  docNumber?: string;
  period: [Dayjs, Dayjs | null];
  contact?: string;
  themes?: string[];
  legalText?: string;
}

/** 政策目录: the policies of the caller's region with their items, a search and 新建政策 for the office. */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useRequest(() => policiesApi.list(q.trim() || undefined), [q]);
  const canCreate = me.role === 'office' || me.role === 'admin';

  const columns: TableColumnsType<Policy> = [
    {
      title: t('pol.field.title'),
      key: 'title',
      render: (_, p) => (
        <div style={{ minWidth: 220 }}>
          <Link to={`/policies/${p.id}`}>{p.title}</Link>
          {p.isExample && <Typography.Text type="secondary"> {t('pol.example')}</Typography.Text>}
        </div>
      ),
    },
    { title: t('pol.field.issuer'), dataIndex: 'issuer', key: 'issuer', width: 180 },
    { title: t('pol.field.docNumber'), key: 'doc', render: (_, p) => p.docNumber ?? '—', width: 190 },
    { title: t('pol.field.validity'), key: 'validity', render: (_, p) => `${p.effectiveFrom} ~ ${p.effectiveTo ?? t('pol.openEnded')}`, width: 210 },
    { title: t('pol.field.items'), key: 'items', render: (_, p) => t('pol.list.itemCount', { n: p.items.length, published: p.items.filter((i) => i.status === 'published').length }), width: 130 },
    { title: t('pol.field.status'), key: 'status', render: (_, p) => <PolicyStatusTag state={policyState(p)} />, width: 100 },
  ];

  return (
    <>
      <PageHeader
        title={t('pol.list.title')}
        intro={t('pol.list.intro')}
        extra={canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('pol.list.create')}</Button>}
      />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('pol.list.search')} aria-label={t('pol.list.search')} style={{ width: 300, maxWidth: '100%' }} onSearch={setQ} />
        </Flex>
        <Table<Policy>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('pol.list.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {creating && (
        <FormModal<NewPolicy>
          title={t('pol.list.create')}
          initialValues={{ period: [dayjs().startOf('year'), null] }}
          okText={t('common.create')}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const created = await policiesApi.create({
              title: v.title.trim(),
              issuer: v.issuer.trim(),
              docNumber: v.docNumber?.trim() || null,
              effectiveFrom: v.period[0].format('YYYY-MM-DD'),
              effectiveTo: v.period[1] ? v.period[1].format('YYYY-MM-DD') : null,
              contact: v.contact?.trim() || null,
              themes: v.themes ?? [],
              legalText: v.legalText ?? '',
            });
            navigate(`/policies/${created.id}`);
          }}
        >
          <PolicyFields />
        </FormModal>
      )}
    </>
  );
}

/** The fields of a policy, shared by 新建政策 and 编辑政策. */
export function PolicyFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="title" label={t('pol.field.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pol.field.title') }) }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="issuer" label={t('pol.field.issuer')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pol.field.issuer') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="docNumber" label={t('pol.field.docNumber')}>
        <Input maxLength={100} placeholder={t('pol.field.docNumberHint')} />
      </Form.Item>
      <Form.Item name="period" label={t('pol.field.validity')} rules={[{ required: true, validator: (_, v?: [Dayjs | null, Dayjs | null]) => (v?.[0] ? Promise.resolve() : Promise.reject(new Error(t('common.requiredSelect', { field: t('pol.field.effectiveFrom') })))) }]}>
        <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} placeholder={[t('pol.field.effectiveFrom'), t('pol.field.effectiveTo')]} />
      </Form.Item>
      <Form.Item name="contact" label={t('pol.field.contact')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="themes" label={t('pol.field.themes')}>
        <Select mode="tags" tokenSeparators={[',', '，']} options={THEMES.map((v) => ({ value: v, label: v }))} />
      </Form.Item>
      <Form.Item name="legalText" label={t('pol.field.legalText')}>
        <Input.TextArea rows={4} maxLength={100_000} />
      </Form.Item>
    </>
  );
}

/** Themes enterprises subscribe to (the server accepts any; these are the common ones). */
export const THEMES = ['科技创新', '稳岗就业', '融资支持', '人才引进', '数字化转型', '绿色低碳', '外贸外资', '综合'];
