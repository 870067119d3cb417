import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/platform/audit.js';
import { createTestKefu } from '../../server/testing/harness.js';
import { registerAuditCommand, runAuditExport, runAuditVerify } from './audit.js';

function capture() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { out, text: () => text };
}

describe('kefu audit', () => {
  let ctx: Awaited<ReturnType<typeof createTestKefu>>;
  beforeAll(async () => {
    ctx = await createTestKefu();
    for (let i = 1; i <= 6; i++) {
      await ctx.kefu.db.transaction().execute((tx) => recordAudit(tx, { orgId: ctx.orgId, action: 'customer.update', entityId: `c${i}`, actorName: '张三', after: { i } }));
    }
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('registers verify and export subcommands', () => {
    const program = new Command('kefu');
    registerAuditCommand(program);
    const audit = program.commands.find((c) => c.name() === 'audit')!;
    expect(audit.commands.map((c) => c.name())).toEqual(['verify', 'export']);
  });

  it('verify prints OK and exits 0 on an intact chain', async () => {
    const c = capture();
    expect(await runAuditVerify(ctx.kefu.db, { out: c.out, locale: 'en' })).toBe(0);
    expect(c.text()).toBe('Audit chain intact: 6 entries verified\n');
    const j = capture();
    expect(await runAuditVerify(ctx.kefu.db, { out: j.out, json: true, orgId: ctx.orgId })).toBe(0);
    expect(JSON.parse(j.text())).toEqual({ ok: true, checked: 6 });
  });

  it('export writes every entry as a JSON line and records the export', async () => {
    const c = capture();
    expect(await runAuditExport(ctx.kefu.db, { out: c.out })).toBe(6);
    const lines = c.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines[0]).toMatchObject({ action: 'customer.update', entity_id: 'c1', prev_hash: '', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lines[1].prev_hash).toBe(lines[0].hash);
    const recorded = await ctx.kefu.db.selectFrom('audit_log').selectAll().where('action', '=', 'data.export').executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ seq: 7, entity_type: 'audit_log', actor_name: 'kefu CLI' });
    const incremental = capture();
    expect(await runAuditExport(ctx.kefu.db, { out: incremental.out, fromSeq: 5, orgId: ctx.orgId })).toBe(3);
  });

  it('verify prints the first broken link and exits 1', async () => {
    await sql`DELETE FROM audit_log WHERE org_id = ${ctx.orgId} AND seq = 3`.execute(ctx.kefu.db);
    const c = capture();
    expect(await runAuditVerify(ctx.kefu.db, { out: c.out, locale: 'zh-CN' })).toBe(1);
    expect(c.text()).toContain('审计链在第 3 条处断裂：序号不连续（记录被删除）');
  });
});
