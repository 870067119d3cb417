import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu } from '../testing/harness.js';
import { entryHash, recordAudit } from './audit.js';
import { verifyAuditChain } from './audit-verify.js';
import { uuidv7 } from './ids.js';

describe('audit chain verification', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  beforeAll(async () => {
    ctx = await createTestKefu();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** A fresh organization with `n` audit entries, so each test tampers with its own chain. */
  async function orgWithEntries(n: number): Promise<string> {
    const db = ctx.kefu.db;
    const orgId = uuidv7();
    await db.insertInto('orgs').values({ id: orgId, name: `org ${orgId.slice(-4)}`, settings: '{}' }).execute();
    await db.insertInto('audit_heads').values({ org_id: orgId }).execute();
    await db.transaction().execute(async (tx) => {
      for (let i = 1; i <= n; i++) {
        await recordAudit(tx, {
          orgId,
          action: i % 2 ? 'customer.update' : 'ticket.create',
          entityType: 'customer',
          entityId: `c-${i}`,
          actorName: '张三',
          before: { name: `客户${i}`, n: i, nested: { tags: ['a', 'b'], ratio: 0.1 } },
          after: { name: `客户${i}'`, n: i + 1, empty: null },
          reason: i % 3 ? null : '客户要求',
          ip: '10.0.0.1',
        });
      }
    });
    return orgId;
  }

  const tamper = (text: string, orgId: string) => sql.raw(text.replaceAll(':org', `'${orgId}'`)).execute(ctx.kefu.db);

  it('checks every organization when none is named, and says which one is broken', async () => {
    const a = await orgWithEntries(3);
    const b = await orgWithEntries(4);
    const all = await verifyAuditChain(ctx.kefu.db);
    expect(all.ok).toBe(true);
    expect(all.checked).toBeGreaterThanOrEqual(7);
    await tamper(`UPDATE audit_log SET actor_name = '李四' WHERE org_id = :org AND seq = 2`, b);
    expect(await verifyAuditChain(ctx.kefu.db)).toMatchObject({ ok: false, reason: 'hash_mismatch', firstBrokenSeq: 2, orgId: b });
    expect(await verifyAuditChain(ctx.kefu.db, a)).toEqual({ ok: true, checked: 3 });
  });

  it('verifies an intact chain across batches, reporting progress', async () => {
    // built the way recordAudit builds entries, written in bulk to keep the test fast
    const orgId = await orgWithEntries(0);
    let prev = '';
    const rows = [];
    for (let seq = 1; seq <= 1100; seq++) {
      const fields = { org_id: orgId, seq, id: uuidv7(), at: new Date(1_767_225_600_000 + seq), actor_id: null, actor_name: '王五', ip: null, action: 'bulk.write', entity_type: 'ticket', entity_id: `t-${seq}`, before: null, after: { seq, 名称: '工单' }, reason: null, prev_hash: prev };
      prev = entryHash(fields);
      rows.push({ ...fields, after: JSON.stringify(fields.after), hash: prev });
    }
    for (let i = 0; i < rows.length; i += 250) await ctx.kefu.db.insertInto('audit_log').values(rows.slice(i, i + 250)).execute();
    await ctx.kefu.db.updateTable('audit_heads').set({ seq: 1100, hash: prev }).where('org_id', '=', orgId).execute();
    const progress: [number, number][] = [];
    const r = await verifyAuditChain(ctx.kefu.db, orgId, (done, total) => progress.push([done, total]));
    expect(r).toEqual({ ok: true, checked: 1100 });
    expect(progress[0]).toEqual([0, 1100]);
    expect(progress.at(-1)).toEqual([1100, 1100]);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('finds an UPDATE of one entry at that entry', async () => {
    const orgId = await orgWithEntries(12);
    await tamper(`UPDATE audit_log SET after = '{"name":"forged"}' WHERE org_id = :org AND seq = 7`, orgId);
    expect(await verifyAuditChain(ctx.kefu.db, orgId)).toMatchObject({ ok: false, firstBrokenSeq: 7, reason: 'hash_mismatch', checked: 6 });
  });

  it('finds a forged entry whose hash was recomputed at the next link', async () => {
    const orgId = await orgWithEntries(12);
    await tamper(`UPDATE audit_log SET hash = repeat('0', 64) WHERE org_id = :org AND seq = 5`, orgId);
    expect(await verifyAuditChain(ctx.kefu.db, orgId)).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'hash_mismatch' });
    const orgB = await orgWithEntries(12);
    // a careful forger rewrites entry 5 and its hash; entry 6 still names the old hash
    const row = await ctx.kefu.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgB).where('seq', '=', 5).executeTakeFirstOrThrow();
    const { hash: _old, ...fields } = row;
    const forged = { ...fields, seq: 5, after: { name: 'forged' } };
    await ctx.kefu.db
      .updateTable('audit_log')
      .set({ after: JSON.stringify(forged.after), hash: entryHash(forged) })
      .where('org_id', '=', orgB)
      .where('seq', '=', 5)
      .execute();
    expect(await verifyAuditChain(ctx.kefu.db, orgB)).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'link_mismatch' });
  });

  it('finds a deleted middle entry, a deleted tail and a forged head', async () => {
    const mid = await orgWithEntries(10);
    await tamper(`DELETE FROM audit_log WHERE org_id = :org AND seq = 4`, mid);
    expect(await verifyAuditChain(ctx.kefu.db, mid)).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'missing_entries' });

    const tail = await orgWithEntries(10);
    await tamper(`DELETE FROM audit_log WHERE org_id = :org AND seq >= 9`, tail);
    expect(await verifyAuditChain(ctx.kefu.db, tail)).toMatchObject({ ok: false, firstBrokenSeq: 9, reason: 'missing_entries', checked: 8 });

    const first = await orgWithEntries(3);
    await tamper(`DELETE FROM audit_log WHERE org_id = :org AND seq = 1`, first);
    expect(await verifyAuditChain(ctx.kefu.db, first)).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'missing_entries' });

    const head = await orgWithEntries(5);
    await tamper(`UPDATE audit_heads SET hash = 'x' WHERE org_id = :org`, head);
    expect(await verifyAuditChain(ctx.kefu.db, head)).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'head_mismatch' });

    const beyond = await orgWithEntries(5);
    await tamper(
      `INSERT INTO audit_log (org_id, seq, id, at, action, prev_hash, hash) SELECT org_id, 6, id, at, action, hash, 'y' FROM audit_log WHERE org_id = :org AND seq = 5`,
      beyond,
    );
    expect(await verifyAuditChain(ctx.kefu.db, beyond)).toMatchObject({ ok: false, firstBrokenSeq: 6, reason: 'head_mismatch' });
  });

  it('keeps one valid chain under 20 concurrent appends, each in its own transaction', async () => {
    const orgId = await orgWithEntries(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.kefu.db.transaction().execute(async (tx) => {
          await recordAudit(tx, { orgId, action: 'concurrent.write', entityId: String(i), after: { i } });
        }),
      ),
    );
    const seqs = await ctx.kefu.db.selectFrom('audit_log').select('seq').where('org_id', '=', orgId).orderBy('seq').execute();
    expect(seqs.map((s) => Number(s.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyAuditChain(ctx.kefu.db, orgId)).toEqual({ ok: true, checked: 20 });
  });

});
