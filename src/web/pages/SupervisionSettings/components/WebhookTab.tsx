import { useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Flex, Form, Input, Popconfirm, Switch, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { webhooksApi, type UnitWebhook, type WebhookDelivery } from '../../../api/supervision.ts';
import { FormError } from '../../../components/FormError.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { fieldIssues, useErrorMessage } from '../../../hooks/error-message.ts';
import { useMe } from '../../../hooks/session.tsx';
import { useIsMobile } from '../../../hooks/use-breakpoint.ts';
import { useRequest } from '../../../hooks/use-request.ts';

interface WebhookFormValues {
  url: string;
  secret?: string;
  clearSecret?: boolean;
  enabled: boolean;
}

const FORM_FIELDS = new Set(['url', 'secret', 'enabled']);
const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The server names the refused field in `details.field` (a private address) or in a VALIDATION list. */
function fieldOf(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const single = (err.details as { field?: unknown } | null | undefined)?.field;
  if (typeof single === 'string') return single.replace(/^body\./, '');
  return fieldIssues(err).find((i) => FORM_FIELDS.has(i.field))?.field;
}

function WebhookForm({ unitId, hook, onSaved }: { unitId: string; hook: UnitWebhook; onSaved(next: UnitWebhook): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<WebhookFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (run: () => Promise<UnitWebhook>, done: string) => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await run());
      void message.success(done);
    } catch (err) {
      const text = errorMessage(err);
      setError(text);
      const field = fieldOf(err);
      if (field && FORM_FIELDS.has(field)) form.setFields([{ name: field as keyof WebhookFormValues, errors: [text] }]);
    } finally {
      setSaving(false);
    }
  };

  const handleFinish = (v: WebhookFormValues) =>
    save(
      () => webhooksApi.put(unitId, { url: v.url.trim(), enabled: v.enabled, secret: v.clearSecret ? null : v.secret?.trim() || undefined }),
      t('sup.settings.webhook.saved'),
    );

  const handleRemove = () => save(() => webhooksApi.put(unitId, { url: null }), t('sup.settings.webhook.removed'));

  return (
    <Form<WebhookFormValues>
      form={form}
      layout="vertical"
      initialValues={{ url: hook.url ?? '', enabled: hook.url ? hook.enabled : true }}
      onFinish={handleFinish}
      disabled={saving}
      style={{ maxWidth: 640 }}
    >
      <FormError message={error} />
      {!hook.url && <Alert type="info" showIcon title={t('sup.settings.webhook.notConfigured')} style={{ marginBottom: 16 }} />}
      <Form.Item
        label={t('sup.settings.webhook.url')}
        name="url"
        extra={t('sup.settings.webhook.urlHelp')}
        rules={[
          { required: true, whitespace: true, message: t('sup.settings.webhook.urlRequired') },
          { pattern: /^https?:\/\/\S+$/, message: t('sup.settings.webhook.urlInvalid') },
        ]}
      >
        <Input inputMode="url" autoComplete="off" maxLength={2000} placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
      </Form.Item>
      <Form.Item
        label={t('sup.settings.webhook.secret')}
        name="secret"
        extra={t('sup.settings.webhook.secretHelp')}
        rules={[{ min: 8, max: 200, message: t('sup.settings.webhook.secretLength') }]}
      >
        <Input.Password autoComplete="new-password" maxLength={200} placeholder={hook.hasSecret ? t('sup.settings.webhook.secretKept') : undefined} />
      </Form.Item>
      {hook.hasSecret && (
        <Form.Item name="clearSecret" valuePropName="checked">
          <Checkbox>{t('sup.settings.webhook.clearSecret')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item label={t('sup.settings.webhook.enabled')} name="enabled" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('sup.settings.webhook.save')}
        </Button>
        {hook.url && (
          <Popconfirm title={t('sup.settings.webhook.removeConfirm')} okText={t('sup.settings.webhook.remove')} cancelText={t('common.cancel')} onConfirm={handleRemove}>
            <Button danger>{t('sup.settings.webhook.remove')}</Button>
          </Popconfirm>
        )}
      </Flex>
    </Form>
  );
}

/** 单位推送: one unit's webhook (DingTalk/WeCom robot or any JSON receiver) and its recent deliveries. */
export function WebhookTab() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const [unitId, setUnitId] = useState<string | null>(me.role === 'unit' ? me.unit?.id ?? null : null);
  const hook = useRequest(() => (unitId ? webhooksApi.get(unitId) : Promise.resolve(undefined)), [unitId]);
  // Answers for a unit the user has since left are ignored by useRequest; this guards the form's key.
  const current = hook.data && hook.data.unitId === unitId ? hook.data : undefined;
  const [saved, setSaved] = useState<UnitWebhook | undefined>();
  const shown = saved && saved.unitId === unitId ? saved : current;

  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('sup.settings.webhook.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: when },
    { title: t('sup.settings.webhook.event'), dataIndex: 'event', key: 'event' },
    {
      title: t('sup.settings.webhook.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: string) => (
        <StatusTag status={s === 'sent' ? 'success' : s === 'failed' ? 'error' : 'neutral'}>
          {t(`sup.settings.webhook.deliveryStatus.${s}`, { defaultValue: s })}
        </StatusTag>
      ),
    },
    { title: t('sup.settings.webhook.attempts'), dataIndex: 'attempts', key: 'attempts' },
    { title: t('sup.settings.webhook.sentAt'), dataIndex: 'sentAt', key: 'sentAt', render: when },
    {
      title: t('sup.settings.webhook.lastError'),
      key: 'lastError',
      render: (_, d) => [d.lastStatus ? `HTTP ${d.lastStatus}` : null, d.lastError].filter(Boolean).join(' · ') || '—',
    },
  ];

  const handleUnitChange = (id: string | null) => {
    setSaved(undefined);
    setUnitId(id);
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sup.settings.webhook.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div" style={{ maxWidth: 640 }}>
        <Form.Item label={t('sup.settings.webhook.unit')} htmlFor="webhook-unit">
          <UnitSelect id="webhook-unit" value={unitId} onChange={handleUnitChange} currentName={me.role === 'unit' ? me.unit?.name : undefined} placeholder={t('sup.settings.webhook.unitPlaceholder')} />
        </Form.Item>
      </Form>
      {!unitId && <Empty description={t('sup.settings.webhook.pickUnit')} />}
      {unitId && <LoadError error={hook.error} onRetry={() => void hook.reload()} />}
      {unitId && shown && (
        <>
          <WebhookForm key={`${unitId}:${shown.url ?? ''}:${shown.hasSecret}`} unitId={unitId} hook={shown} onSaved={setSaved} />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('sup.settings.webhook.deliveries')}
          </Typography.Title>
          <Table<WebhookDelivery>
            rowKey="id"
            columns={columns}
            dataSource={shown.recentDeliveries}
            size={mobile ? 'small' : 'middle'}
            scroll={{ x: 'max-content' }}
            pagination={false}
            locale={{ emptyText: <Empty description={t('sup.settings.webhook.noDeliveries')} /> }}
          />
        </>
      )}
    </>
  );
}
