import { Suspense } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../hooks/session.tsx';
import { PORTAL_PAGES, portalHref } from './portal-routes.tsx';
import './portal.css';

function PortalSpin() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

/** The phone-first shell of the enterprise portal (企业端) at /e/: header, page, bottom tab bar. */
export default function PortalApp() {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.role !== 'enterprise') {
    return (
      <main className="portal">
        <Result status="info" title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('ent.portal.staffOnly')}</h1>} extra={<Link to="/">{t('ent.portal.toStaff')}</Link>} />
      </main>
    );
  }
  const tabs = PORTAL_PAGES.filter((p) => p.tab);
  return (
    <div className="portal">
      <header className="portal-header">
        <h1>{me.enterprise?.name ?? t('ent.portal.title')}</h1>
        <Button type="text" className="portal-header-button" icon={<LogoutOutlined />} aria-label={t('ent.portal.logout')} onClick={() => void logout()} />
      </header>
      <main className="portal-main">
        <Suspense fallback={<PortalSpin />}>
          <Routes>
            {PORTAL_PAGES.map(({ path, component: Page }) => (
              <Route key={path || 'home'} path={path === '' ? undefined : path} index={path === ''} element={<Page />} />
            ))}
            <Route path="*" element={<Result status="404" title={<h2 style={{ fontSize: 20, margin: 0 }}>{t('ent.portal.notFound')}</h2>} extra={<Link to="/e/">{t('ent.portal.nav.home')}</Link>} />} />
          </Routes>
        </Suspense>
      </main>
      <nav className="portal-tabs" aria-label={t('ent.portal.tabs')}>
        {tabs.map((p) => (
          <NavLink key={p.path} to={portalHref(p.path)} end={p.path === ''}>
            {p.icon}
            <span>{t(p.labelKey)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
