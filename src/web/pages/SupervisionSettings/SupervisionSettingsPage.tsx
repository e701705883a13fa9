import { useMemo } from 'react';
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../../api/endpoints.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/session.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { CalendarTab } from './components/CalendarTab.tsx';
import { DefaultsTab } from './components/DefaultsTab.tsx';
import { WebhookTab } from './components/WebhookTab.tsx';

const TABS = ['calendar', 'webhooks', 'defaults'] as const;
type TabKey = (typeof TABS)[number];

/** 督办设置: local working-calendar changes, unit webhooks and the region's supervision defaults. */
export default function SupervisionSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const regions = useRequest(() => regionsApi.list(), []);
  const regionItems = useMemo(() => regions.data?.items ?? [], [regions.data]);
  // The caller's own region first; an administrator without one starts from the top of the tree.
  const homeRegionId = me.region?.id ?? regionItems.find((r) => !r.parentId)?.id;
  const tab: TabKey = TABS.find((k) => k === params.get('tab')) ?? 'calendar';

  const handleTabChange = (key: string) => setParams(key === 'calendar' ? {} : { tab: key }, { replace: true });

  return (
    <>
      <PageHeader title={t('sup.settings.title')} intro={t('sup.settings.intro')} />
      <LoadError error={regions.error} onRetry={() => void regions.reload()} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={handleTabChange}
          destroyOnHidden
          items={[
            { key: 'calendar', label: t('sup.settings.tabs.calendar'), children: <CalendarTab regions={regionItems} homeRegionId={homeRegionId} /> },
            { key: 'webhooks', label: t('sup.settings.tabs.webhooks'), children: <WebhookTab /> },
            { key: 'defaults', label: t('sup.settings.tabs.defaults'), children: <DefaultsTab regions={regionItems} homeRegionId={homeRegionId} /> },
          ]}
        />
      </Card>
    </>
  );
}
