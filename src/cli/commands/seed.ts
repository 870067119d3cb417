import type { Command } from 'commander';
import { bootstrap } from '../../server/bootstrap.js';
import { openDatabase } from '../../server/platform/db.js';
import { t } from '../../server/platform/i18n.js';
import { migrate } from '../../server/platform/migrate.js';
import { seedDemo } from '../../server/modules/org/demo-seed.js';
import { seedDemoCustomers } from '../../server/modules/customers/demo-customers.js';
import { seedDemoKb } from '../../server/modules/kb/demo-kb.js';
import { seedDemoScripts } from '../../server/modules/scripts/demo-scripts.js';
import { createProgress } from '../progress.js';
import { CliError, cliConfig } from './common.js';

/**
 * `kefu seed --demo`: the demo organization (departments, positions, roles, 16 staff users) and
 * demo customers with contacts, orders, invoices and payments.
 * On an empty database the organization and administrator are created first, as `serve` does.
 * Running it again changes nothing and says so.
 */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Load demo data (演示数据): department tree, positions, roles, staff users and customers')
    .option('--demo', 'seed the demo organization structure and users')
    .action(async (o: { demo?: boolean }, cmd: Command) => {
      if (!o.demo) throw new CliError('cli.seed_needs_demo');
      const config = cliConfig(cmd);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
      try {
        await migrate(database.pool);
        const first = await bootstrap(database.db, { adminPassword: config.adminPassword });
        if (first.created) {
          console.log(`管理员 / administrator: ${first.adminUsername}`);
          if (first.generated) console.log(`初始密码 / password: ${first.adminPassword}   (只显示这一次 / shown once)`);
        }
        const progress = createProgress('演示数据 / demo data');
        let result: Awaited<ReturnType<typeof seedDemo>>;
        try {
          result = await seedDemo(database.db, { onProgress: (done, total) => progress.update(done, total) });
        } finally {
          progress.stop();
        }
        if (!result.created) {
          const found = result.found.slice(0, 5).join(', ') + (result.found.length > 5 ? ' …' : '');
          console.log(`${t('zh-CN', 'cli.demo_present', { found })}\n${t('en', 'cli.demo_present', { found })}`);
          return;
        }
        const orgId = result.orgId;
        const customers = await database.db.transaction().execute((tx) => seedDemoCustomers(tx, orgId));
        await database.db.transaction().execute(async (tx) => {
          await seedDemoKb(tx, orgId);
          await seedDemoScripts(tx, orgId);
        });
        const c = result.counts;
        console.log(`\n已创建 / created: ${c.departments} 个部门 departments, ${c.positions} 个岗位 positions, ${c.roles} 个角色 roles, ${c.users} 名员工 users, ${customers} 个客户 customers`);
        printTable(['用户名 username', '姓名 name', '部门 department', '岗位 position', '角色 role'], result.users.map((u) => [u.username, u.displayName, u.department, u.position, u.role]));
        console.log(`演示账号密码 / demo password (all users): ${result.password}`);
      } finally {
        await database.close();
      }
    });
}

// CJK characters take two terminal columns.
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(w - width(s), 0));

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => ('  ' + cells.map((c, i) => pad(c, widths[i])).join('  ')).trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}
