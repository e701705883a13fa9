import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { portalPoliciesApi, traceLeaves } from '../../../api/policies-portal.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useErrorMessage } from '../../../hooks/error-message.ts';
import { useRequest } from '../../../hooks/use-request.ts';
import { portalHref } from '../../portal-routes.tsx';
import { GrantStatusTag, TraceList, formatYuan } from './components.tsx';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** One grant decision: amount and progress, the one-tap 意愿确认, the signature and trace, and 申请复核. */
export default function GrantDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { id = '' } = useParams();
  const detail = useRequest(() => portalPoliciesApi.grant(id), [id]);
  const payee = useRequest(() => portalPoliciesApi.payee(), []);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const g = detail.data;
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  if (!g) return <Card loading />;

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      await detail.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const handleConfirm = () => run(() => portalPoliciesApi.confirm(g.id));
  const handleReview = () => {
    if (reason.trim().length < 2) {
      setReasonError(true);
      return;
    }
    void run(() => portalPoliciesApi.review(g.id, reason.trim()));
  };
  const step = g.disbursedAt ? 2 : g.confirmedAt ? 2 : 1;
  const account = payee.data?.account;
  return (
    <>
      <Link to={portalHref('grants')}>{t('polp.grant.back')}</Link>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{g.itemTitle}</h2>
      <Card className="portal-card">
        <GrantStatusTag status={g.status} />
        <div className="polp-amount">{t('polp.grant.amount')} <b>{t('polp.check.yuan', { amount: formatYuan(g.amount) })}</b></div>
        {g.amountExplanation && <div className="polp-item-meta">{t('polp.grant.basis', { text: g.amountExplanation })}</div>}
        <h3 className="polp-section" style={{ marginLeft: 0 }}>{t('polp.grant.progress')}</h3>
        <Steps
          direction="vertical"
          size="small"
          current={g.disbursedAt ? 3 : step}
          items={[
            { title: t('polp.grant.stepDecided'), description: when(g.decidedAt) },
            { title: t('polp.grant.stepConfirmed'), description: g.confirmedAt ? `${when(g.confirmedAt)} ${g.bankAccount ?? ''}` : '—' },
            { title: t('polp.grant.stepDisbursed'), description: when(g.disbursedAt) },
          ]}
        />
      </Card>

      {g.policies.confirm && (
        <Card className="portal-card">
          <h3 className="polp-section" style={{ marginLeft: 0, marginTop: 0 }}>{t('polp.grant.confirmTitle')}</h3>
          {account ? (
            <>
              <Typography.Paragraph>{t('polp.grant.confirmText')}</Typography.Paragraph>
              <dl style={{ margin: '0 0 12px' }}>
                <div className="portal-field"><dt>{t('polp.grant.account')}</dt><dd data-testid="payee-account">{`${account.bankName} ${account.accountNo}`}</dd></div>
              </dl>
              <Button type="primary" size="large" block loading={busy} onClick={() => void handleConfirm()}>{t('polp.grant.confirm')}</Button>
            </>
          ) : (
            <Alert type="warning" showIcon title={t('polp.grant.noAccount')} />
          )}
        </Card>
      )}

      {g.signature && (
        <Card className="portal-card">
          <Alert
            type="success"
            showIcon
            icon={<SafetyCertificateOutlined />}
            title={t('polp.grant.signedTitle')}
            description={t('polp.grant.signedText', { approver: g.approverName ?? '—', date: when(g.decidedAt), alg: g.signature.alg.toUpperCase() })}
          />
          <dl style={{ margin: '8px 0 0' }}>
            <div className="portal-field"><dt>{t('polp.grant.approver')}</dt><dd>{g.approverName}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.decidedAt')}</dt><dd>{when(g.decidedAt)}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.alg')}</dt><dd>{g.signature.alg.toUpperCase()}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.keyId')}</dt><dd className="polp-hash">{g.signature.keyId}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.payloadHash')}</dt><dd className="polp-hash">{g.signature.payloadHash}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.snapshotHash')}</dt><dd className="polp-hash">{g.snapshotHash}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.ruleHash')}</dt><dd className="polp-hash">{`v${g.ruleVersion.version} ${g.ruleVersion.hash}`}</dd></div>
            <div className="portal-field"><dt>{t('polp.grant.asOf')}</dt><dd>{g.asOf}</dd></div>
          </dl>
        </Card>
      )}

      <Card className="portal-card">
        <h3 className="polp-section" style={{ marginLeft: 0, marginTop: 0 }}>{t('polp.grant.trace')}</h3>
        <TraceList leaves={traceLeaves(g.trace)} />
      </Card>

      <Card className="portal-card">
        <h3 className="polp-section" style={{ marginLeft: 0, marginTop: 0 }}>{t('polp.grant.reviewTitle')}</h3>
        {g.reviewOf && <Typography.Paragraph type="secondary">{t('polp.grant.reviewOfHint')}</Typography.Paragraph>}
        {g.reviewRequestedAt ? (
          <Alert type="info" showIcon title={t('polp.grant.reviewRequested', { date: when(g.reviewRequestedAt), reason: g.reviewReason ?? '' })} />
        ) : g.policies.requestReview ? (
          <Form layout="vertical" onFinish={handleReview}>
            <Typography.Paragraph>{t('polp.grant.reviewText')}</Typography.Paragraph>
            <Form.Item label={t('polp.grant.reviewReason')} htmlFor="polp-review-reason" validateStatus={reasonError ? 'error' : undefined} help={reasonError ? t('polp.grant.reasonRequired') : undefined}>
              <Input.TextArea id="polp-review-reason" rows={3} maxLength={2000} value={reason} placeholder={t('polp.grant.reviewPlaceholder')} onChange={(e) => { setReason(e.target.value); setReasonError(false); }} />
            </Form.Item>
            <Button htmlType="submit" size="large" block loading={busy}>{t('polp.grant.reviewSubmit')}</Button>
          </Form>
        ) : null}
        {g.related.length > 0 && (
          <>
            <h4 style={{ margin: '12px 0 4px' }}>{t('polp.grant.related')}</h4>
            {g.related.map((r) => (
              <div key={r.id} className="portal-field">
                <Link to={portalHref(`grants/${r.id}`)}>{when(r.decidedAt)}</Link>
                <span><GrantStatusTag status={r.status} /> {t('polp.check.yuan', { amount: formatYuan(r.amount) })}</span>
              </div>
            ))}
          </>
        )}
      </Card>
    </>
  );
}
