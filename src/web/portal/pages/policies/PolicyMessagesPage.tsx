import { App, Button, Card, Checkbox, Empty, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { portalPoliciesApi } from '../../../api/policies-portal.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useErrorMessage } from '../../../hooks/error-message.ts';
import { useRequest } from '../../../hooks/use-request.ts';
import { portalHref } from '../../portal-routes.tsx';

/** 精准推送: the policies pushed to this enterprise, and the themes it subscribes to. */
export default function PolicyMessagesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const inbox = useRequest(() => portalPoliciesApi.messages(), []);
  const themes = useRequest(() => portalPoliciesApi.themes(), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (inbox.data) setChosen(inbox.data.themes);
  }, [inbox.data]);
  if (inbox.error) return <LoadError error={inbox.error} onRetry={() => void inbox.reload()} />;
  const handleSave = async () => {
    setSaving(true);
    try {
      await portalPoliciesApi.subscribe(chosen);
      void message.success(t('polp.messages.saved'));
      await inbox.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const options = [...new Set([...(themes.data ?? []), ...chosen])];
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('polp.messages.title')}</h2>
      <Card className="portal-card" loading={inbox.loading && !inbox.data}>
        {inbox.data && inbox.data.items.length === 0 ? (
          <Empty description={t('polp.messages.empty')} />
        ) : (
          <List
            dataSource={inbox.data?.items ?? []}
            renderItem={(m) => (
              <List.Item>
                <List.Item.Meta
                  title={<span style={{ fontSize: 16 }}>{!m.readAt && <Tag color="blue">{t('ent.portal.unread')}</Tag>}{m.title}</span>}
                  description={
                    <>
                      <div style={{ color: '#4e5969' }}>{m.body}</div>
                      <div style={{ color: '#4e5969', fontSize: 13 }}>{dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {inbox.data && inbox.data.items.length > 0 && <Link to={portalHref('policies')}>{t('polp.messages.open')}</Link>}
      </Card>
      <Card className="portal-card">
        <h3 className="polp-section" style={{ marginLeft: 0, marginTop: 0 }}>{t('polp.messages.subscriptions')}</h3>
        <Typography.Paragraph type="secondary">{t('polp.messages.subscriptionsHint')}</Typography.Paragraph>
        <Checkbox.Group aria-label={t('polp.messages.subscriptions')} value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 12, marginBottom: 12 }}>
          {options.map((th) => <Checkbox key={th} value={th} style={{ minHeight: 32 }}>{th}</Checkbox>)}
        </Checkbox.Group>
        {chosen.length === 0 && <Typography.Paragraph type="secondary">{t('polp.messages.all')}</Typography.Paragraph>}
        <Button type="primary" size="large" block loading={saving} onClick={() => void handleSave()}>{t('polp.messages.save')}</Button>
      </Card>
    </>
  );
}
