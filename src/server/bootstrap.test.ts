import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../shared/permissions.js';
import { bootstrap } from './bootstrap.js';
import { createTestKefu } from './testing/harness.js';

describe('bootstrap', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  beforeAll(async () => {
    ctx = await createTestKefu();
  });
  afterAll(() => ctx.close());

  it('runs once and gives the administrator role permissions added since', async () => {
    await ctx.kefu.db.updateTable('roles').set({ permissions: ['audit.read'] }).where('code', '=', 'admin').execute();
    const again = await bootstrap(ctx.kefu.db, { adminPassword: 'Another-Pass-2026' });
    expect(again).toEqual({ created: false, orgId: ctx.orgId });
    const role = await ctx.kefu.db.selectFrom('roles').select('permissions').where('code', '=', 'admin').executeTakeFirstOrThrow();
    expect([...role.permissions].sort()).toEqual([...PERMISSIONS].sort());
    const orgs = await ctx.kefu.db.selectFrom('orgs').select('id').execute();
    expect(orgs).toHaveLength(1);
  });
});

describe('first start with KEFU_ADMIN_PASSWORD', () => {
  it('refuses a password that fails the policy, with a clear message and exit code 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-weak-admin-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
        env: { ...process.env, DATABASE_URL: '', KEFU_DATA_DIR: dir, KEFU_ADMIN_PASSWORD: '123456', PORT: '0', KEFU_LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('KEFU_ADMIN_PASSWORD 不符合密码规则');
      expect(run.stderr).toContain('does not meet the password policy');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
