import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { CliError, cliConfig } from './common.js';
import { recordAudit } from '../../server/platform/audit.js';
import { verifyAuditChain, type AuditVerifyResult } from '../../server/platform/audit-verify.js';
import { DataDirLockedError } from '../../server/platform/db-lock.js';
import type { DB } from '../../server/platform/db-schema.js';
import { openDatabase } from '../../server/platform/db.js';
import { type Locale, pickLocale, t } from '../../server/platform/i18n.js';

const cliLocale = (): Locale => pickLocale(null, (process.env.LC_ALL || process.env.LANG || '').replace('_', '-'));

function progressBar(enabled: boolean, label: string) {
  if (!enabled) return null;
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
}

/** Human-readable verdict of a verification, in the given language. */
export function describeVerification(r: AuditVerifyResult, locale: Locale): string {
  if (r.ok) return t(locale, 'audit.verify.ok', { checked: r.checked });
  const reason = t(locale, `audit.verify.reasons.${r.reason}`);
  return `${t(locale, 'audit.verify.broken', { seq: r.firstBrokenSeq, reason })}${r.orgId ? ` (org ${r.orgId})` : ''}`;
}

/** `kefu audit verify`: recomputes the chain(s) with a progress bar; exit code 0 when intact, 1 when broken. */
export async function runAuditVerify(db: Kysely<DB>, opts: { orgId?: string; progress?: boolean; out?: Writable; json?: boolean; locale?: Locale }): Promise<number> {
  const out = opts.out ?? process.stdout;
  const bar = progressBar(opts.progress ?? false, 'verify');
  let started = false;
  const result = await verifyAuditChain(db, opts.orgId, (checked, total) => {
    if (!bar) return;
    if (!started) {
      bar.start(total, checked);
      started = true;
    } else bar.update(checked);
  });
  bar?.stop();
  out.write(opts.json ? `${JSON.stringify(result)}\n` : `${describeVerification(result, opts.locale ?? cliLocale())}\n`);
  return result.ok ? 0 : 1;
}

/**
 * `kefu audit export`: the organization's audit entries in seq order as JSON lines, with their
 * hashes, so an archive can be verified on its own. This is how audit retention works: entries
 * are archived, never deleted from the live chain (deleting would break it). The export itself
 * is recorded in the audit log.
 */
export async function runAuditExport(db: Kysely<DB>, opts: { orgId?: string; out: Writable; fromSeq?: number; progress?: boolean }): Promise<number> {
  const org = opts.orgId
    ? await db.selectFrom('audit_heads').select(['org_id', 'seq']).where('org_id', '=', opts.orgId).executeTakeFirst()
    : await db.selectFrom('audit_heads').select(['org_id', 'seq']).orderBy('org_id').executeTakeFirst();
  if (!org) throw new Error(`no audit chain for organization ${opts.orgId ?? '(none)'}`);
  const head = Number(org.seq);
  const bar = progressBar(opts.progress ?? false, 'export');
  bar?.start(head, 0);
  let next = opts.fromSeq ?? 1;
  let written = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('org_id', '=', org.org_id).where('seq', '>=', next).where('seq', '<=', head).orderBy('seq').limit(1000).execute();
    for (const r of rows) {
      if (!opts.out.write(`${JSON.stringify({ ...r, at: r.at.toISOString() })}\n`)) await once(opts.out, 'drain');
      written++;
      next = Number(r.seq) + 1;
    }
    bar?.update(next - 1);
    if (rows.length < 1000) break;
  }
  bar?.stop();
  // in a transaction: recordAudit holds the chain head's row lock until commit
  await db.transaction().execute((tx) => recordAudit(tx, { orgId: org.org_id, action: 'data.export', entityType: 'audit_log', actorName: 'kefu CLI', after: { fromSeq: opts.fromSeq ?? 1, toSeq: head, entries: written } }));
  return written;
}

async function withDatabase<T>(cmd: Command, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  // --data-dir / --database-url apply here as for every other command.
  const config = cliConfig(cmd);
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Audit log: verify the hash chain, export an archive (审计日志)');
  audit
    .command('verify')
    .description('Recompute every hash and report the first broken link; exit code 1 when broken')
    .option('--org <id>', 'only this organization (default: every organization)')
    .option('--json', 'print the result as JSON')
    .action(async (o: { org?: string; json?: boolean }, cmd: Command) => {
      const code = await withDatabase(cmd, (db) => runAuditVerify(db, { orgId: o.org, json: o.json, progress: process.stderr.isTTY }));
      process.exitCode = code;
    });
  audit
    .command('export')
    .description('Write the audit log as JSON lines (archive for retention; entries are never deleted)')
    .requiredOption('--out <file>', 'output file, or - for standard output')
    .option('--org <id>', 'organization (default: the first one)')
    .option('--from-seq <n>', 'start at this sequence number (incremental archives)', (v) => Number.parseInt(v, 10))
    .action(async (o: { out: string; org?: string; fromSeq?: number }, cmd: Command) => {
      if (o.fromSeq !== undefined && (!Number.isInteger(o.fromSeq) || o.fromSeq < 1)) throw new Error('--from-seq must be a positive integer');
      const toStdout = o.out === '-';
      if (!toStdout && fs.existsSync(o.out)) throw new CliError('cli.output_exists', { file: o.out });
      const out = toStdout ? process.stdout : fs.createWriteStream(o.out, { flags: 'wx' });
      const n = await withDatabase(cmd, (db) => runAuditExport(db, { orgId: o.org, out, fromSeq: o.fromSeq, progress: !toStdout && process.stderr.isTTY }));
      if (!toStdout) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      console.error(`${n} entries exported`);
    });
}
