import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Spin, type MenuProps } from 'antd';
import {
  DashboardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { modulesFor } from '../app-modules.tsx';
import { useMe, useSession } from '../hooks/session.tsx';
import { useIsMobile } from '../hooks/use-breakpoint.ts';
import { DemoBadge } from './DemoBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import './layout.css';

const { Header, Sider, Content, Footer } = Layout;

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="ys-brand" aria-label={`${t('app.name')} ${t('app.fullName')} — ${t('nav.dashboard')}`}>
      <span className="ys-brand-mark" aria-hidden>
        营
      </span>
      {!collapsed && <span className="ys-brand-text">{t('app.brand')}</span>}
    </Link>
  );
}

function useMenuItems(): { items: MenuProps['items']; openKey: string | undefined } {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  return useMemo(() => {
    const modules = modulesFor(me.role).filter((m) => m.pages.length > 0);
    const items: MenuProps['items'] = [
      { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.dashboard')}</Link> },
      ...modules.map((m) =>
        m.pages.length === 1
          ? { key: m.pages[0].path, icon: m.icon, label: <Link to={m.pages[0].path}>{t(m.labelKey)}</Link> }
          : {
              key: m.key,
              icon: m.icon,
              label: t(m.labelKey),
              children: m.pages.map((p) => ({ key: p.path, icon: p.icon, label: <Link to={p.path}>{t(p.labelKey)}</Link> })),
            },
      ),
    ];
    const openKey = modules.find((m) => m.pages.some((p) => pathname.startsWith(p.path)))?.key;
    return { items, openKey };
  }, [t, me.role, pathname]);
}

function NavMenu({ collapsed, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { items, openKey } = useMenuItems();
  return (
    <nav aria-label={t('nav.main')}>
      <Menu
        className="ys-nav-menu"
        theme="dark"
        mode="inline"
        inlineCollapsed={collapsed}
        selectedKeys={[pathname]}
        defaultOpenKeys={openKey ? [openKey] : []}
        items={items}
        onClick={onNavigate}
      />
    </nav>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const placement = me.unit?.name ?? me.region?.name;

  const handleMenuClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate('/account/password');
    if (key === 'logout') {
      await logout();
      void message.success(t('user.loggedOut'));
      navigate('/login', { replace: true });
    }
  };

  const items: MenuProps['items'] = [
    ...(compact
      ? [
          {
            key: 'who',
            disabled: true,
            label: (
              <div>
                <div>{me.displayName}</div>
                <div>{t(`roles.${me.role}`)}</div>
                {placement && <div>{placement}</div>}
              </div>
            ),
          },
          { type: 'divider' as const },
        ]
      : []),
    { key: 'password', icon: <KeyOutlined />, label: t('nav.password') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
  ];

  return (
    <Dropdown menu={{ items, onClick: handleMenuClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="ys-user-button" aria-label={compact ? `${t('user.menu')}: ${me.displayName}` : undefined}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} aria-hidden />
        {!compact && (
          <span className="ys-user-text">
            <span className="ys-user-name">{me.displayName}</span>
            <span className="ys-user-meta">
              {t(`roles.${me.role}`)}
              {placement ? ` · ${placement}` : ''}
            </span>
          </span>
        )}
      </Button>
    </Dropdown>
  );
}

/** The authenticated frame: side menu (a drawer on phones), top bar, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="ys-root">
      <a className="ys-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!mobile && (
        <Sider width={220} collapsedWidth={64} collapsed={collapsed} trigger={null} className="ys-sider">
          <Brand collapsed={collapsed} />
          <NavMenu collapsed={collapsed} />
        </Sider>
      )}
      {mobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          title={t('nav.main')}
        >
          <Brand collapsed={false} />
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Header className="ys-header">
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {mobile ? (
              <Button
                type="text"
                className="ys-header-button"
                icon={<MenuOutlined />}
                aria-label={t('nav.openMenu')}
                aria-expanded={drawerOpen}
                onClick={() => setDrawerOpen(true)}
              />
            ) : (
              <Button
                type="text"
                className="ys-header-button"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
                onClick={() => setCollapsed((c) => !c)}
              />
            )}
            {mobile && (
              <Link to="/" className="ys-header-title" aria-label={`${t('app.name')} — ${t('nav.dashboard')}`}>
                {t('app.name')}
              </Link>
            )}
          </Flex>
          <Flex align="center" gap={mobile ? 4 : 12}>
            <DemoBadge compact={mobile} />
            <LanguageSwitch dark compact={mobile} />
            <NotificationBell />
            <UserMenu compact={mobile} />
          </Flex>
        </Header>
        <Content id="main" tabIndex={-1} className="ys-content">
          <Suspense fallback={<Spin size="large" className="ys-page-spin" />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="ys-footer">{t('app.footer')}</Footer>
      </Layout>
    </Layout>
  );
}
