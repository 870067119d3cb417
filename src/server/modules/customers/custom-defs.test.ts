import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/actor.js';
import { ok } from '../org/org.fixtures.js';
import { type CustomerTest, setupCustomers } from './customers.fixtures.js';
import { countCustomers, customDefsFor } from './customers.service.js';

describe('custom-field definitions of a service call chain', () => {
  let t: CustomerTest;
  beforeAll(async () => {
    t = await setupCustomers();
  });
  afterAll(async () => t.close());

  it('are read once per request context and afresh for the next one', async () => {
    const org = await t.kefu.db.selectFrom('users').select('org_id').where('id', '=', t.adminId).executeTakeFirstOrThrow();
    const actor = await loadActor(t.kefu.db, org.org_id, t.adminId, { ip: '127.0.0.1' });
    const first = { kefu: t.kefu, actor: actor! };
    const loaded = customDefsFor(first);
    expect(customDefsFor(first)).toBe(loaded);
    await countCustomers(first, {});
    expect(customDefsFor(first)).toBe(loaded);

    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'customer', key: 'grade', label: '等级', type: 'text' } }), 201);
    expect((await customDefsFor(first)).map((d) => d.key)).not.toContain('grade');
    const next = { kefu: t.kefu, actor: actor! };
    expect((await customDefsFor(next)).map((d) => d.key)).toContain('grade');
  });
});
