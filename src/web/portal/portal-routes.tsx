/**
 * The enterprise portal's (企业端, /e/) page registry. Appeals, policies and later modules add their portal pages
 * HERE and nowhere else: the portal's routes, its bottom tab bar and its home tiles are derived from this list.
 *
 * - `path` is relative to /e/ (`appeals`, `appeals/:id`); the home page is `''`.
 * - `tab: true` puts the page in the bottom tab bar (keep it to at most five tabs); `tile: true` on the home grid.
 * - Labels go through i18n (`labelKey`); put your strings in your own i18n files.
 * - Every page talks to the server only through the API, which scopes everything to the user's own enterprise.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { BellOutlined, CustomerServiceOutlined, FileSearchOutlined, HomeOutlined, NotificationOutlined, ShopOutlined, WalletOutlined } from '@ant-design/icons';

export interface PortalPage {
  /** Route path under /e/, without a leading slash. */
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** In the bottom tab bar. */
  tab?: boolean;
  /** On the home page's grid of big buttons. */
  tile?: boolean;
  /** i18n key of the tile's one-line description. */
  descriptionKey?: string;
  component: LazyExoticComponent<ComponentType>;
}

export const PORTAL_PAGES: PortalPage[] = [
  {
    path: '',
    labelKey: 'ent.portal.nav.home',
    icon: <HomeOutlined />,
    tab: true,
    component: lazy(() => import('./pages/PortalHomePage.tsx')),
  },
  {
    path: 'enterprise',
    labelKey: 'ent.portal.nav.enterprise',
    icon: <ShopOutlined />,
    tab: true,
    tile: true,
    descriptionKey: 'ent.portal.tile.enterprise',
    component: lazy(() => import('./pages/MyEnterprisePage.tsx')),
  },
  {
    path: 'messages',
    labelKey: 'ent.portal.nav.messages',
    icon: <BellOutlined />,
    tab: true,
    tile: true,
    descriptionKey: 'ent.portal.tile.messages',
    component: lazy(() => import('./pages/MessagesPage.tsx')),
  },
  {
    path: 'appeals',
    labelKey: 'apl.nav.portal',
    icon: <CustomerServiceOutlined />,
    tab: true,
    tile: true,
    descriptionKey: 'apl.portalTile.list',
    component: lazy(() => import('./pages/appeals/PortalAppealsPage.tsx')),
  },
  {
    path: 'policies',
    labelKey: 'polp.nav.check',
    icon: <FileSearchOutlined />,
    tab: true,
    tile: true,
    descriptionKey: 'polp.tile.check',
    component: lazy(() => import('./pages/policies/PolicyCheckPage.tsx')),
  },
  { path: 'grants', labelKey: 'polp.nav.grants', icon: <WalletOutlined />, tile: true, descriptionKey: 'polp.tile.grants', component: lazy(() => import('./pages/policies/GrantsPage.tsx')) },
  { path: 'grants/:id', labelKey: 'polp.nav.grant', icon: <WalletOutlined />, component: lazy(() => import('./pages/policies/GrantDetailPage.tsx')) },
  { path: 'policy-messages', labelKey: 'polp.nav.messages', icon: <NotificationOutlined />, tile: true, descriptionKey: 'polp.tile.messages', component: lazy(() => import('./pages/policies/PolicyMessagesPage.tsx')) },
  { path: 'appeals/new', labelKey: 'apl.nav.portalNew', icon: <CustomerServiceOutlined />, component: lazy(() => import('./pages/appeals/PortalAppealNewPage.tsx')) },
  { path: 'appeals/:id', labelKey: 'apl.nav.portal', icon: <CustomerServiceOutlined />, component: lazy(() => import('./pages/appeals/PortalAppealDetailPage.tsx')) },
];

/** Absolute URL of a portal page. */
export const portalHref = (path: string) => `/e/${path}`;
