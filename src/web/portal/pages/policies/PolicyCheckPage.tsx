import { Alert, Card, Collapse, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { portalPoliciesApi, type PolicyMatch } from '../../../api/policies-portal.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useMe } from '../../../hooks/session.tsx';
import { useRequest } from '../../../hooks/use-request.ts';
import { ModeTag, TraceList, formatYuan } from './components.tsx';

function MatchCard({ m }: { m: PolicyMatch }) {
  const { t } = useTranslation();
  const hint = m.mode === 'auto' ? 'autoHint' : m.mode === 'fast' ? 'fastHint' : 'infoHint';
  return (
    <Card className="portal-card" size="small" data-testid="policy-match">
      <h4 className="polp-item-title">{m.itemTitle}</h4>
      <div>
        <ModeTag mode={m.mode} />
        <Tag>{m.theme}</Tag>
        {m.isExample && <Tag color="gold">{t('polp.example')}</Tag>}
      </div>
      <div className="polp-item-meta">{m.policyTitle}{m.docNumber ? ` ${m.docNumber}` : ''}</div>
      {m.status !== 'ineligible' && (
        <div className="polp-amount">
          {m.estimatedAmount ? (
            <>
              {t('polp.check.estimated')} <b>{t('polp.check.yuan', { amount: formatYuan(m.estimatedAmount) })}</b>
              <div className="polp-item-meta">{m.amountExplanation}</div>
            </>
          ) : (
            <span className="polp-item-meta">{m.amountExplanation || t('polp.check.noAmount')}</span>
          )}
        </div>
      )}
      {(m.status === 'near' || m.status === 'ineligible' || m.status === 'pending') && m.gaps.length > 0 && (
        <Alert
          type={m.status === 'near' ? 'warning' : 'info'}
          showIcon
          title={t('polp.check.whyNot')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{m.gaps.map((g) => <li key={g}>{g}</li>)}</ul>}
          style={{ margin: '8px 0' }}
        />
      )}
      {m.status === 'eligible' && <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{t(`polp.check.${hint}`)}</Typography.Paragraph>}
      <Collapse
        ghost
        size="small"
        items={[{
          key: 'why',
          label: t('polp.check.why'),
          children: (
            <>
              <TraceList leaves={m.trace} />
              <div className="polp-item-meta">{t('polp.check.ruleVersion', { version: m.ruleVersion.version, hash: m.ruleVersion.hash.slice(0, 12) })}</div>
            </>
          ),
        }]}
      />
    </Card>
  );
}

/** 政策体检: what the enterprise qualifies for, nearly qualifies for and why not, with amounts and each condition's trace. */
export default function PolicyCheckPage() {
  const { t } = useTranslation();
  const me = useMe();
  const enterpriseId = me.enterprise?.id ?? '';
  const check = useRequest(() => portalPoliciesApi.matches(enterpriseId), [enterpriseId]);
  if (check.error) return <LoadError error={check.error} onRetry={() => void check.reload()} />;
  const d = check.data;
  const of = (s: PolicyMatch['status']) => d?.items.filter((m) => m.status === s) ?? [];
  const [eligible, near, pending, other] = [of('eligible'), of('near'), of('pending'), of('ineligible')];
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 4px' }}>{t('polp.nav.check')}</h2>
      {d && <Typography.Paragraph type="secondary" style={{ margin: '0 0 12px' }}>{t('polp.check.asOf', { date: d.asOf })}</Typography.Paragraph>}
      <Card className="portal-card" loading={!d}>
        {d && (
          <>
            <div className="polp-summary">
              <div><strong>{d.summary.eligible}</strong><span>{t('polp.check.eligible')}</span></div>
              <div><strong>{d.summary.near}</strong><span>{t('polp.check.near')}</span></div>
              <div><strong>{d.summary.pending}</strong><span>{t('polp.check.pending')}</span></div>
            </div>
            <p className="polp-total">{t('polp.check.estimated')} <b>{t('polp.check.yuan', { amount: formatYuan(d.summary.estimatedTotal) })}</b></p>
          </>
        )}
      </Card>
      {d && d.items.length === 0 && <Empty description={t('polp.check.empty')} />}
      {d && d.items.length > 0 && (
        <>
          <h3 className="polp-section">{t('polp.check.sectionEligible', { count: eligible.length })}</h3>
          {eligible.length === 0 ? <Card className="portal-card"><Empty description={t('polp.check.emptyEligible')} /></Card> : eligible.map((m) => <MatchCard key={m.itemId} m={m} />)}
          {near.length > 0 && <h3 className="polp-section">{t('polp.check.sectionNear', { count: near.length })}</h3>}
          {near.map((m) => <MatchCard key={m.itemId} m={m} />)}
          {pending.length > 0 && <h3 className="polp-section">{t('polp.check.sectionPending', { count: pending.length })}</h3>}
          {pending.map((m) => <MatchCard key={m.itemId} m={m} />)}
          {other.length > 0 && (
            <Collapse
              style={{ marginTop: 12, background: '#fff' }}
              items={[{ key: 'other', label: <span style={{ fontSize: 16 }}>{t('polp.check.sectionOther', { count: other.length })}</span>, children: other.map((m) => <MatchCard key={m.itemId} m={m} />) }]}
            />
          )}
        </>
      )}
    </>
  );
}
