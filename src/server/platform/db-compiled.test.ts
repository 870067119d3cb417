import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu } from '../testing/harness.js';
import { executeCompiledOnce } from './db-compiled.js';

describe('compile-once queries', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  beforeAll(async () => {
    ctx = await createTestKefu();
  });
  afterAll(() => ctx.close());

  it('binds each call’s values to the cached shape, including repeated and constant parameters', async () => {
    const run = (orgId: string, name: string) =>
      executeCompiledOnce(ctx.kefu.db, 'test.orgByIdAndName', { orgId, name }, (m) =>
        ctx.kefu.db
          .selectFrom('orgs')
          .select(['id', sql<string>`${'常量'}`.as('c')])
          .where('id', '=', m('orgId'))
          .where((eb) => eb.or([eb('name', '=', m('name')), eb('id', '=', m('orgId'))])),
      );
    const first = await run(ctx.orgId, '客服中心');
    expect(first).toEqual([{ id: ctx.orgId, c: '常量' }]);
    expect(await run('00000000-0000-7000-8000-000000000000', 'x')).toEqual([]);
    expect(await run(ctx.orgId, 'x')).toEqual([{ id: ctx.orgId, c: '常量' }]);
  });

  it('refuses a call that lacks a value for a marker', async () => {
    await expect(
      executeCompiledOnce(ctx.kefu.db, 'test.missing', {}, (m) => ctx.kefu.db.selectFrom('orgs').select('id').where('id', '=', m('orgId'))),
    ).rejects.toThrow(/no value for query parameter orgId/);
  });
});
