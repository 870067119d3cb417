/**
 * The permission catalogue. A role holds a subset; routes assert one. Labels are i18n keys
 * in the web catalogue (`permissions.<code>`). Modules add their permissions here.
 */
export const PERMISSIONS = [
  // platform administration
  'org.departments.read',
  'org.departments.manage',
  'org.users.read',
  'org.users.manage',
  'org.roles.manage',
  'org.positions.manage',
  'config.calendars.manage',
  'config.custom_fields.manage',
  'config.picklists.manage',
  'audit.read',
  'jobs.read',
  'jobs.manage',
  'webhooks.manage',
  'files.upload',
  // delete attachments uploaded by others
  'files.manage',
  'pii.reveal',
  'data.export',
  // customers (§2)
  'customers.read',
  'customers.create',
  'customers.update',
  'customers.delete',
  'customers.merge',
  'customers.import',
  'customers.transfer',
  // §2.11 personal-information rights: export one person's data, anonymize, retention policy
  'privacy.manage',
  // service desk (§5)
  'tickets.read',
  'tickets.create',
  'tickets.update',
  'tickets.assign',
  // ticket categories per type and per-type ticket forms
  'tickets.configure',
  // §5.5 teams, members, capacity, skills and routing strategy
  'teams.manage',
  'tickets.delete',
  'complaints.handle',
  'kb.read',
  'kb.manage',
  // canned replies, call scripts (话术库) and forbidden phrases (反面用语)
  'scripts.manage',
  'sla.manage',
  // §5.9 automations (triggers, time-based rules) and §5.10 service standards
  'automations.manage',
  // call center (§7, §8)
  'calls.handle',
  'calls.monitor',
  'ivr.manage',
  'wfm.manage',
  'qa.evaluate',
  // reports (§10)
  'reports.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Resources that carry a data scope (本人 / 本部门 / 本部门及下级 / 全部). */
export const SCOPED_RESOURCES = ['customers', 'tickets', 'calls', 'users', 'reports'] as const;
export type ScopedResource = (typeof SCOPED_RESOURCES)[number];

export const DATA_SCOPES = ['self', 'department', 'subtree', 'all'] as const;
export type DataScopeValue = (typeof DATA_SCOPES)[number];

/** Personal-data fields that field rules govern (§1.2). */
export const MASKABLE_FIELDS = ['phone', 'id_number', 'email', 'address'] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];
export const FIELD_RULES = ['show', 'mask', 'hide'] as const;
