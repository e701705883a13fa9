import { Button, Card, Empty, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { appealsApi } from '../../../api/appeals.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useRequest } from '../../../hooks/use-request.ts';
import { AppealStatusTag } from '../../../pages/Appeals/components.tsx';
import { portalHref } from '../../portal-routes.tsx';

/** 我的诉求 (portal): the enterprise's own appeals, newest first, with the step each is at. */
export default function PortalAppealsPage() {
  const { t } = useTranslation();
  const list = useRequest(() => appealsApi.list({ pageSize: 50 }), []);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.reload()} />;
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('apl.portal.title')}</h2>
      <Link to={portalHref('appeals/new')}><Button type="primary" size="large" block icon={<PlusOutlined aria-hidden />} style={{ marginBottom: 12 }}>{t('apl.portal.new')}</Button></Link>
      <Card className="portal-card" loading={list.loading && !list.data}>
        {list.data && list.data.items.length === 0 ? <Empty description={t('apl.portal.empty')} /> : (
          <List
            dataSource={list.data?.items ?? []}
            renderItem={(a) => (
              <List.Item>
                <Link to={portalHref(`appeals/${a.id}`)} style={{ width: '100%' }}>
                  <Typography.Text strong style={{ display: 'block', fontSize: 16 }}>{a.title}</Typography.Text>
                  <AppealStatusTag status={a.status} />
                  <Typography.Text type="secondary">{a.number} · {dayjs(a.receivedAt).format('YYYY-MM-DD')}</Typography.Text>
                </Link>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
