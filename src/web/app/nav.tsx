import {
  ApartmentOutlined,
  ContactsOutlined,
  CopyOutlined,
  CustomerServiceOutlined,
  ToolOutlined,
  ImportOutlined,
  LockOutlined,
  ShoppingOutlined,
  SwapOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FormOutlined,
  IdcardOutlined,
  ApiOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

export type NavPage = {
  path: string;
  /** i18n key of the menu label and page title. */
  label: string;
  icon: ReactNode;
  /** Shown when the user holds any of these; empty = every signed-in user. */
  permissions: string[];
  element: LazyExoticComponent<ComponentType>;
};

export type NavGroup = { key: string; label: string; icon: ReactNode; pages: NavPage[] };

/** The whole navigation, filtered by permission in the layout. Pages load lazily. */
export const NAV: NavGroup[] = [
  {
    key: 'workspace',
    label: 'nav.workspace',
    icon: <DashboardOutlined />,
    pages: [{ path: '/', label: 'nav.home', icon: <DashboardOutlined />, permissions: [], element: lazy(() => import('../modules/home/home-page')) }],
  },
  {
    key: 'customers',
    label: 'nav.customers',
    icon: <ContactsOutlined />,
    pages: [
      { path: '/customers', label: 'nav.customerRegister', icon: <ContactsOutlined />, permissions: ['customers.read'], element: lazy(() => import('../modules/customers/customers-page')) },
      { path: '/customers/import', label: 'nav.customerImport', icon: <ImportOutlined />, permissions: ['customers.import'], element: lazy(() => import('../modules/customer-data/import-page')) },
      { path: '/customers/duplicates', label: 'nav.customerDuplicates', icon: <CopyOutlined />, permissions: ['customers.merge'], element: lazy(() => import('../modules/customer-data/duplicates-page')) },
      { path: '/customers/transfer', label: 'nav.customerTransfer', icon: <SwapOutlined />, permissions: ['customers.transfer'], element: lazy(() => import('../modules/customer-data/transfer-page')) },
      { path: '/products', label: 'nav.products', icon: <ShoppingOutlined />, permissions: ['customers.update'], element: lazy(() => import('../modules/customer-360/products-page')) },
      { path: '/admin/privacy', label: 'nav.privacy', icon: <LockOutlined />, permissions: ['privacy.manage'], element: lazy(() => import('../modules/customer-data/privacy-page')) },
    ],
  },
  {
    key: 'serviceDesk',
    label: 'nav.serviceDesk',
    icon: <CustomerServiceOutlined />,
    // §5 agent work: tickets, complaints, commitments, knowledge base
    pages: [],
  },
  {
    key: 'deskConfig',
    label: 'nav.deskConfig',
    icon: <ToolOutlined />,
    // §5 rules managers set: teams and routing, SLA, scripts, phrases, automations, standards
    pages: [],
  },
  {
    key: 'org',
    label: 'nav.org',
    icon: <TeamOutlined />,
    pages: [
      { path: '/admin/departments', label: 'nav.departments', icon: <ApartmentOutlined />, permissions: ['org.departments.read', 'org.departments.manage'], element: lazy(() => import('../modules/org/departments-page')) },
      { path: '/admin/users', label: 'nav.users', icon: <UserOutlined />, permissions: ['org.users.read', 'org.users.manage'], element: lazy(() => import('../modules/org/users-page')) },
      { path: '/admin/positions', label: 'nav.positions', icon: <IdcardOutlined />, permissions: ['org.positions.manage'], element: lazy(() => import('../modules/org/positions-page')) },
      { path: '/admin/roles', label: 'nav.roles', icon: <SafetyCertificateOutlined />, permissions: ['org.roles.manage'], element: lazy(() => import('../modules/org/roles-page')) },
    ],
  },
  {
    key: 'config',
    label: 'nav.config',
    icon: <SettingOutlined />,
    pages: [
      { path: '/admin/calendars', label: 'nav.calendars', icon: <CalendarOutlined />, permissions: ['config.calendars.manage'], element: lazy(() => import('../modules/config/calendars-page')) },
      { path: '/admin/custom-fields', label: 'nav.customFields', icon: <FormOutlined />, permissions: ['config.custom_fields.manage'], element: lazy(() => import('../modules/config/custom-fields-page')) },
      { path: '/admin/picklists', label: 'nav.picklists', icon: <UnorderedListOutlined />, permissions: ['config.picklists.manage'], element: lazy(() => import('../modules/config/picklists-page')) },
      { path: '/admin/webhooks', label: 'nav.webhooks', icon: <ApiOutlined />, permissions: ['webhooks.manage'], element: lazy(() => import('../modules/system/webhooks-page')) },
    ],
  },
  {
    key: 'system',
    label: 'nav.system',
    icon: <ClusterOutlined />,
    pages: [
      { path: '/admin/audit', label: 'nav.audit', icon: <AuditOutlined />, permissions: ['audit.read'], element: lazy(() => import('../modules/system/audit-page')) },
      { path: '/admin/jobs', label: 'nav.jobs', icon: <ScheduleOutlined />, permissions: ['jobs.read'], element: lazy(() => import('../modules/system/jobs-page')) },
    ],
  },
];

/** Pages outside the menu (reached from the user menu). */
export const EXTRA_PAGES: NavPage[] = [
  { path: '/customers/:id', label: 'nav.customer360', icon: <ContactsOutlined />, permissions: ['customers.read'], element: lazy(() => import('../modules/customer-360/customer-360-page')) },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined />, permissions: [], element: lazy(() => import('../modules/profile/profile-page')) },
];

export function visibleNav(can: (p: string) => boolean): NavGroup[] {
  return NAV.map((g) => ({ ...g, pages: g.pages.filter((p) => p.permissions.length === 0 || p.permissions.some(can)) })).filter((g) => g.pages.length > 0);
}
