import { Link } from 'react-router-dom';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../hooks/session.tsx';
import { PORTAL_PAGES, portalHref } from '../portal-routes.tsx';

export default function PortalHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('ent.portal.greeting', { name: me.displayName })}</Typography.Paragraph>
      <h2 style={{ fontSize: 18, margin: '0 0 12px' }}>{t('ent.portal.services')}</h2>
      <div className="portal-tiles">
        {PORTAL_PAGES.filter((p) => p.tile).map((p) => (
          <Link key={p.path} to={portalHref(p.path)} className="portal-tile">
            {p.icon}
            <strong>{t(p.labelKey)}</strong>
            {p.descriptionKey && <span className="portal-tile-text">{t(p.descriptionKey)}</span>}
          </Link>
        ))}
      </div>
    </>
  );
}
