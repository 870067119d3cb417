import type { Command } from 'commander';
import { loadConfig, type Config } from '../../server/config.js';
import { BackupError, type DataTarget } from '../../server/platform/backup.js';
import { DataDirLockedError } from '../../server/platform/db-lock.js';
import { resolveFilesDir } from '../../server/platform/files.js';
import { type Locale, t } from '../../server/platform/i18n.js';

/** A parameter that reads differently per language (e.g. a nested localized reason). */
type Param = unknown | ((locale: Locale) => string);

/** An expected CLI failure: printed in Chinese and English, no stack trace, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, Param> = {},
    readonly exitCode = 1,
  ) {
    super(key);
    this.name = 'CliError';
  }
}

function render(locale: Locale, key: string, params: Record<string, Param>): string {
  const resolved = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'function' ? (v as (l: Locale) => string)(locale) : v]));
  return t(locale, key, resolved);
}

/** Both languages, Chinese first: operators of a Chinese enterprise, docs in English. */
export function bilingual(key: string, params: Record<string, Param> = {}): string {
  return `${t('zh-CN', 'cli.error')}：${render('zh-CN', key, params)}\n${t('en', 'cli.error')}: ${render('en', key, params)}`;
}

/** Turns an error into what the operator sees; expected errors carry no stack trace. */
export function describeError(err: unknown): { text: string; expected: boolean; exitCode: number } {
  if (err instanceof CliError) return { text: bilingual(err.key, err.params), expected: true, exitCode: err.exitCode };
  if (err instanceof BackupError) return { text: bilingual(err.key, err.params), expected: true, exitCode: 1 };
  if (err instanceof DataDirLockedError) return { text: err.message, expected: true, exitCode: 1 };
  const e = err as NodeJS.ErrnoException & { code?: string };
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === '28P01' || e?.code === '3D000') {
    return { text: `错误：无法连接数据库（${e.message}）\nError: cannot connect to the database (${e.message})`, expected: true, exitCode: 1 };
  }
  if (e instanceof Error && /^Migration \S+ failed/.test(e.message)) {
    return { text: `错误：数据库迁移失败：${e.message}\nError: ${e.message}`, expected: true, exitCode: 1 };
  }
  const message = e instanceof Error ? e.message : String(err);
  return { text: `错误 / Error: ${message}`, expected: false, exitCode: 1 };
}

/** Global options (`--data-dir`, `--database-url`) override the environment. */
export type GlobalOptions = { dataDir?: string; databaseUrl?: string };

/**
 * The configuration for a command: environment (empty values count as unset, so
 * `DATABASE_URL=` selects the embedded engine) with the global options on top.
 */
export function cliConfig(cmd: Command, overrides: Partial<Config> = {}): Config {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''));
  if (g.dataDir) env.KEFU_DATA_DIR = g.dataDir;
  if (g.databaseUrl) env.DATABASE_URL = g.databaseUrl;
  try {
    return loadConfig(env, overrides);
  } catch (err) {
    const problems = (err as Error).message.replace(/^[^:]*:\s*/, '');
    throw new CliError('cli.config_invalid', { problems });
  }
}

export function dataTarget(config: Config): DataTarget {
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, filesDir: resolveFilesDir(config) };
}
