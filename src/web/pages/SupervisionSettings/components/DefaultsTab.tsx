import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Spin, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SETTINGS_CYCLES, settingsApi, type SupervisionSettings, type SupervisionSettingsInput } from '../../../api/supervision.ts';
import type { Region } from '../../../api/types.ts';
import { FormError } from '../../../components/FormError.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { buildRegionTree, regionOptions } from '../../../components/region-tree.ts';
import { fieldIssues, useErrorMessage } from '../../../hooks/error-message.ts';
import { can } from '../../../hooks/policies.ts';
import { useRequest } from '../../../hooks/use-request.ts';

type DefaultsValues = Omit<SupervisionSettingsInput, 'regionId'>;

// Bounds of PUT /supervision-settings, so the form refuses what the server would.
const NUMBER_FIELDS = [
  { name: 'nthWorkingDay', min: 1, max: 10 },
  { name: 'dueSoonDays', min: 0, max: 30 },
  { name: 'progressLagPct', min: 0, max: 100 },
  { name: 'remindBeforeDays', min: 0, max: 30 },
  { name: 'escalationResponseDays', min: 1, max: 30 },
] as const;

function DefaultsForm({ settings, onSaved }: { settings: SupervisionSettings; onSaved(next: SupervisionSettings): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<DefaultsValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = can(settings.policies, 'update');
  const { policies: _policies, regionId: _regionId, ...initial } = settings;

  const handleFinish = async (v: DefaultsValues) => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await settingsApi.put({ ...v, regionId: settings.regionId }));
      void message.success(t('sup.settings.defaults.saved'));
    } catch (err) {
      setError(errorMessage(err));
      form.setFields(fieldIssues(err).map((i) => ({ name: i.field as keyof DefaultsValues, errors: [i.message] })));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<DefaultsValues> form={form} layout="vertical" initialValues={initial} onFinish={handleFinish} disabled={!editable || saving} style={{ maxWidth: 480 }}>
      <FormError message={error} />
      {!editable && <Alert type="info" showIcon title={t('sup.settings.defaults.readOnly')} style={{ marginBottom: 16 }} />}
      <Form.Item label={t('sup.settings.defaults.cycle')} name="cycle" rules={[{ required: true }]}>
        <Select options={SETTINGS_CYCLES.map((c) => ({ value: c, label: t(`sup.cycle.${c}`) }))} />
      </Form.Item>
      {NUMBER_FIELDS.map((f) => (
        <Form.Item key={f.name} label={t(`sup.settings.defaults.${f.name}`)} name={f.name} rules={[{ required: true, type: 'number', min: f.min, max: f.max }]}>
          <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 160 }} />
        </Form.Item>
      ))}
      {editable && (
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

/** 默认参数: the reporting cycle, light thresholds and reminder/escalation days a region's new plans start from. */
export function DefaultsTab({ regions, homeRegionId }: { regions: Region[]; homeRegionId: string | undefined }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string | undefined>();
  const regionId = picked ?? homeRegionId;
  const tree = useMemo(() => regionOptions(buildRegionTree(regions)), [regions]);
  const settings = useRequest(() => (regionId ? settingsApi.get(regionId) : Promise.resolve(undefined)), [regionId]);
  const [saved, setSaved] = useState<SupervisionSettings | undefined>();
  const loaded = settings.data && settings.data.regionId === regionId ? settings.data : undefined;
  const shown = saved && saved.regionId === regionId ? saved : loaded;

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sup.settings.defaults.intro')}</Typography.Paragraph>
      <Form layout="vertical" component="div" style={{ maxWidth: 480 }}>
        <Form.Item label={t('sup.settings.defaults.region')} htmlFor="defaults-region">
          <TreeSelect id="defaults-region" treeDefaultExpandAll treeData={tree} value={regionId} onChange={(v: string) => setPicked(v)} />
        </Form.Item>
      </Form>
      <LoadError error={settings.error} onRetry={() => void settings.reload()} />
      {!shown && settings.loading && <Spin />}
      {shown && <DefaultsForm key={`${shown.regionId}:${JSON.stringify(shown)}`} settings={shown} onSaved={setSaved} />}
    </>
  );
}
