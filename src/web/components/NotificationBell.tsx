import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Badge, Button, Drawer, Empty, Flex, Spin, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { notificationsApi, type AppNotification, type NotificationList } from '../api/supervision.ts';
import { useErrorMessage } from '../hooks/error-message.ts';
import { useIsMobile } from '../hooks/use-breakpoint.ts';
import { StatusTag } from './StatusTag.tsx';
import './notification-bell.css';

const POLL_MS = 60_000;
const RECENT = 20;
// The server has no bulk "read all"; a few calls at a time keep it from seeing a burst.
const READ_BATCH = 5;

const KINDS = new Set([
  'task_assigned',
  'task_signed',
  'report_submitted',
  'report_accepted',
  'report_returned',
  'request_created',
  'request_decided',
  'instruction',
  'reminder',
  'escalation',
  'escalation_answered',
  'task_closed',
]);

function kindStatus(kind: string): 'success' | 'error' | 'warning' | 'neutral' {
  if (kind === 'escalation' || kind === 'report_returned') return 'error';
  if (kind === 'reminder' || kind === 'instruction') return 'warning';
  if (kind === 'report_accepted' || kind === 'task_closed') return 'success';
  return 'neutral';
}

/** The caller's notifications, refreshed every minute while the tab is visible. */
function useNotifications() {
  const [data, setData] = useState<NotificationList | undefined>();
  const [error, setError] = useState<unknown>();
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    try {
      const result = await notificationsApi.list({ pageSize: RECENT });
      if (call === latest.current) {
        setData(result);
        setError(undefined);
      }
    } catch (err) {
      if (call === latest.current) setError(err);
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    const handleVisibility = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', handleVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', handleVisibility);
    };
  }, [reload]);

  /** Shows the item read at once; the server's answer (or the next poll) is final. */
  const markLocallyRead = useCallback((ids: ReadonlySet<string>) => {
    latest.current++;
    setData((d) => {
      if (!d) return d;
      const now = new Date().toISOString();
      const newlyRead = d.items.filter((n) => ids.has(n.id) && !n.readAt).length;
      return {
        ...d,
        unread: Math.max(0, d.unread - newlyRead),
        items: d.items.map((n) => (ids.has(n.id) && !n.readAt ? { ...n, readAt: now } : n)),
      };
    });
  }, []);

  return { data, error, reload, markLocallyRead };
}

function NotificationItem({ item, onRead, onOpen }: { item: AppNotification; onRead(item: AppNotification): void; onOpen(item: AppNotification): void }) {
  const { t } = useTranslation();
  const unread = !item.readAt;
  const kind = KINDS.has(item.kind) ? item.kind : 'other';
  const title = item.taskId ? (
    <Link to={`/supervision/tasks/${item.taskId}`} onClick={() => onOpen(item)}>
      {item.title}
    </Link>
  ) : (
    item.title
  );
  return (
    <li className={unread ? 'ys-notice ys-notice-unread' : 'ys-notice'}>
      <Flex gap={8} align="flex-start">
        <StatusTag status={kindStatus(item.kind)}>{t(`sup.notifications.kind.${kind}`)}</StatusTag>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong={unread} style={{ wordBreak: 'break-word' }}>
            {unread && <span className="ys-visually-hidden">{t('sup.notifications.unread')}：</span>}
            {title}
          </Typography.Text>
          {item.body && (
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', wordBreak: 'break-word' }}>
              {item.body}
            </Typography.Paragraph>
          )}
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={item.createdAt}>{dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}</time>
            </Typography.Text>
            {unread && (
              <Button
                size="small"
                type="link"
                icon={<CheckOutlined aria-hidden />}
                aria-label={t('sup.notifications.markReadItem', { title: item.title })}
                onClick={() => onRead(item)}
              >
                {t('sup.notifications.markRead')}
              </Button>
            )}
          </Flex>
        </div>
      </Flex>
    </li>
  );
}

/** Bell in the top bar: unread count, and a drawer with the latest notifications linking to their tasks. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);
  const { data, error, reload, markLocallyRead } = useNotifications();
  const unread = data?.unread ?? 0;

  const handleOpen = () => {
    setOpen(true);
    void reload();
  };

  const handleRead = async (item: AppNotification) => {
    markLocallyRead(new Set([item.id]));
    try {
      await notificationsApi.read(item.id);
    } catch (err) {
      void message.error(errorMessage(err));
      await reload();
    }
  };

  const handleOpenTask = (item: AppNotification) => {
    setOpen(false);
    if (!item.readAt) void handleRead(item);
  };

  const handleReadAll = async () => {
    setMarkingAll(true);
    try {
      const pending = await notificationsApi.list({ unread: true, pageSize: 200 });
      const ids = pending.items.map((n) => n.id);
      markLocallyRead(new Set(ids));
      for (let i = 0; i < ids.length; i += READ_BATCH) {
        await Promise.all(ids.slice(i, i + READ_BATCH).map((id) => notificationsApi.read(id)));
      }
      void message.success(t('sup.notifications.allRead'));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setMarkingAll(false);
      await reload();
    }
  };

  const items = data?.items ?? [];

  return (
    <>
      <Button
        type="text"
        className="ys-header-button"
        aria-label={unread > 0 ? t('sup.notifications.bellUnread', { count: unread }) : t('sup.notifications.bell')}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={handleOpen}
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]} style={{ backgroundColor: '#a8071a', boxShadow: 'none' }}>
            <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '85%' : 420}
        title={t('sup.notifications.title')}
        extra={
          <Button size="small" onClick={() => void handleReadAll()} disabled={unread === 0} loading={markingAll}>
            {t('sup.notifications.markAllRead')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('sup.notifications.unreadCount', { count: unread })}
        </Typography.Paragraph>
        {error !== undefined && <Alert type="error" showIcon title={t('sup.notifications.loadFailed')} description={errorMessage(error)} style={{ marginBottom: 12 }} />}
        {!data && error === undefined && <Spin />}
        {data && items.length === 0 && <Empty description={t('sup.notifications.empty')} />}
        {items.length > 0 && (
          <ul className="ys-notice-list" aria-label={t('sup.notifications.title')}>
            {items.map((n) => (
              <NotificationItem key={n.id} item={n} onRead={(x) => void handleRead(x)} onOpen={handleOpenTask} />
            ))}
          </ul>
        )}
        {data && data.total > items.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('sup.notifications.recent', { count: items.length })}
          </Typography.Paragraph>
        )}
      </Drawer>
    </>
  );
}
