import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { appealsApi } from '../../../api/appeals.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useRequest } from '../../../hooks/use-request.ts';
import { AppealActions, AppealStatusTag, AppealTimeline } from '../../../pages/Appeals/components.tsx';
import { portalHref } from '../../portal-routes.tsx';

/** Following one appeal on the phone: step, who has it, when it is due, the reply; rate it, reopen once. */
export default function PortalAppealDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useRequest(() => appealsApi.get(id), [id]);
  const a = detail.data;
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!a) return <Card loading />;
  const resolve = a.clocks.find((c) => c.kind === 'resolve');
  return (
    <>
      <Link to={portalHref('appeals')}>{t('apl.portal.back')}</Link>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{a.title}</h2>
      <Card className="portal-card">
        <Descriptions column={1} size="middle">
          <Descriptions.Item label={t('apl.field.number')}>{a.number}</Descriptions.Item>
          <Descriptions.Item label={t('apl.portal.step')}><AppealStatusTag status={a.status} /></Descriptions.Item>
          <Descriptions.Item label={t('apl.portal.who')}>{a.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('apl.portal.due')}>{resolve?.dueOn ?? '—'}</Descriptions.Item>
          {a.reply && <Descriptions.Item label={t('apl.portal.reply')}>{a.reply}</Descriptions.Item>}
          {a.rating !== null && <Descriptions.Item label={t('apl.portal.rated')}>{`${a.rating}★ ${t(`apl.rating.${a.rating}`)}`}</Descriptions.Item>}
        </Descriptions>
        {a.policies.reopen && <Typography.Paragraph type="secondary">{t('apl.portal.reopenOnce')}</Typography.Paragraph>}
        <AppealActions appeal={a} onDone={detail.reload} size="large" />
      </Card>
      <Card className="portal-card" title={t('apl.detail.timeline')} style={{ marginTop: 12 }}><AppealTimeline events={a.timeline} /></Card>
    </>
  );
}
