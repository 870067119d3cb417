import type { Command } from 'commander';
import { openDatabase } from '../../server/platform/db.js';
import { migrate } from '../../server/platform/migrate.js';
import { cliConfig } from './common.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit (数据库迁移)')
    .action(async (_o: unknown, cmd: Command) => {
      const config = cliConfig(cmd);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
      try {
        const applied = await migrate(database.pool);
        if (applied.length === 0) console.log('数据库已是最新 / database is up to date');
        else for (const name of applied) console.log(`已应用 / applied: ${name}`);
      } finally {
        await database.close();
      }
    });
}
