import { Button, Card, Empty, List, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { notificationsApi } from '../../api/enterprises.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useRequest } from '../../hooks/use-request.ts';

/** 我的消息: the enterprise user's in-app notifications (appeal replies, policy pushes …), newest first. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const list = useRequest(() => notificationsApi.list(), []);
  const handleRead = async (id: string) => {
    await notificationsApi.read(id);
    await list.reload();
  };
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.reload()} />;
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('ent.portal.nav.messages')}</h2>
      <Card className="portal-card" loading={list.loading && !list.data}>
        {list.data && list.data.items.length === 0 ? (
          <Empty description={t('ent.portal.noMessages')} />
        ) : (
          <List
            dataSource={list.data?.items ?? []}
            renderItem={(n) => (
              <List.Item
                actions={n.readAt ? [] : [<Button key="read" size="large" onClick={() => void handleRead(n.id)}>{t('ent.portal.markRead')}</Button>]}
              >
                <List.Item.Meta
                  title={
                    <span style={{ fontSize: 16 }}>
                      {!n.readAt && <Tag color="blue">{t('ent.portal.unread')}</Tag>}
                      {n.title}
                    </span>
                  }
                  description={
                    <>
                      <div style={{ color: '#4e5969' }}>{n.body}</div>
                      <div style={{ color: '#4e5969', fontSize: 13 }}>{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
