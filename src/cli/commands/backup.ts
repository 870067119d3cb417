import fs from 'node:fs';
import type { Command } from 'commander';
import { createBackup, type BackupManifest } from '../../server/platform/backup.js';
import { restoreBackup } from '../../server/platform/backup-restore.js';
import { createPhasedProgress, formatBytes } from '../progress.js';
import { cliConfig, dataTarget } from './common.js';

const phases = {
  database: { label: '数据库 / database', unit: 'count' as const },
  files: { label: '附件 / files', unit: 'bytes' as const },
};

function summary(m: BackupManifest): string {
  const rows = m.tables.reduce((s, t) => s + t.rows, 0);
  return `${m.tables.length} tables, ${rows} rows, ${m.files.count} files (${formatBytes(m.files.bytes)}), ${m.kind}, migrations ${m.migrations.length}`;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a backup (database + attachments) to FILE, a .tar.gz (备份)')
    .argument('<file>', 'output file, e.g. kefu-2026-01-31.tar.gz')
    .option('--logical', 'embedded engine: write a portable table-by-table backup (restorable into PostgreSQL) instead of the data-directory image')
    .option('-f, --force', 'overwrite FILE if it exists')
    .action(async (file: string, o: { logical?: boolean; force?: boolean }, cmd: Command) => {
      const config = cliConfig(cmd);
      const progress = createPhasedProgress(phases);
      try {
        const m = await createBackup({ target: dataTarget(config), file, logical: o.logical, force: o.force, onProgress: (e) => progress.update(e.phase, e.done, e.total) });
        progress.stop();
        console.log(`备份完成 / backup written: ${file} — ${summary(m)}, ${formatBytes(fs.statSync(file).size)}`);
      } finally {
        progress.stop();
      }
    });

  program
    .command('restore')
    .description('Restore a backup into the configured data directory or PostgreSQL database, which must be empty unless --force (恢复)')
    .argument('<file>', 'backup file written by kefu backup')
    .option('-f, --force', 'delete the data already in the target first')
    .action(async (file: string, o: { force?: boolean }, cmd: Command) => {
      const config = cliConfig(cmd);
      const progress = createPhasedProgress(phases);
      try {
        const m = await restoreBackup({ target: dataTarget(config), file, force: o.force, onProgress: (e) => progress.update(e.phase, e.done, e.total) });
        progress.stop();
        console.log(`恢复完成 / restored: ${summary(m)} (backup of ${m.createdAt})`);
      } finally {
        progress.stop();
      }
    });
}
