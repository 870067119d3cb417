import type { Command } from 'commander';
import { createKefu } from '../../server/kernel.js';
import { cliConfig } from './common.js';

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('Background jobs (后台任务)');
  jobs
    .command('run')
    .description('Enqueue due schedules, run every due job once, and exit (for cron or maintenance windows)')
    .action(async (_o: unknown, cmd: Command) => {
      const kefu = await createKefu(cliConfig(cmd));
      try {
        const n = await kefu.jobs.drain();
        console.log(`已运行 ${n} 个任务 / ran ${n} job(s)`);
      } finally {
        await kefu.close();
      }
    });
}
