import { Button, Card, Empty } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { portalPoliciesApi, type Grant } from '../../../api/policies-portal.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useRequest } from '../../../hooks/use-request.ts';
import { portalHref } from '../../portal-routes.tsx';
import { GrantStatusTag, formatYuan } from './components.tsx';

function GrantCard({ g }: { g: Grant }) {
  const { t } = useTranslation();
  return (
    <Card className="portal-card" size="small">
      <Link to={portalHref(`grants/${g.id}`)} className="polp-grant-link">
        <h4 className="polp-item-title">{g.itemTitle}</h4>
        <GrantStatusTag status={g.status} />
        <div className="polp-amount"><b>{t('polp.check.yuan', { amount: formatYuan(g.amount) })}</b></div>
        {g.decidedAt && <div className="polp-item-meta">{t('polp.grants.decidedOn', { date: dayjs(g.decidedAt).format('YYYY-MM-DD') })}</div>}
      </Link>
      {g.policies.confirm && (
        <Link to={portalHref(`grants/${g.id}`)}>
          <Button type="primary" size="large" block tabIndex={-1} style={{ marginTop: 8 }}>{t('polp.grants.confirmNow')}</Button>
        </Link>
      )}
    </Card>
  );
}

/** 我的补贴: the enterprise's grant decisions, the ones waiting for its confirmation first. */
export default function GrantsPage() {
  const { t } = useTranslation();
  const list = useRequest(() => portalPoliciesApi.grants(), []);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.reload()} />;
  const items = list.data?.items ?? [];
  const waiting = items.filter((g) => g.policies.confirm);
  const rest = items.filter((g) => !g.policies.confirm);
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('polp.nav.grants')}</h2>
      {list.loading && !list.data && <Card loading />}
      {list.data && items.length === 0 && <Card className="portal-card"><Empty description={t('polp.grants.empty')} /></Card>}
      {waiting.length > 0 && <h3 className="polp-section">{t('polp.grants.toConfirm')}</h3>}
      {waiting.map((g) => <GrantCard key={g.id} g={g} />)}
      {waiting.length > 0 && rest.length > 0 && <h3 className="polp-section">{t('polp.nav.grants')}</h3>}
      {rest.map((g) => <GrantCard key={g.id} g={g} />)}
    </>
  );
}
