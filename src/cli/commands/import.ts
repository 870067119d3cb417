import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadActor } from '../../server/platform/actor.js';
import type { Kefu } from '../../server/platform/context.js';
import { AppError } from '../../server/platform/errors.js';
import { FileStore, resolveFilesDir } from '../../server/platform/files.js';
import { type Locale, t } from '../../server/platform/i18n.js';
import { createKefu } from '../../server/kernel.js';
import { targetLabel } from '../../server/modules/customers/import/column-mapping.js';
import { MAX_BYTES } from '../../server/modules/customers/import/import-parse.js';
import { reportWorkbook } from '../../server/modules/customers/import/import-report.js';
import { runImport } from '../../server/modules/customers/import/import-run.js';
import * as imports from '../../server/modules/customers/import/import.service.js';
import { createProgress } from '../progress.js';
import { CliError, cliConfig } from './common.js';

type Options = { mapping: string; duplicates: string; dryRun?: boolean; as: string; report?: string };

/** Exit code when rows had errors: the valid rows were imported (or would be), the rest were not. */
export const EXIT_ROW_ERRORS = 2;
const SHOWN_PROBLEMS = 20;

/** An API refusal as a bilingual CLI error. */
function cliErrorOf(err: AppError): CliError {
  const params = err.details && typeof err.details === 'object' && !Array.isArray(err.details) ? (err.details as Record<string, unknown>) : {};
  const details = Array.isArray(err.details) ? (err.details as { message?: string }[]).map((d) => d.message).filter(Boolean).join('; ') : '';
  return new CliError('cli.import_rejected', { reason: (l: Locale) => `${err.explicitMessage && l === 'zh-CN' ? err.explicitMessage : t(l, `errors.${err.code}`, params)}${details ? `: ${details}` : ''}` });
}

async function findActor(kefu: Kefu, username: string) {
  const user = await kefu.db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.org_id', 'users.username'])
    .where(sql<boolean>`lower(users.username) = lower(${username})`)
    .where('users.status', '=', 'active')
    .orderBy('orgs.created_at')
    .executeTakeFirst();
  const actor = user ? await loadActor(kefu.db, user.org_id, user.id, { ip: 'cli' }) : null;
  if (!actor) throw new CliError('cli.import_user_missing', { username });
  if (!actor.permissions.has('customers.import')) throw new CliError('cli.import_no_permission', { username });
  return actor;
}

function readMapping(file: string): Record<string, string> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('{"表头": "field"}');
    return parsed as Record<string, string>;
  } catch (err) {
    throw new CliError('cli.import_mapping_invalid', { file, reason: (err as Error).message });
  }
}

/**
 * `kefu import customers FILE`: the same import as the web page — upload, mapping, dry run,
 * run in one transaction — for files too big to click through. Prints the validation summary
 * and the first problems, then a progress bar while importing. Exit code 0 when every row was
 * fine, 2 when rows had errors (the valid ones are imported), 1 when nothing could be done.
 */
export function registerImportCommand(program: Command): void {
  const group = program.command('import').description('Import data from files (导入)');
  group
    .command('customers')
    .description('Import customers from a CSV (UTF-8 or GBK) or XLSX file (导入客户)')
    .argument('<file>', '.csv or .xlsx, first row = headers (≤ 50 MB, ≤ 200,000 rows)')
    .option('--mapping <auto|file.json>', 'column mapping: auto (from the headers) or a JSON file {"表头": "field"}', 'auto')
    .option('--duplicates <mode>', 'when a row matches an existing customer (phone, e-mail, credit code, ID number): skip | update | merge', 'skip')
    .option('--dry-run', 'validate and report only; write no customer')
    .option('--as <username>', 'the importing user: default owner of new customers, whose data scope applies', 'admin')
    .option('--report <file.xlsx>', 'also write the validation report (row, column, problem) to this file')
    .action(async (file: string, o: Options, cmd: Command) => {
      if (!['skip', 'update', 'merge'].includes(o.duplicates)) throw new CliError('cli.config_invalid', { problems: `--duplicates ${o.duplicates}` });
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) throw new CliError('cli.import_file_missing', { file });
      if (stat.size > MAX_BYTES) throw new CliError('cli.import_rejected', { reason: (l: Locale) => t(l, 'errors.import_too_large', { limit: '50 MB' }) });
      const mapping = o.mapping === 'auto' ? undefined : readMapping(o.mapping);
      const kefu = await createKefu(cliConfig(cmd));
      try {
        const actor = await findActor(kefu, o.as);
        const ctx = { kefu, actor };
        const store = new FileStore(resolveFilesDir(kefu.config));
        let view;
        try {
          const created = await imports.createImport(ctx, store, { bytes: fs.readFileSync(file), filename: path.basename(file) });
          await imports.updateImport(ctx, created.id, { mapping, duplicateMode: o.duplicates as 'skip' | 'update' | 'merge' });
          console.log(`${created.filename}: ${created.totalRows} 行 / rows`);
          const defs = created.targets;
          const chosen = mapping ?? created.mapping;
          for (const header of created.headers) {
            const target = chosen[header];
            if (target) console.log(`  ${header} → ${defs.find((d) => d.target === target)?.label ?? targetLabel(target, [], actor.locale)}`);
          }
          const checking = createProgress('校验 / validating');
          try {
            view = await imports.validate(ctx, created.id, { onProgress: (done, total) => checking.update(done, total) });
          } finally {
            checking.stop();
          }
        } catch (err) {
          if (err instanceof AppError) throw cliErrorOf(err);
          throw err;
        }
        const c = view.counts;
        console.log(`新建 to create: ${c.created}   更新 to update: ${c.updated}   重复跳过 duplicates skipped: ${c.skipped}   有错误 rows with errors: ${c.errors}`);
        for (const p of view.problems.slice(0, SHOWN_PROBLEMS)) console.log(`  第 ${p.row} 行 row ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
        if (view.problemCount > SHOWN_PROBLEMS) console.log(`  … ${view.problemCount - SHOWN_PROBLEMS} more / 另有 ${view.problemCount - SHOWN_PROBLEMS} 条`);
        if (o.report) {
          const row = await kefu.db.selectFrom('customer_imports').select('problems').where('id', '=', view.id).executeTakeFirstOrThrow();
          fs.writeFileSync(o.report, await reportWorkbook(row.problems, actor.locale));
          console.log(`报告 / report: ${o.report}`);
        }
        if (o.dryRun) {
          if (c.errors > 0) process.exitCode = EXIT_ROW_ERRORS;
          return;
        }
        const progress = createProgress('导入 / importing');
        let result;
        try {
          result = await runImport(kefu, actor, view.id, { onProgress: (done, total) => progress.update(done, total) });
        } catch (err) {
          progress.stop();
          const reason = err instanceof AppError ? err.code : (err as Error).message;
          throw new CliError('cli.import_failed', { reason });
        }
        progress.stop();
        console.log(`已导入 / imported: 新建 created ${result.created}, 更新 updated ${result.updated}, 跳过 skipped ${result.skipped}, 错误 errors ${result.errors}`);
        if (result.errors > 0) process.exitCode = EXIT_ROW_ERRORS;
      } finally {
        await kefu.close();
      }
    });
}
