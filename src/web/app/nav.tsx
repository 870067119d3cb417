import {
  WarningOutlined,
  CheckSquareOutlined,
  FileTextOutlined,
  PartitionOutlined,
  ApartmentOutlined,
  FundOutlined,
  RobotOutlined,
  TrophyOutlined,
  BookOutlined,
  MessageOutlined,
  StopOutlined,
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
    pages: [
      { path: '/tickets', label: 'tickets.nav', icon: <FileTextOutlined />, permissions: ['tickets.read'], element: lazy(() => import('../modules/tickets/tickets-page')) },
      { path: '/complaints', label: 'complaints.nav', icon: <WarningOutlined />, permissions: ['tickets.read'], element: lazy(() => import('../modules/complaints/complaints-page')) },
      { path: '/commitments', label: 'commitments.nav', icon: <CheckSquareOutlined />, permissions: ['tickets.read'], element: lazy(() => import('../modules/commitments/commitments-page')) },
      { path: '/kb', label: 'kb.nav', icon: <BookOutlined />, permissions: ['kb.read', 'kb.manage'], element: lazy(() => import('../modules/kb/kb-page')) },
      { path: '/service-standards/report', label: 'standards.navReport', icon: <FundOutlined />, permissions: ['automations.manage', 'sla.manage', 'reports.read', 'tickets.read'], element: lazy(() => import('../modules/standards/standards-report-page')) },
    ],
  },
  {
    key: 'deskConfig',
    label: 'nav.deskConfig',
    icon: <ToolOutlined />,
    // §5 rules managers set: teams and routing, SLA, scripts, phrases, automations, standards
    pages: [
      { path: '/admin/teams', label: 'teams.nav', icon: <TeamOutlined />, permissions: ['teams.manage', 'tickets.assign'], element: lazy(() => import('../modules/teams/teams-page')) },
      { path: '/admin/canned-replies', label: 'scripts.navReplies', icon: <MessageOutlined />, permissions: ['tickets.read', 'scripts.manage'], element: lazy(() => import('../modules/scripts/canned-replies-page')) },
      { path: '/admin/forbidden-phrases', label: 'scripts.navPhrases', icon: <StopOutlined />, permissions: ['tickets.read', 'scripts.manage'], element: lazy(() => import('../modules/scripts/forbidden-phrases-page')) },
      { path: '/admin/sla-policies', label: 'sla.nav', icon: <ScheduleOutlined />, permissions: ['sla.manage', 'tickets.read'], element: lazy(() => import('../modules/sla/sla-policies-page')) },
      { path: '/admin/ticket-categories', label: 'tickets.categories.nav', icon: <PartitionOutlined />, permissions: ['tickets.configure'], element: lazy(() => import('../modules/tickets/ticket-categories-page')) },
      { path: '/admin/automations', label: 'automations.nav', icon: <RobotOutlined />, permissions: ['automations.manage'], element: lazy(() => import('../modules/automations/automations-page')) },
      { path: '/admin/service-standards', label: 'standards.nav', icon: <TrophyOutlined />, permissions: ['automations.manage', 'sla.manage'], element: lazy(() => import('../modules/standards/standards-page')) },
    ],
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
  { path: '/tickets/:id', label: 'tickets.detail.nav', icon: <FileTextOutlined />, permissions: ['tickets.read'], element: lazy(() => import('../modules/tickets/ticket-detail-page')) },
  { path: '/complaints/:id', label: 'complaints.detailNav', icon: <WarningOutlined />, permissions: ['tickets.read'], element: lazy(() => import('../modules/complaints/complaint-detail-page')) },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined />, permissions: [], element: lazy(() => import('../modules/profile/profile-page')) },
];

export function visibleNav(can: (p: string) => boolean): NavGroup[] {
  return NAV.map((g) => ({ ...g, pages: g.pages.filter((p) => p.permissions.length === 0 || p.permissions.some(can)) })).filter((g) => g.pages.length > 0);
}
