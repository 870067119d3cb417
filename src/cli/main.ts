import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerBenchCommand } from './commands/bench.js';
import { describeError } from './commands/common.js';
import { registerCreateAdminCommand } from './commands/create-admin.js';
import { registerImportCommand } from './commands/import.js';
import { registerJobsCommand } from './commands/jobs.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';

/** `kefu` — configuration comes from the environment (see README); global options override it. */
const program = new Command('kefu')
  .description('Kefu 客服 — customer service management')
  .option('--data-dir <dir>', 'embedded database directory (default $KEFU_DATA_DIR or ./data)')
  .option('--database-url <url>', 'PostgreSQL URL (default $DATABASE_URL); unset = embedded database')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerMigrateCommand(program);
registerSeedCommand(program);
registerCreateAdminCommand(program);
registerBackupCommands(program);
registerJobsCommand(program);
registerAuditCommand(program);
registerImportCommand(program);
registerBenchCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander already printed usage or the problem (help and --version exit 0)
    process.exit(err.exitCode);
  }
  const d = describeError(err);
  console.error(d.text);
  if (!d.expected) {
    if (process.env.KEFU_DEBUG) console.error(err);
    else console.error('（设置 KEFU_DEBUG=1 可查看详细堆栈 / set KEFU_DEBUG=1 for the stack trace）');
  }
  process.exit(d.exitCode);
}
