import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../server/bootstrap.js';
import { openDatabase } from '../server/platform/db.js';
import { templatePath } from '../server/testing/template-path.js';

/**
 * The `kefu` command as operators run it: real processes, real signals, exit codes and output.
 * Data directories start from the migrated test template, so no process pays for initdb.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-cli-test-'));
const SLOW = 180_000;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(work, { recursive: true, force: true });
});

async function preparedDataDir(name: string, withOrg = false): Promise<string> {
  const dir = path.join(work, name);
  const db = await openDatabase({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(templatePath())]) });
  if (withOrg) await bootstrap(db.db, { adminPassword: 'Admin-Pass-2026' });
  await db.close();
  return dir;
}

type Run = { proc: ChildProcess; out: () => string; exited: Promise<number | null> };

function kefu(args: string[], env: Record<string, string> = {}): Run {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    // The embedded engine unless a test passes DATABASE_URL; quiet logs; no progress bars.
    env: { ...process.env, DATABASE_URL: '', PORT: '0', KEFU_LOG_LEVEL: 'warn', KEFU_NO_PROGRESS: '1', KEFU_ADMIN_PASSWORD: 'Admin-Pass-2026', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, out: () => output, exited };
}

async function listening(run: Run, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(run.out());
    if (m) return m[1];
    if (run.proc.exitCode !== null) throw new Error(`server exited (${run.proc.exitCode}):\n${run.out()}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${run.out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const noStack = (text: string) => !/\n\s+at .+\(.+:\d+:\d+\)/.test(text);

describe('kefu serve', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await preparedDataDir('serve');
  }, SLOW);

  it(
    'finishes an in-flight request on SIGTERM, then exits 0',
    async () => {
      const server = kefu(['serve'], { KEFU_DATA_DIR: dataDir, KEFU_TEST_SLOW_ROUTE: '1' });
      const url = await listening(server);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const started = Date.now();
      const slow = fetch(`${url}/__test/slow?ms=2500`).then(async (r) => ({ status: r.status, body: await r.json() }));
      await new Promise((r) => setTimeout(r, 500));
      server.proc.kill('SIGTERM');
      const result = await slow;
      expect(result).toEqual({ status: 200, body: { ok: true, waitedMs: 2500 } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
      expect(await server.exited, server.out()).toBe(0);
      // no longer accepting
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      // the lock was released: the directory opens again
      const db = await openDatabase({ dataDir });
      await db.close();
    },
    SLOW,
  );

  it(
    'refuses a second process on the same data directory with a clear message',
    async () => {
      const first = kefu(['serve'], { KEFU_DATA_DIR: dataDir });
      await listening(first);
      const second = kefu(['serve'], { KEFU_DATA_DIR: dataDir });
      expect(await second.exited).not.toBe(0);
      expect(second.out()).toContain('正被另一个 Kefu 进程');
      expect(second.out()).toContain('is in use by another Kefu process');
      expect(noStack(second.out())).toBe(true);
      // backup of a directory in use is refused the same way
      const backup = kefu(['backup', path.join(work, 'while-running.tar.gz')], { KEFU_DATA_DIR: dataDir });
      expect(await backup.exited).toBe(1);
      expect(backup.out()).toContain('in use by another Kefu process');
      expect(fs.existsSync(path.join(work, 'while-running.tar.gz'))).toBe(false);
      first.proc.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    },
    SLOW,
  );
});

describe('kefu commands', () => {
  it(
    'create-admin adds an administrator who can sign in; migrate reports nothing to do; jobs run drains',
    async () => {
      const dataDir = await preparedDataDir('admin', true);
      const created = kefu(['create-admin', '--username', 'it-admin', '--password', 'Strong-Pass-7788', '--display-name', '信息部管理员'], { KEFU_DATA_DIR: dataDir });
      expect(await created.exited).toBe(0);
      expect(created.out()).toContain('administrator created: it-admin');
      const again = kefu(['create-admin', '-u', 'IT-ADMIN', '-p', 'Strong-Pass-7788'], { KEFU_DATA_DIR: dataDir });
      expect(await again.exited).toBe(1);
      expect(again.out()).toContain('已存在');
      expect(again.out()).toContain('already exists');

      const migrate = kefu(['migrate'], { KEFU_DATA_DIR: dataDir });
      expect(await migrate.exited).toBe(0);
      expect(migrate.out()).toContain('up to date');

      const jobs = kefu(['jobs', 'run'], { KEFU_DATA_DIR: dataDir });
      expect(await jobs.exited).toBe(0);
      expect(jobs.out()).toMatch(/ran \d+ job/);

      const server = kefu(['serve'], { KEFU_DATA_DIR: dataDir });
      const url = await listening(server);
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'it-admin', password: 'Strong-Pass-7788' }),
      });
      expect(login.status).toBe(200);
      server.proc.kill('SIGTERM');
      expect(await server.exited).toBe(0);

      const db = await openDatabase({ dataDir });
      try {
        const user = await db.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'it-admin').executeTakeFirstOrThrow();
        expect(user.display_name).toBe('信息部管理员');
        const audit = await db.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', user.id).where('action', '=', 'user.create').executeTakeFirstOrThrow();
        expect(audit).toEqual({ action: 'user.create', actor_name: 'kefu create-admin (CLI)' });
      } finally {
        await db.close();
      }
    },
    SLOW,
  );

  it(
    'prints expected errors in Chinese and English, without a stack trace, and exits non-zero',
    async () => {
      const cases: { args: string[]; env?: Record<string, string>; zh: string; en: string }[] = [
        { args: ['restore', path.join(work, 'no-such-backup.tar.gz')], zh: '找不到备份文件', en: 'not found' },
        { args: ['create-admin', '-u', 'x1', '-p', 'password'], zh: '密码无效', en: 'Invalid password' },
        { args: ['serve'], env: { PORT: 'not-a-port' }, zh: '配置无效', en: 'Invalid configuration' },
      ];
      for (const c of cases) {
        const run = kefu(c.args, { KEFU_DATA_DIR: path.join(work, 'unused'), ...(c.env ?? {}) });
        expect(await run.exited, run.out()).toBe(1);
        expect(run.out()).toContain(c.zh);
        expect(run.out()).toContain(c.en);
        expect(noStack(run.out()), run.out()).toBe(true);
      }
      const unknown = kefu(['frobnicate']);
      expect(await unknown.exited).not.toBe(0);
      expect(unknown.out()).toContain("unknown command 'frobnicate'");
    },
    SLOW,
  );
});

describe.skipIf(!process.env.DATABASE_URL)('kefu on PostgreSQL', () => {
  it(
    'serve drains and exits 0 on SIGTERM; backup and restore round-trip through the CLI',
    async () => {
      const base = process.env.DATABASE_URL!;
      const names = [`kefu_test_${randomBytes(6).toString('hex')}`, `kefu_test_${randomBytes(6).toString('hex')}`];
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      for (const n of names) await admin.query(`CREATE DATABASE ${n} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
      const urlOf = (n: string) => Object.assign(new URL(base), { pathname: `/${n}` }).toString();
      try {
        const env = { DATABASE_URL: urlOf(names[0]), KEFU_DATA_DIR: path.join(work, 'pg-a'), KEFU_TEST_SLOW_ROUTE: '1' };
        const server = kefu(['serve'], env);
        const url = await listening(server);
        const slow = fetch(`${url}/__test/slow?ms=1500`).then((r) => r.status);
        await new Promise((r) => setTimeout(r, 300));
        server.proc.kill('SIGTERM');
        expect(await slow).toBe(200);
        expect(await server.exited).toBe(0);

        const file = path.join(work, 'pg.tar.gz');
        const backup = kefu(['backup', file], env);
        expect(await backup.exited, backup.out()).toBe(0);
        const restore = kefu(['restore', file], { ...env, DATABASE_URL: urlOf(names[1]), KEFU_DATA_DIR: path.join(work, 'pg-b') });
        expect(await restore.exited, restore.out()).toBe(0);
        expect(restore.out()).toContain('restored');
        const c = new pg.Client({ connectionString: urlOf(names[1]) });
        await c.connect();
        expect((await c.query(`SELECT username FROM users`)).rows).toEqual([{ username: 'admin' }]);
        await c.end();
      } finally {
        for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
        await admin.end();
      }
    },
    SLOW,
  );
});
