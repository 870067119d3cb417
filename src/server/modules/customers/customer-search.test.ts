import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../org/org.fixtures.js';
import { createCustomer, type CustomerTest, setupCustomers } from './customers.fixtures.js';
import { refreshSearchTokens, searchTuning } from './customers.repo.js';
import { customerSearchTokens } from './search-tokens.js';

type Item = { id: string; name: string; ownerName: string | null };

async function allPages(t: CustomerTest, q: string, limit: number): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/customers?q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page: { items: Item[]; nextCursor: string | null } = ok(await t.admin({ method: 'GET', url }));
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('customers: search pages', () => {
  let t: CustomerTest;
  beforeAll(async () => {
    t = await setupCustomers();
    for (const name of ['段誉', '段', '段正淳', '王小段', '王语嫣', '段延庆', '段正明']) await createCustomer(t.admin, { name, ownerId: t.adminId });
  });
  afterAll(async () => t.close());
  afterEach(() => {
    searchTuning.broadRows = 10_000;
  });

  it('ranks a narrow search: the exact name, then names starting with it, newest first within each', async () => {
    const items = await allPages(t, '段', 2);
    expect(items.map((i) => i.name)).toEqual(['段', '段正明', '段延庆', '段正淳', '段誉', '王小段']);
    expect(items.every((i) => typeof i.ownerName === 'string')).toBe(true);
  });

  it('lists a broad search newest first after the exact name, and pages through it without gaps or repeats', async () => {
    searchTuning.broadRows = 0;
    for (const limit of [1, 2, 50]) expect((await allPages(t, '段', limit)).map((i) => i.name)).toEqual(['段', '段正明', '段延庆', '王小段', '段正淳', '段誉']);
    expect((await allPages(t, 'dzm', 1)).map((i) => i.name)).toEqual(['段正明']);
    const first = ok(await t.admin({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('段正')}&limit=1` }));
    expect(first.items[0]).toMatchObject({ name: '段正明', ownerName: expect.any(String) });
  });

  it('recomputes stored tokens after the token rules change, keeping the version', async () => {
    const org = await createCustomer(t.admin, { kind: 'organization', name: '深圳市众星物流有限公司', phones: [{ value: '0755-86013388' }] });
    const expected = customerSearchTokens({ name: '深圳市众星物流有限公司', phones: ['0755-86013388'] });
    await t.kefu.db.updateTable('customers').set({ search_tokens: [...expected, 'py:gongsi', 'py:zhenshi'] }).where('id', '=', org.id).execute();
    expect(await refreshSearchTokens(t.kefu.db, undefined, 2)).toBe(1);
    const row = await t.kefu.db.selectFrom('customers').select(['search_tokens', 'version']).where('id', '=', org.id).executeTakeFirstOrThrow();
    expect([...row.search_tokens].sort()).toEqual([...expected].sort());
    expect(row.version).toBe(org.version);
    expect(await refreshSearchTokens(t.kefu.db)).toBe(0);
  });
});
