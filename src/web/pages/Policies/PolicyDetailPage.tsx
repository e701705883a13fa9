import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { policiesApi, type ItemInput, type PolicyItem } from '../../api/policies.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { ItemStatusTag, ModeTag, PolicyStatusTag, policyState } from './components.tsx';
import { PolicyFields, THEMES } from './PoliciesPage.tsx';
import { BenefitText } from './RuleEditor.tsx';

interface PolicyForm {
  title: string;
  issuer: string;
  docNumber?: string;
  period: [Dayjs, Dayjs | null];
  contact?: string;
  themes?: string[];
  legalText?: string;
}

/** One policy: its fields (editable by the office) and its items (兑现事项) with their mode and rule version in force. */
export default function PolicyDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const detail = useRequest(() => policiesApi.get(id), [id]);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const p = detail.data;
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!p) return <Card loading />;

  const columns: TableColumnsType<PolicyItem> = [
    { title: t('pol.item.title'), key: 'title', render: (_, i) => <div style={{ minWidth: 180 }}><Link to={`/policies/${p.id}/items/${i.id}`}>{i.title}</Link></div> },
    { title: t('pol.item.mode'), key: 'mode', width: 110, render: (_, i) => <ModeTag mode={i.mode} /> },
    { title: t('pol.item.theme'), dataIndex: 'theme', key: 'theme', width: 110 },
    { title: t('pol.item.benefit'), key: 'benefit', render: (_, i) => (i.versionInForce ? <BenefitText benefit={i.versionInForce.benefit} /> : '—'), width: 220 },
    { title: t('pol.item.version'), key: 'version', width: 120, render: (_, i) => (i.versionInForce ? `v${i.versionInForce.version}` : <Typography.Text type="secondary">{t('pol.item.noVersion')}</Typography.Text>) },
    { title: t('pol.field.status'), key: 'status', width: 90, render: (_, i) => <ItemStatusTag status={i.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={p.title}
        intro={p.isExample ? t('pol.exampleNote') : undefined}
        extra={
          <Space wrap>
            <PolicyStatusTag state={policyState(p)} />
            {p.policies.update && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('pol.detail.edit')}</Button>}
          </Space>
        }
      />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('pol.field.issuer')}>{p.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.docNumber')}>{p.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.validity')}>{`${p.effectiveFrom} ~ ${p.effectiveTo ?? t('pol.openEnded')}`}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.region')}>{p.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.contact')}>{p.contact ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('pol.field.themes')}>{p.themes.length ? p.themes.map((x) => <Tag key={x}>{x}</Tag>) : '—'}</Descriptions.Item>
        </Descriptions>
        {p.legalText && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ marginTop: 12, whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {p.legalText}
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        title={t('pol.detail.items')}
        style={{ marginTop: 16 }}
        extra={p.policies.update && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('pol.detail.addItem')}</Button>}
      >
        <Table<PolicyItem> rowKey="id" size="middle" columns={columns} dataSource={p.items} pagination={false} scroll={{ x: 860 }} locale={{ emptyText: t('pol.detail.noItems') }} />
      </Card>
      {editing && (
        <FormModal<PolicyForm>
          title={t('pol.detail.edit')}
          initialValues={{ title: p.title, issuer: p.issuer, docNumber: p.docNumber ?? undefined, period: [dayjs(p.effectiveFrom), p.effectiveTo ? dayjs(p.effectiveTo) : null], contact: p.contact ?? undefined, themes: p.themes, legalText: p.legalText }}
          onClose={() => setEditing(false)}
          onSubmit={async (v) => {
            await policiesApi.update(p.id, {
              version: p.version,
              title: v.title.trim(),
              issuer: v.issuer.trim(),
              docNumber: v.docNumber?.trim() || null,
              effectiveFrom: v.period[0].format('YYYY-MM-DD'),
              effectiveTo: v.period[1] ? v.period[1].format('YYYY-MM-DD') : null,
              contact: v.contact?.trim() || null,
              themes: v.themes ?? [],
              legalText: v.legalText ?? '',
            });
            message.success(t('common.saved'));
            await detail.reload();
          }}
        >
          <PolicyFields />
        </FormModal>
      )}
      {adding && (
        <FormModal<ItemInput>
          title={t('pol.detail.addItem')}
          initialValues={{ mode: 'auto', theme: p.themes[0] ?? '综合' }}
          okText={t('common.create')}
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            await policiesApi.update(p.id, { version: p.version, addItems: [{ title: v.title.trim(), mode: v.mode, theme: v.theme || undefined, conditionsText: v.conditionsText ?? '' }] });
            message.success(t('common.saved'));
            await detail.reload();
          }}
        >
          <Form.Item name="title" label={t('pol.item.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('pol.item.title') }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="mode" label={t('pol.item.mode')} extra={t('pol.item.modeHint')}>
            <Select options={(['auto', 'fast', 'info'] as const).map((m) => ({ value: m, label: t(`pol.mode.${m}`) }))} />
          </Form.Item>
          <Form.Item name="theme" label={t('pol.item.theme')}>
            <Select showSearch options={THEMES.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="conditionsText" label={t('pol.item.conditionsText')}>
            <Input.TextArea rows={5} maxLength={20_000} placeholder={t('pol.rule.pastePlaceholder')} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
