import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * Two real server processes on one PostgreSQL database (ARCHITECTURE "Scale-out"): a session
 * made on node A works on node B, an event raised on A reaches a WebSocket client of B, and a
 * job runs exactly once while both nodes run their job loops. The embedded engine is single-node
 * by construction (its data directory is locked), so this runs only when DATABASE_URL is set.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'Admin-Pass-2026';
const SLOW = 180_000;

type Node = { proc: ChildProcess; url: string; out: () => string; exited: Promise<number | null> };

function startNode(databaseUrl: string, nodeId: string, filesDir: string): { proc: ChildProcess; out: () => string; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      KEFU_NODE_ID: nodeId,
      KEFU_ADMIN_PASSWORD: PASSWORD,
      KEFU_TEST_ROUTES: '1',
      KEFU_LOG_LEVEL: 'warn',
      KEFU_FILES_DIR: filesDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, out: () => output, exited };
}

async function listening(n: ReturnType<typeof startNode>): Promise<Node> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(n.out());
    if (m) return { ...n, url: m[1] };
    if (n.proc.exitCode !== null) throw new Error(`node exited (${n.proc.exitCode}):\n${n.out()}`);
    if (Date.now() > deadline) throw new Error(`node did not start:\n${n.out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!process.env.DATABASE_URL)('two server nodes on one PostgreSQL database', () => {
  const base = process.env.DATABASE_URL!;
  const dbName = `kefu_test_${randomBytes(6).toString('hex')}`;
  const dbUrl = Object.assign(new URL(base || 'postgres://x/y'), { pathname: `/${dbName}` }).toString();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-multinode-'));
  let a: Node;
  let b: Node;
  let sql: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
    await admin.end();
    sql = new pg.Client({ connectionString: dbUrl });
    await sql.connect();
    // Where the test-only job records each run: one row per execution.
    await sql.query('CREATE TABLE kefu_test_effects (job_id uuid NOT NULL, node text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    // Both nodes start at once on the empty database: migrations and first-start bootstrap race.
    [a, b] = await Promise.all([listening(startNode(dbUrl, 'node-a', filesDir)), listening(startNode(dbUrl, 'node-b', filesDir))]);
  }, SLOW);

  afterAll(async () => {
    for (const n of [a, b]) {
      if (n && n.proc.exitCode === null) {
        n.proc.kill('SIGTERM');
        await n.exited;
      }
    }
    await sql?.end();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }, SLOW);

  it('starting together, the nodes create one organization and apply each migration once', async () => {
    expect((await sql.query('SELECT count(*)::int AS n FROM orgs')).rows[0].n).toBe(1);
    const migrations = (await sql.query('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name')).rows;
    expect(migrations.length).toBeGreaterThan(0);
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
  });

  it(
    'a session from node A works on node B, and an event raised on A reaches a WebSocket client of B',
    async () => {
      const login = await fetch(`${a.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const session = login.headers.getSetCookie().find((c) => c.startsWith('kefu_session='));
      expect(session).toBeDefined();
      const cookie = session!.split(';')[0];

      const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect((await me.json()).username).toBe('admin');

      const ws = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/realtime`, { headers: { cookie } });
      const messages: { type: string; data: unknown }[] = [];
      ws.on('message', (raw) => messages.push(JSON.parse(raw.toString())));
      await until(async () => messages.find((m) => m.type === 'ready'));

      const published = await fetch(`${a.url}/api/v1/__test/events`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'ticket.created', data: { ticketId: 'T-1001', subject: '跨节点事件' } }),
      });
      expect(published.status).toBe(202);
      expect((await published.json()).node).toBe('node-a');
      const got = await until(async () => messages.find((m) => m.type === 'ticket.created'));
      expect(got.data).toEqual({ ticketId: 'T-1001', subject: '跨节点事件' });
      ws.close();
    },
    SLOW,
  );

  it(
    'each job enqueued once runs exactly once while both nodes run their job loops',
    async () => {
      const login = await fetch(`${b.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('kefu_session='))!.split(';')[0];
      const res = await fetch(`${b.url}/api/v1/__test/jobs`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ count: 40 }) });
      expect(res.status).toBe(202);
      const { ids } = (await res.json()) as { ids: string[] };
      expect(new Set(ids).size).toBe(40);
      await until(async () => {
        const r = await sql.query(`SELECT count(*)::int AS n FROM jobs WHERE name = 'ops.test_effect' AND status = 'succeeded'`);
        return r.rows[0].n === 40;
      }, 90_000);
      const effects = (await sql.query('SELECT job_id, node FROM kefu_test_effects')).rows as { job_id: string; node: string }[];
      expect(effects).toHaveLength(40);
      expect(new Set(effects.map((e) => e.job_id))).toEqual(new Set(ids));
      expect(effects.every((e) => e.node === 'node-a' || e.node === 'node-b')).toBe(true);
      // the nodes announced themselves for stale-lock recovery
      const nodes = (await sql.query('SELECT node_id FROM job_nodes ORDER BY node_id')).rows.map((r) => r.node_id);
      expect(nodes).toEqual(['node-a', 'node-b']);
    },
    SLOW,
  );

  it(
    'stopping one node leaves the other serving',
    async () => {
      a.proc.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
      expect((await sql.query(`SELECT node_id FROM job_nodes`)).rows.map((r) => r.node_id)).toEqual(['node-b']);
    },
    SLOW,
  );
});
