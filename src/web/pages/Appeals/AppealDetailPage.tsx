import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { appealsApi, type AppealClock } from '../../api/appeals.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { AppealActions, AppealStatusTag, AppealTimeline } from './components.tsx';

/** One appeal: facts, clocks with their reasons, 督办单, the timeline and the actions the policies allow. */
export default function AppealDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  // The server words the reason in Chinese; other languages build it from the limit it sends alongside.
  const clockReason = (c: AppealClock) =>
    i18n.language === 'zh-CN' || typeof c.limitDays !== 'number'
      ? c.reason
      : [
          t(`ux.clockReason.${c.kind}`, { n: c.limitDays }),
          c.extensionDays ? t('ux.clockReason.extended', { n: c.extensionDays }) : null,
          c.pausedDays ? t('ux.clockReason.paused', { n: c.pausedDays }) : null,
        ]
          .filter(Boolean)
          .join('; ');
  const detail = useRequest(() => appealsApi.get(id), [id]);
  const a = detail.data;
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!a) return <Card loading />;
  return (
    <>
      <PageHeader title={`${a.number} ${a.title}`} extra={<AppealStatusTag status={a.status} />} />
      {a.duplicateOf && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('apl.detail.duplicateOf', { n: a.duplicateOf.slice(0, 8) })} />}
      {a.exclusion && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${t('apl.detail.excluded')}：${t(`apl.exclusion.${a.exclusion}`)}`} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={a.category.name} extra={<AppealActions appeal={a} onDone={detail.reload} />}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('apl.field.enterprise')}>{a.enterprise.name}</Descriptions.Item>
              <Descriptions.Item label={t('apl.field.contact')}>{a.enterprise.contactHidden ? t('apl.field.hidden') : [a.enterprise.contactName, a.enterprise.contactPhone].filter(Boolean).join(' ')}</Descriptions.Item>
              <Descriptions.Item label={t('apl.field.unit')}>{a.unit?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('apl.field.received')}>{dayjs(a.receivedAt).format('YYYY-MM-DD HH:mm')} · {t(`apl.channel.${a.channel}`)}</Descriptions.Item>
              {a.location && <Descriptions.Item label={t('apl.field.location')}>{a.location}</Descriptions.Item>}
              {a.reply && <Descriptions.Item label={t('apl.field.reply')} span={2}>{a.reply}</Descriptions.Item>}
              {a.rating !== null && <Descriptions.Item label={t('apl.field.rating')}>{`${a.rating}★ ${t(`apl.rating.${a.rating}`)}`}</Descriptions.Item>}
              {a.rectifyDue && a.status === 'rectifying' && <Descriptions.Item label={t('apl.status.rectifying')}>{t('apl.detail.rectifyDue', { date: a.rectifyDue })}</Descriptions.Item>}
              {a.reopenCount > 0 && <Descriptions.Item label={t('apl.action.reopen')}>{t('apl.detail.reopened', { n: a.reopenCount })}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('apl.detail.clocks')} style={{ marginTop: 16 }}>
            <Table size="small" rowKey="kind" pagination={false} dataSource={a.clocks} columns={[
              { title: t('apl.field.clocks'), key: 'k', render: (_, c) => t(`apl.clock.${c.kind}`) },
              { title: t('apl.field.status'), key: 's', render: (_, c) => <Tag color={c.state === 'overdue' || c.state === 'missed' ? 'red' : c.state === 'met' ? 'green' : 'blue'}>{t(`apl.clock.state.${c.state}`)}</Tag> },
              { title: t('apl.field.dueDate'), dataIndex: 'dueOn', key: 'd' },
              { title: t('apl.field.note'), key: 'r', render: (_, c) => clockReason(c) },
            ]} />
          </Card>
          {a.escalations.length > 0 && (
            <Card title={t('apl.detail.escalations')} style={{ marginTop: 16 }}>
              <Space direction="vertical">{a.escalations.map((e) => <Typography.Text key={e.id}>{e.number} · {t(`apl.clock.${e.kind}`)} · {e.due_on}</Typography.Text>)}</Space>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('apl.detail.timeline')}><AppealTimeline events={a.timeline} /></Card>
        </Col>
      </Row>
    </>
  );
}
