import { sql, type Kysely } from 'kysely';
import { MASKABLE_FIELDS, PERMISSIONS, SCOPED_RESOURCES } from '../shared/permissions.js';
import type { DB } from './platform/db-schema.js';
import { uuidv7 } from './platform/ids.js';
import { generatePassword, hashPassword } from './platform/auth/password.js';
import { checkPasswordPolicy } from './platform/auth/password-policy.js';
import { seedDefaultPicklists } from './modules/config/default-picklists.js';

/** KEFU_ADMIN_PASSWORD fails the password policy that every other password must meet. */
export class AdminPasswordRejected extends Error {
  constructor(readonly problem: string) {
    super(
      `KEFU_ADMIN_PASSWORD 不符合密码规则（${problem}）：长度 8–128，不能是常见密码或与用户名相同。\n` +
        `KEFU_ADMIN_PASSWORD does not meet the password policy (${problem}): 8–128 characters, not a common password, not the username.`,
    );
    this.name = 'AdminPasswordRejected';
  }
}

export type BootstrapResult =
  | { created: false; orgId: string }
  | { created: true; orgId: string; adminUsername: string; adminPassword: string; generated: boolean };

const ADMIN_SCOPES = () => JSON.stringify(Object.fromEntries(SCOPED_RESOURCES.map((r) => [r, 'all'])));

/**
 * The system administrator role always holds every permission in the catalogue, so a new
 * release's permissions reach existing installations on their next start.
 */
async function syncAdminRoles(db: Kysely<DB>): Promise<void> {
  await db
    .updateTable('roles')
    .set({ permissions: [...PERMISSIONS], scopes: ADMIN_SCOPES() })
    .where('code', '=', 'admin')
    .where('is_system', '=', true)
    .where(sql<boolean>`NOT (permissions @> ${sql.val([...PERMISSIONS])}::text[])`)
    .execute();
}

const WORKDAY = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];

/**
 * First start: creates the organization, the administrator role and user, a default business
 * calendar and the default picklists. Later starts only bring the administrator role up to date.
 */
export async function bootstrap(
  db: Kysely<DB>,
  opts: { orgName?: string; adminPassword?: string; adminUsername?: string } = {},
): Promise<BootstrapResult> {
  const existing = await db.selectFrom('orgs').select('id').orderBy('created_at').limit(1).executeTakeFirst();
  if (existing) {
    await syncAdminRoles(db);
    return { created: false, orgId: existing.id };
  }
  if (opts.adminPassword !== undefined) {
    const problem = checkPasswordPolicy(opts.adminPassword, { username: opts.adminUsername ?? 'admin' });
    if (problem) throw new AdminPasswordRejected(problem);
  }
  const password = opts.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const adminUsername = opts.adminUsername ?? 'admin';
  const orgId = uuidv7();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('orgs').values({ id: orgId, name: opts.orgName ?? '客服中心', settings: JSON.stringify({}) }).execute();
    await tx.insertInto('audit_heads').values({ org_id: orgId }).execute();
    const rootDept = uuidv7();
    await tx
      .insertInto('departments')
      .values({ org_id: orgId, id: rootDept, parent_id: null, name: '客服中心', code: 'ROOT', path: `/${rootDept}/` })
      .execute();
    const roleId = uuidv7();
    await tx
      .insertInto('roles')
      .values({
        org_id: orgId,
        id: roleId,
        code: 'admin',
        name: '系统管理员',
        description: '全部权限，全部数据',
        permissions: [...PERMISSIONS],
        scopes: ADMIN_SCOPES(),
        field_rules: JSON.stringify(Object.fromEntries(MASKABLE_FIELDS.map((f) => [f, 'show']))),
        is_system: true,
      })
      .execute();
    const userId = uuidv7();
    await tx
      .insertInto('users')
      .values({
        org_id: orgId,
        id: userId,
        username: adminUsername,
        display_name: '系统管理员',
        department_id: rootDept,
        password_hash: passwordHash,
        password_changed_at: new Date(),
        skills: JSON.stringify([]),
      })
      .execute();
    await tx.insertInto('user_roles').values({ org_id: orgId, user_id: userId, role_id: roleId }).execute();
    await tx
      .insertInto('calendars')
      .values({
        org_id: orgId,
        id: uuidv7(),
        name: '标准工作日历',
        timezone: 'Asia/Shanghai',
        weekly_hours: JSON.stringify([WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, [], []]),
        is_default: true,
      })
      .execute();
    await seedDefaultPicklists(tx, orgId);
  });
  return { created: true, orgId, adminUsername, adminPassword: password, generated: !opts.adminPassword };
}
