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
