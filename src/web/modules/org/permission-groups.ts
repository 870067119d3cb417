/**
 * How the role editor groups the permission catalogue. A permission belongs to the first group
 * whose prefixes match its code; codes no group claims (added by later modules) land in "other".
 */
export const PERMISSION_GROUPS: { key: string; prefixes: string[] }[] = [
  { key: 'org', prefixes: ['org.'] },
  { key: 'config', prefixes: ['config.'] },
  { key: 'system', prefixes: ['audit.', 'jobs.', 'webhooks.'] },
  { key: 'data', prefixes: ['files.', 'pii.', 'data.'] },
  { key: 'customers', prefixes: ['customers.', 'privacy.'] },
  { key: 'tickets', prefixes: ['tickets.', 'teams.', 'complaints.', 'kb.', 'scripts.', 'sla.', 'automations.'] },
  { key: 'calls', prefixes: ['calls.', 'ivr.', 'wfm.', 'qa.'] },
  { key: 'reports', prefixes: ['reports.'] },
];

export function groupPermissions(codes: string[]): { key: string; codes: string[] }[] {
  const groups = PERMISSION_GROUPS.map((g) => ({ key: g.key, codes: [] as string[] }));
  const other: string[] = [];
  for (const code of codes) {
    const i = PERMISSION_GROUPS.findIndex((g) => g.prefixes.some((p) => code.startsWith(p)));
    if (i >= 0) groups[i].codes.push(code);
    else other.push(code);
  }
  if (other.length > 0) groups.push({ key: 'other', codes: other });
  return groups.filter((g) => g.codes.length > 0);
}
