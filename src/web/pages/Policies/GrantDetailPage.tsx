import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Input, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { BankOutlined, RedoOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { policiesApi, yuan, type GrantDetail } from '../../api/policies.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { GrantStatusTag, Hash, TraceTable, TruthTag, traceLeaves } from './components.tsx';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/**
 * One grant decision: the outcome and amount, its trace (each condition, the value used, source and as-of date),
 * the rule version hash, the snapshot hash and the SM2 signature; a review request and the re-run decision side by side.
 */
export default function GrantDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { id = '' } = useParams();
  const detail = useRequest(() => policiesApi.grant(id), [id]);
  const g = detail.data;
  const otherId = g ? (g.reviewOf ?? g.related.find((r) => r.reviewOf === g.id)?.id ?? null) : null;
  const other = useRequest(() => (otherId ? policiesApi.grant(otherId) : Promise.resolve(undefined)), [otherId]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!g) return <Card loading />;

  const act = async (fn: () => Promise<GrantDetail>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      await detail.reload();
      await other.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // A review already re-run is done: the new decision sits beside this one.
  const rerunDone = g.related.some((r) => r.reviewOf === g.id);
  const canRerun = g.policies.rerun && !rerunDone;
  // The earlier decision on the left, the re-run on the right.
  const pair = other.data ? (g.reviewOf ? [other.data, g] : [g, other.data]) : [g];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/policies/grants">{t('pol.nav.grants')}</Link> }, { title: g.enterpriseName }]} />
      <PageHeader
        title={`${g.enterpriseName} · ${g.itemTitle}`}
        extra={
          <Space wrap>
            <GrantStatusTag status={g.status} />
            {g.policies.disburse && (
              <Popconfirm title={t('pol.grants.disburseConfirm', { name: g.enterpriseName, amount: yuan(g.amount) })} okText={t('pol.grants.disburse')} cancelText={t('common.cancel')} onConfirm={() => act(() => policiesApi.disburse(g.id), t('pol.grants.disbursed', { name: g.enterpriseName }))}>
                <Button type="primary" icon={<BankOutlined />} loading={busy}>{t('pol.grants.disburse')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      {g.reviewRequestedAt && (
        <Alert
          type={canRerun ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pol.grant.reviewRequested', { at: when(g.reviewRequestedAt) })}
          description={
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>{g.reviewReason ? `${t('pol.grant.reason')}：${g.reviewReason}` : t('pol.grant.noReason')}</Typography.Text>
              {rerunDone && <Typography.Text>{t('pol.grant.rerunAlready')}</Typography.Text>}
              {canRerun && (
                <Flex gap={8} wrap>
                  <Input aria-label={t('pol.grant.rerunNote')} placeholder={t('pol.grant.rerunNote')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ flex: '1 1 260px' }} maxLength={2000} />
                  <Button type="primary" icon={<RedoOutlined />} loading={busy} onClick={() => void act(() => policiesApi.rerun(g.id, reason.trim() || undefined), t('pol.grant.rerunDone'))}>{t('pol.grant.rerun')}</Button>
                </Flex>
              )}
              {canRerun && <Typography.Text type="secondary">{t('pol.grant.rerunHint')}</Typography.Text>}
            </Space>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        {pair.map((d) => (
          <Col key={d.id} xs={24} xl={pair.length > 1 ? 12 : 24}>
            <DecisionCard grant={d} current={d.id === g.id} label={pair.length > 1 ? t(d.reviewOf ? 'pol.grant.rerunDecision' : 'pol.grant.originalDecision') : t('pol.grant.decision')} sideBySide={pair.length > 1} />
          </Col>
        ))}
      </Row>
    </>
  );
}

function DecisionCard({ grant: d, current, label, sideBySide }: { grant: GrantDetail; current: boolean; label: string; sideBySide: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <span>{label}</span>
          {!current && <Link to={`/policies/grants/${d.id}`}>{t('pol.grant.open')}</Link>}
        </Flex>
      }
      extra={<GrantStatusTag status={d.status} />}
    >
      <Descriptions size="small" column={{ xs: 1, md: sideBySide ? 1 : 2, xxl: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('pol.grant.result')}><TruthTag truth={d.result} /></Descriptions.Item>
        <Descriptions.Item label={t('pol.grants.amount')}>
          <span>{yuan(d.amount)}</span>
          {d.amountExplanation && <Typography.Text type="secondary">（{d.amountExplanation}）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.asOf')}>{d.asOf}</Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.eligibleSince')}>{d.eligibleSince}</Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.ruleVersion')}>
          <Space size={4} wrap>
            <span>v{d.ruleVersion.version}</span>
            <Hash value={d.ruleVersion.hash} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.snapshotHash')}><Hash value={d.snapshotHash} /></Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.signature')}>
          {d.signature ? (
            <Space size={4} wrap>
              <Tag color="#237804" variant="solid" icon={<SafetyCertificateOutlined />}>{t('pol.grant.signed')}</Tag>
              <span>{d.signature.alg.toUpperCase()}</span>
              <Typography.Text type="secondary">{t('pol.grant.keyId')} {d.signature.keyId.slice(0, 12)}</Typography.Text>
            </Space>
          ) : (
            <StatusTag status="neutral">{t('pol.grant.notSigned')}</StatusTag>
          )}
        </Descriptions.Item>
        {d.signature && <Descriptions.Item label={t('pol.grant.payloadHash')}><Hash value={d.signature.payloadHash} /></Descriptions.Item>}
        <Descriptions.Item label={t('pol.grant.approver')}>{d.approverName ? `${d.approverName} · ${when(d.decidedAt)}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.confirmed')}>{d.confirmedAt ? `${when(d.confirmedAt)}${d.bankAccount ? ` · ${d.bankAccount}` : ''}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('pol.grant.disbursedAt')}>{when(d.disbursedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 15 }}>{t('pol.grant.trace')}</Typography.Title>
      <TraceTable leaves={traceLeaves(d.trace)} compact={mobile || sideBySide} />
    </Card>
  );
}
