/**
 * The map of the app: every capability, the pages it adds, and who sees it in the menu. The menu,
 * the routes and the dashboard cards are all derived from this list, so a later feature adds its
 * pages here and nowhere else.
 *
 * `roles` only decides what appears in the menu. What a user may do on a page comes from the
 * `policies` the server sends with each record; the server enforces every rule regardless.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  FormOutlined,
  LineChartOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  CustomerServiceOutlined,
  FileSearchOutlined,
  FieldTimeOutlined,
  GiftOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  RiseOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { Role } from './api/types.ts';

export interface PageEntry {
  /** Absolute route path. */
  path: string;
  /** i18n key of the menu label and page title. */
  labelKey: string;
  icon?: ReactNode;
  roles?: readonly Role[];
  /** Routed but not in the menu (a record's own page, such as /plans/:id). */
  hideInMenu?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export interface AppModule {
  key: string;
  labelKey: string;
  /** i18n key of the dashboard card text: what the module does. */
  descriptionKey: string;
  icon: ReactNode;
  roles?: readonly Role[];
  /** Pages it has today. A module without pages shows on the dashboard as "in a later release". */
  pages: PageEntry[];
}

const ALL_STAFF: readonly Role[] = ['admin', 'office', 'leader', 'unit'];

export const APP_MODULES: AppModule[] = [
  {
    key: 'plans',
    labelKey: 'nav.plans',
    descriptionKey: 'dashboard.modules.plans',
    icon: <FileSearchOutlined />,
    roles: ALL_STAFF,
    pages: [
      {
        path: '/plans',
        labelKey: 'plans.nav.list',
        icon: <UnorderedListOutlined />,
        component: lazy(() => import('./pages/Plans/PlansPage.tsx')),
      },
      {
        path: '/plans/import',
        labelKey: 'plans.nav.import',
        icon: <UploadOutlined />,
        roles: ['admin', 'office'],
        component: lazy(() => import('./pages/Plans/ImportPage.tsx')),
      },
      {
        path: '/plans/benchmark',
        labelKey: 'plans.nav.benchmark',
        icon: <RiseOutlined />,
        component: lazy(() => import('./pages/Benchmark/BenchmarkPage.tsx')),
      },
      {
        path: '/plans/:id',
        labelKey: 'plans.nav.review',
        hideInMenu: true,
        component: lazy(() => import('./pages/PlanReview/PlanReviewPage.tsx')),
      },
    ],
  },
  {
    key: 'supervision',
    labelKey: 'nav.supervision',
    descriptionKey: 'dashboard.modules.supervision',
    icon: <SafetyCertificateOutlined />,
    roles: ALL_STAFF,
    pages: [
      {
        path: '/supervision/my-tasks',
        labelKey: 'sup.nav.myTasks',
        icon: <CheckSquareOutlined />,
        roles: ['unit'],
        component: lazy(() => import('./pages/Tasks/MyTasksPage.tsx')),
      },
      {
        path: '/supervision/tasks',
        labelKey: 'sup.nav.tasks',
        icon: <UnorderedListOutlined />,
        roles: ['admin', 'office', 'leader'],
        component: lazy(() => import('./pages/Tasks/TaskOverviewPage.tsx')),
      },
      {
        path: '/supervision/tasks/:id',
        labelKey: 'sup.nav.taskDetail',
        hideInMenu: true,
        component: lazy(() => import('./pages/TaskDetail/TaskDetailPage.tsx')),
      },
      {
        path: '/supervision/reviews',
        labelKey: 'sup.nav.reviews',
        icon: <FileDoneOutlined />,
        roles: ['admin', 'office'],
        component: lazy(() => import('./pages/Reviews/ReviewsPage.tsx')),
      },
      {
        path: '/supervision/dashboard',
        labelKey: 'sup.nav.dashboard',
        icon: <DashboardOutlined />,
        roles: ['admin', 'office', 'leader'],
        component: lazy(() => import('./pages/SupervisionDashboard/SupervisionDashboardPage.tsx')),
      },
      {
        path: '/supervision/rankings',
        labelKey: 'sup.nav.rankings',
        icon: <TrophyOutlined />,
        component: lazy(() => import('./pages/Rankings/RankingsPage.tsx')),
      },
      {
        path: '/supervision/settings',
        labelKey: 'sup.nav.settings',
        icon: <FieldTimeOutlined />,
        roles: ['admin', 'office'],
        component: lazy(() => import('./pages/SupervisionSettings/SupervisionSettingsPage.tsx')),
      },
    ],
  },
  {
    key: 'enterprises',
    labelKey: 'ent.nav.module',
    descriptionKey: 'ent.nav.description',
    icon: <ShopOutlined />,
    roles: ['admin', 'office', 'leader'],
    pages: [
      {
        path: '/enterprises',
        labelKey: 'ent.nav.list',
        icon: <UnorderedListOutlined />,
        component: lazy(() => import('./pages/Enterprises/EnterprisesPage.tsx')),
      },
      {
        path: '/enterprises/import',
        labelKey: 'ent.nav.import',
        icon: <UploadOutlined />,
        roles: ['admin', 'office'],
        component: lazy(() => import('./pages/Enterprises/EnterpriseImportPage.tsx')),
      },
      {
        path: '/enterprises/:id',
        labelKey: 'ent.nav.detail',
        hideInMenu: true,
        component: lazy(() => import('./pages/Enterprises/EnterpriseDetailPage.tsx')),
      },
    ],
  },
  {
    key: 'indicators',
    labelKey: 'nav.indicators',
    descriptionKey: 'dashboard.modules.indicators',
    icon: <BarChartOutlined />,
    roles: ALL_STAFF,
    pages: [
      {
        path: '/indicators/evaluation',
        labelKey: 'ind.nav.evaluation',
        icon: <LineChartOutlined />,
        roles: ['admin', 'office', 'leader'],
        component: lazy(() => import('./pages/Evaluation/EvaluationPage.tsx')),
      },
      {
        path: '/indicators/rounds',
        labelKey: 'ind.nav.rounds',
        icon: <FormOutlined />,
        component: lazy(() => import('./pages/Evaluation/RoundsPage.tsx')),
      },
      {
        path: '/indicators/systems',
        labelKey: 'ind.nav.systems',
        icon: <ClusterOutlined />,
        roles: ['admin', 'office', 'leader'],
        component: lazy(() => import('./pages/Evaluation/IndicatorSystemsPage.tsx')),
      },
    ],
  },
  {
    key: 'appeals',
    labelKey: 'nav.appeals',
    descriptionKey: 'dashboard.modules.appeals',
    icon: <CustomerServiceOutlined />,
    roles: ALL_STAFF,
    pages: [
      { path: '/appeals', labelKey: 'apl.nav.list', icon: <UnorderedListOutlined />, component: lazy(() => import('./pages/Appeals/AppealsPage.tsx')) },
      { path: '/appeals/stats', labelKey: 'apl.nav.stats', icon: <RiseOutlined />, roles: ['admin', 'office', 'leader', 'unit'], component: lazy(() => import('./pages/Appeals/AppealStatsPage.tsx')) },
      { path: '/appeals/clusters', labelKey: 'apl.nav.clusters', icon: <BarChartOutlined />, roles: ['admin', 'office', 'leader'], component: lazy(() => import('./pages/Appeals/AppealClustersPage.tsx')) },
      { path: '/appeals/:id', labelKey: 'apl.nav.list', hideInMenu: true, component: lazy(() => import('./pages/Appeals/AppealDetailPage.tsx')) },
    ],
  },
  {
    key: 'policies',
    labelKey: 'nav.policies',
    descriptionKey: 'dashboard.modules.policies',
    icon: <GiftOutlined />,
    // The server lets unit staff read published policies, but the office pages (drafts, batches, grants) are for
    // the office, its leaders and administrators.
    roles: ['admin', 'office', 'leader'],
    pages: [
      { path: '/policies', labelKey: 'pol.nav.catalogue', icon: <UnorderedListOutlined />, component: lazy(() => import('./pages/Policies/PoliciesPage.tsx')) },
      { path: '/policies/grants', labelKey: 'pol.nav.grants', icon: <AccountBookOutlined />, component: lazy(() => import('./pages/Policies/GrantsPage.tsx')) },
      { path: '/policies/results', labelKey: 'pol.nav.results', icon: <RiseOutlined />, component: lazy(() => import('./pages/Policies/ResultsPage.tsx')) },
      { path: '/policies/grants/:id', labelKey: 'pol.nav.grant', hideInMenu: true, component: lazy(() => import('./pages/Policies/GrantDetailPage.tsx')) },
      { path: '/policies/:id', labelKey: 'pol.nav.detail', hideInMenu: true, component: lazy(() => import('./pages/Policies/PolicyDetailPage.tsx')) },
      { path: '/policies/:id/items/:itemId', labelKey: 'pol.nav.item', hideInMenu: true, component: lazy(() => import('./pages/Policies/PolicyItemPage.tsx')) },
    ],
  },
  {
    key: 'system',
    labelKey: 'nav.system',
    descriptionKey: 'dashboard.modules.system',
    icon: <SettingOutlined />,
    roles: ['admin', 'office'],
    pages: [
      {
        path: '/admin/regions',
        labelKey: 'nav.regions',
        icon: <ApartmentOutlined />,
        // Only administrators change the region tree; others meet regions as filters and fields.
        roles: ['admin'],
        component: lazy(() => import('./pages/Regions/RegionsPage.tsx')),
      },
      {
        path: '/admin/units',
        labelKey: 'nav.units',
        icon: <BankOutlined />,
        component: lazy(() => import('./pages/Units/UnitsPage.tsx')),
      },
      {
        path: '/admin/users',
        labelKey: 'nav.users',
        icon: <TeamOutlined />,
        component: lazy(() => import('./pages/Users/UsersPage.tsx')),
      },
      {
        path: '/admin/audit',
        labelKey: 'nav.audit',
        icon: <AuditOutlined />,
        roles: ['admin'],
        component: lazy(() => import('./pages/Audit/AuditPage.tsx')),
      },
    ],
  },
];

function allows(roles: readonly Role[] | undefined, role: Role): boolean {
  return !roles || roles.includes(role);
}

/** Modules and pages the role sees in the menu, in menu order. */
export function modulesFor(role: Role): AppModule[] {
  return APP_MODULES.filter((m) => allows(m.roles, role)).map((m) => ({
    ...m,
    pages: m.pages.filter((p) => allows(p.roles, role) && !p.hideInMenu),
  }));
}

/** Every page the role may open, for the router (pages hidden from the menu included). */
export function pagesFor(role: Role): PageEntry[] {
  return APP_MODULES.filter((m) => allows(m.roles, role)).flatMap((m) => m.pages.filter((p) => allows(p.roles, role)));
}
