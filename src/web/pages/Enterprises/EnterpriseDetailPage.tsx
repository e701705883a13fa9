import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Table, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { enterprisesApi } from '../../api/enterprises.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDocumentTitle } from '../../hooks/document-title.ts';
import { can } from '../../hooks/policies.ts';
import { useRequest } from '../../hooks/use-request.ts';

const money = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));

/** 一企一档: registered facts, figures with source, size class with its rule, tags, credit flags, contacts, timeline. */
export default function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [reveal, setReveal] = useState(false);
  const detail = useRequest(() => enterprisesApi.get(id, reveal), [id, reveal]);
  const timeline = useRequest(() => enterprisesApi.timeline(id), [id]);
  const e = detail.data;
  useDocumentTitle(e?.name ?? t('ent.nav.detail'));
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  return (
    <>
      <PageHeader
        title={e?.name ?? t('ent.nav.detail')}
        intro={e ? `${t('ent.field.creditCode')} ${e.creditCode}` : undefined}
        extra={
          e?.masked && can(e.policies, 'reveal') ? (
            <Button icon={<EyeOutlined />} onClick={() => setReveal(true)}>
              {t('ent.detail.reveal')}
            </Button>
          ) : null
        }
      />
      {e && !e.masked && can(e.policies, 'reveal') && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('ent.detail.revealed')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('ent.section.facts')} loading={!e}>
            {e && (
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('ent.field.creditCode')} span={2}>
                  <span style={{ fontFamily: 'monospace' }}>{e.creditCode}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('ent.field.region')}>{e.regionName}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.legalRep')}>{e.legalRepName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.legalRepPhone')}>{e.legalRepPhone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.legalRepIdNumber')} span={2}>
                  <span style={{ whiteSpace: 'nowrap' }}>{e.legalRepIdNumber ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('ent.field.registrationAuthority')}>{e.registrationAuthority ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.establishedOn')}>{e.establishedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.registeredCapital')}>{e.registeredCapital === null ? '—' : t('ent.unit.wanYuan', { value: money(e.registeredCapital) })}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.industry')} span={2}>
                  {e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ent.field.address')} span={2}>
                  {e.address ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ent.field.sizeClass')}>{e.sizeClass ? <Tag color="geekblue">{t(`ent.size.${e.sizeClass}`)}</Tag> : t('ent.size.unknown')}</Descriptions.Item>
                <Descriptions.Item label={t('ent.field.sizeRule')} span={2}>
                  <Typography.Text type="secondary">{e.sizeRule ?? '—'}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          <Card title={t('ent.section.figures')} style={{ marginTop: 16 }} loading={!e}>
            {e && (
              <Table
                rowKey="year"
                size="small"
                pagination={false}
                dataSource={e.figures}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('ent.empty.figures')} /> }}
                columns={[
                  { title: t('ent.field.year'), dataIndex: 'year' },
                  { title: t('ent.field.employees'), dataIndex: 'employees', render: (v: number | null) => v ?? '—' },
                  { title: `${t('ent.field.revenue')}（${t('ent.unit.wan')}）`, dataIndex: 'revenue', render: money },
                  { title: `${t('ent.field.assets')}（${t('ent.unit.wan')}）`, dataIndex: 'assets', render: money },
                  { title: t('ent.field.source'), dataIndex: 'source' },
                  { title: t('ent.field.asOf'), dataIndex: 'asOf' },
                ]}
              />
            )}
          </Card>
          <Card title={t('ent.section.tags')} style={{ marginTop: 16 }} loading={!e}>
            {e && e.tagsDetail.length + e.creditFlagsDetail.length === 0 && <Empty description={t('ent.empty.tags')} />}
            {e && e.tagsDetail.length + e.creditFlagsDetail.length > 0 && (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={[
                  ...e.creditFlagsDetail.map((f) => ({ id: f.id, kind: 'flag' as const, name: t(`ent.flag.${f.kind}`), from: f.since, to: f.until, source: f.source, current: f.current, note: f.note })),
                  ...e.tagsDetail.map((x) => ({ id: x.id, kind: 'tag' as const, name: x.tag, from: x.validFrom, to: x.validTo, source: x.source, current: x.current, note: null })),
                ]}
                columns={[
                  { title: t('ent.detail.item'), key: 'name', render: (_, r) => <Tag color={r.kind === 'flag' ? 'red' : 'blue'}>{r.name}</Tag> },
                  { title: t('ent.detail.validity'), key: 'validity', render: (_, r) => `${r.from ?? '—'} ~ ${r.to ?? t('ent.detail.openEnded')}` },
                  { title: t('ent.detail.state'), key: 'state', render: (_, r) => (r.current ? t('ent.detail.current') : t('ent.detail.expired')) },
                  { title: t('ent.field.source'), dataIndex: 'source' },
                  { title: t('ent.detail.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('ent.section.contacts')} loading={!e}>
            {e && e.contacts.length === 0 && <Empty description={t('ent.empty.contacts')} />}
            {e?.contacts.map((c) => (
              <div key={c.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <strong>{c.name}</strong> {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>} {c.isPrimary && <Tag>{t('ent.detail.primary')}</Tag>}
                <div>{c.phone ?? '—'}</div>
              </div>
            ))}
          </Card>
          <Card title={t('ent.section.timeline')} style={{ marginTop: 16 }} loading={timeline.loading && !timeline.data}>
            {timeline.data && timeline.data.items.length === 0 && <Empty description={t('ent.empty.timeline')} />}
            <Timeline
              items={(timeline.data?.items ?? []).map((ev) => ({
                children: (
                  <>
                    <div>{ev.title}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(ev.at).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
