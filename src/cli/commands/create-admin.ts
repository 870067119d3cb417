import type { Command } from 'commander';
import { sql } from 'kysely';
import { recordAudit } from '../../server/platform/audit.js';
import { generatePassword, hashPassword } from '../../server/platform/auth/password.js';
import { checkPasswordPolicy } from '../../server/platform/auth/password-policy.js';
import { bootstrap } from '../../server/bootstrap.js';
import { openDatabase } from '../../server/platform/db.js';
import { t } from '../../server/platform/i18n.js';
import { uuidv7 } from '../../server/platform/ids.js';
import { migrate } from '../../server/platform/migrate.js';
import { CliError, cliConfig } from './common.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

type Options = { username: string; password?: string; displayName?: string; org?: string };

/**
 * `kefu create-admin`: a new user with the administrator role in the organization (the first
 * one unless --org). On an empty database the organization is created with this administrator.
 * Without --password a strong one is generated and shown once.
 */
export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description('Add an administrator user to the organization (创建管理员)')
    .requiredOption('-u, --username <name>', 'login name (2–64 characters: letters, digits, . _ @ -)')
    .option('-p, --password <password>', 'password (8–128 characters, not a common one); generated when omitted')
    .option('--display-name <name>', 'name shown in the UI (default 系统管理员)')
    .option('--org <id>', 'organization id (default: the first organization)')
    .action(async (o: Options, cmd: Command) => {
      if (!USERNAME.test(o.username)) throw new CliError('cli.config_invalid', { problems: `--username ${o.username}` });
      const generated = o.password === undefined;
      const password = o.password ?? generatePassword();
      const problem = checkPasswordPolicy(password, { username: o.username });
      if (problem) throw new CliError('cli.password_invalid', { reason: (l: 'zh-CN' | 'en') => t(l, `errors.${problem}`) });
      const displayName = (o.displayName ?? '系统管理员').trim().slice(0, 100) || '系统管理员';

      const config = cliConfig(cmd);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
      try {
        await migrate(database.pool);
        const db = database.db;
        const anyOrg = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
        if (!anyOrg && !o.org) {
          const boot = await bootstrap(db, { adminUsername: o.username, adminPassword: password });
          if (boot.created) await db.updateTable('users').set({ display_name: displayName }).where('org_id', '=', boot.orgId).where('username', '=', o.username).execute();
          report(o.username, boot.orgId, generated ? password : null);
          return;
        }
        const org = o.org
          ? await db.selectFrom('orgs').select('id').where(sql<boolean>`id::text = ${o.org}`).executeTakeFirst()
          : await db.selectFrom('orgs').select('id').orderBy('created_at').limit(1).executeTakeFirst();
        if (!org) throw new CliError('cli.org_missing');
        const role = await db.selectFrom('roles').select('id').where('org_id', '=', org.id).where('code', '=', 'admin').executeTakeFirst();
        if (!role) throw new CliError('cli.admin_role_missing');
        const taken = await db
          .selectFrom('users')
          .select('id')
          .where('org_id', '=', org.id)
          .where(sql<boolean>`lower(username) = lower(${o.username})`)
          .executeTakeFirst();
        if (taken) throw new CliError('cli.user_exists', { username: o.username });
        const passwordHash = await hashPassword(password);
        const userId = uuidv7();
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('users')
            .values({ org_id: org.id, id: userId, username: o.username, display_name: displayName, password_hash: passwordHash, password_changed_at: new Date(), skills: JSON.stringify([]) })
            .execute();
          await tx.insertInto('user_roles').values({ org_id: org.id, user_id: userId, role_id: role.id }).execute();
          await recordAudit(tx, {
            orgId: org.id,
            action: 'user.create',
            entityType: 'user',
            entityId: userId,
            actorName: 'kefu create-admin (CLI)',
            after: { username: o.username, displayName, roles: ['admin'] },
          });
        });
        report(o.username, org.id, generated ? password : null);
      } finally {
        await database.close();
      }
    });
}

function report(username: string, orgId: string, generatedPassword: string | null) {
  console.log(`已创建管理员 / administrator created: ${username} (org ${orgId})`);
  if (generatedPassword) console.log(`初始密码 / password: ${generatedPassword}   (只显示这一次 / shown once)`);
}
