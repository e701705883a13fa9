import { Suspense, lazy, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { pagesFor } from './app-modules.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { SessionProvider, useSession } from './hooks/session.tsx';
import { theme } from './theme.ts';

const LoginPage = lazy(() => import('./pages/Login/LoginPage.tsx'));
const SetupPage = lazy(() => import('./pages/Setup/SetupPage.tsx'));
const DashboardPage = lazy(() => import('./pages/Dashboard/DashboardPage.tsx'));
const PasswordPage = lazy(() => import('./pages/Password/PasswordPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFound/NotFoundPage.tsx'));
const PortalApp = lazy(() => import('./portal/PortalApp.tsx'));

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <main style={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description={t('app.loading')} />
    </main>
  );
}

function ServerUnavailable() {
  const { t } = useTranslation();
  const { reload } = useSession();
  return (
    <main>
      <Result
        status="warning"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('app.serverUnavailable')}</h1>}
        subTitle={t('app.serverUnavailableHint')}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            {t('app.retry')}
          </Button>
        }
      />
    </main>
  );
}

/** Sends visitors without a session to the login page, remembering where they were going. */
function RequireSession() {
  const { me, system } = useSession();
  const location = useLocation();
  if (system?.needsSetup) return <Navigate to="/setup" replace />;
  if (!me) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  // Enterprise users have the portal, never the staff workbench.
  if (me.role === 'enterprise') return <Navigate to="/e/" replace />;
  return <AppLayout />;
}

function AppRoutes() {
  const { loading, loadError, system, me } = useSession();
  if (loading && !system) return <FullPageSpin />;
  if (loadError && !system) return <ServerUnavailable />;
  const pages = me ? pagesFor(me.role) : [];
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/e/*" element={<PortalApp />} />
        <Route element={<RequireSession />}>
          <Route index element={<DashboardPage />} />
          {pages.map(({ path, component: Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="/account/password" element={<PasswordPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
  }, [english]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
