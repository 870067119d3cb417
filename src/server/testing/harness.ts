import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createKefu } from '../kernel.js';
import { bootstrap } from '../bootstrap.js';
import type { Kefu } from '../platform/context.js';
import { templatePath } from './template-path.js';

export const ADMIN_PASSWORD = 'Admin-Pass-2026';

export type TestApp = {
  app: FastifyInstance;
  kefu: Kefu;
  orgId: string;
  /** Session cookie header value for the bootstrap administrator. */
  adminCookie: string;
  close(): Promise<void>;
};

/** On PostgreSQL each test file gets its own database, created from template0 and dropped after. */
async function createPgDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE 'C.UTF-8' ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fresh Kefu (migrated, bootstrapped) on the engine the run uses; no HTTP port is opened.
 * `reuseDatabaseUrl` (PostgreSQL only) opens a second Kefu — a second server node — on the
 * database of an earlier one (its `databaseUrl`); that database is dropped by the first's close().
 */
export async function createTestKefu(overrides: Partial<Config> = {}, opts: { reuseDatabaseUrl?: string } = {}) {
  const baseUrl = process.env.DATABASE_URL;
  const pgdb = opts.reuseDatabaseUrl
    ? { url: opts.reuseDatabaseUrl, drop: async () => {} }
    : baseUrl
      ? await createPgDatabase(baseUrl)
      : null;
  const config = loadConfig({ ...process.env, KEFU_LOG_LEVEL: 'silent' }, { databaseUrl: pgdb?.url, dataDir: 'memory://', ...overrides });
  const loadDataDir = pgdb ? undefined : new Blob([fs.readFileSync(templatePath())]);
  const kefu = await createKefu(config, pgdb ? {} : { dataDir: 'memory://', loadDataDir });
  const boot = await bootstrap(kefu.db, { adminPassword: ADMIN_PASSWORD });
  return {
    kefu,
    orgId: boot.orgId,
    /** The PostgreSQL database this Kefu uses (null on the embedded engine). */
    databaseUrl: pgdb?.url ?? null,
    async close() {
      await kefu.close();
      await pgdb?.drop();
    },
  };
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { kefu, orgId, close } = await createTestKefu(overrides);
  const app = await buildApp({ kefu });
  await app.ready();
  const adminCookie = await loginCookie(app, 'admin', ADMIN_PASSWORD);
  return {
    app,
    kefu,
    orgId,
    adminCookie,
    async close() {
      await app.close();
      await close();
    },
  };
}

/** Logs in through the API and returns the `Cookie` header value. */
export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'kefu_session');
  if (!setCookie) throw new Error('no session cookie');
  return `kefu_session=${setCookie.value}`;
}

/** `inject` with a session cookie. */
export function as(app: FastifyInstance, cookie: string) {
  return (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
}
