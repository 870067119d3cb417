import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../../platform/actor.js';
import type { RealtimeEvent } from '../../../platform/context.js';
import { auditRows, ok, userAs } from '../../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, search, setupCustomers } from '../customers.fixtures.js';
import { gbkEncode, HEADERS, plantedSheet, toCsv, toXlsx, uploadImport } from './import.fixtures.js';
import { runImport } from './import-run.js';
import { PROGRESS_EVENT } from './import-progress.js';

type View = {
  id: string;
  status: string;
  headers: string[];
  mapping: Record<string, string>;
  totalRows: number;
  processedRows: number;
  counts: { created: number; updated: number; skipped: number; errors: number };
  problemCount: number;
  problems: { row: number; column: string | null; code: string; message: string }[];
  failure: string | null;
};

const EXISTING_PHONE = '13700000001';

describe('customers: import', () => {
  let t: CustomerTest;
  const customerCount = async () => Number((await t.kefu.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', t.orgId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupCustomers();
    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'customer', key: 'level', label: '会员等级', type: 'select', options: [{ value: 'gold', label: '金卡' }, { value: 'silver', label: '银卡' }] } }), 201);
    await userAs(t, 'wangjl', { displayName: '王经理', departmentId: t.rootDeptId });
    await createCustomer(t.admin, { name: '老客户甲', phones: [{ value: EXISTING_PHONE }] });
  });
  afterAll(async () => t.close());

  async function validateAndCheck(view: View, sheet: ReturnType<typeof plantedSheet>) {
    const validated = ok<View>(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${view.id}/validate` }));
    expect(validated.status).toBe('validated');
    // every planted error is reported at its row and column, with its code
    for (const [row, p] of sheet.planted) {
      const found = validated.problems.filter((x) => x.row === row);
      expect(found.map((x) => `${x.column}:${x.code}`), `row ${row}`).toContain(`${p.column}:${p.code}`);
      expect(found.every((x) => x.message.length > 0)).toBe(true);
    }
    // nothing else is flagged: valid rows carry no problem
    const flaggedRows = new Set(validated.problems.map((p) => p.row));
    expect([...flaggedRows].sort((a, b) => a - b)).toEqual([...sheet.planted.keys()].sort((a, b) => a - b));
    expect(validated.counts).toEqual({ created: sheet.validRows, updated: 0, skipped: 1, errors: sheet.planted.size - 1 });
    return validated;
  }

  it('uploads a UTF-8 CSV with BOM, suggests the mapping, reports every planted error, imports the valid rows', async () => {
    const sheet = plantedSheet({ prefix: '1391', valid: 30, existingPhone: EXISTING_PHONE, owner: '王经理' });
    expect(sheet.planted.size).toBeGreaterThanOrEqual(20);
    const uploaded = ok<View & { preview: string[][] }>(await uploadImport(t.admin, '客户名单.csv', '\uFEFF' + toCsv(HEADERS, sheet.rows), 'text/csv'), 201);
    expect(uploaded).toMatchObject({ status: 'uploaded', headers: HEADERS, totalRows: sheet.rows.length });
    expect(uploaded.preview).toHaveLength(5);
    expect(uploaded.mapping).toEqual({
      姓名: 'name', 类型: 'kind', 性别: 'gender', 手机: 'phone', 座机: 'phone', 邮箱: 'email', 身份证号: 'idNumber', 统一社会信用代码: 'creditCode',
      所在地区: 'region', 地址: 'address', 生日: 'birthday', 负责人: 'owner', 标签: 'tags', 状态: 'lifecycleStatus', 来源: 'sourceChannel', 备注: 'remark', 会员等级: 'custom.level',
    });
    const before = await customerCount();
    const validated = await validateAndCheck(uploaded, sheet);
    expect(await customerCount()).toBe(before); // a dry run writes nothing

    // the report downloads as XLSX with Chinese headers
    const report = await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}/report.xlsx` });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
    expect(ws.rowCount).toBe(validated.problemCount + 1);

    const started = ok<View>(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    expect(started.status).toBe('running');
    await t.kefu.jobs.drain();
    const done = ok<View>(await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}` }));
    expect(done).toMatchObject({ status: 'done', processedRows: sheet.rows.length, counts: validated.counts });
    expect(await customerCount()).toBe(before + sheet.validRows);
    // the index entries the import deferred were merged by a job after it committed
    const merges = await t.kefu.db.selectFrom('jobs').select(['status', 'result']).where('name', '=', 'customers.gin_merge').execute();
    expect(merges.length).toBeGreaterThan(0);
    expect(merges.every((j) => j.status === 'succeeded')).toBe(true);

    const db = t.kefu.db;
    const cleaned = await db.selectFrom('customers').selectAll().where('name', '=', '王芳1391').executeTakeFirstOrThrow();
    expect(cleaned.id_number_masked).toMatch(/X$/);
    const org = await db.selectFrom('customers').selectAll().where('name', '=', '1391科技有限公司').executeTakeFirstOrThrow();
    const manager = await db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'wangjl').executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: 'organization', owner_id: manager.id, department_id: manager.department_id });
    expect(org.phones).toEqual([{ value: '13910000031', kind: 'mobile', label: null }, { value: '0755-86011391', kind: 'landline', label: null }]);
    const first = await db.selectFrom('customers').selectAll().where('name', '=', '客户13911').executeTakeFirstOrThrow();
    expect(first).toMatchObject({ lifecycle_status: 'active', source_channel: 'exhibition', gender: 'male', birthday: '1990-05-06', province_code: '44', city_code: '4403', district_code: '440305', tags: ['VIP', '老客户', '重点'], custom: { level: 'gold' }, owner_id: t.adminId });
    expect(first.search_tokens).toContain('in:kh');
    const phones = await db.selectFrom('customer_phones').select('phone').where('customer_id', '=', first.id).execute();
    expect(phones.map((p) => p.phone)).toEqual(['13910000001']);
    const timeline = await db.selectFrom('customer_timeline').select(['kind', 'source_id']).where('customer_id', '=', first.id).execute();
    expect(timeline).toEqual([{ kind: 'created', source_id: uploaded.id }]);
    const history = await db.selectFrom('customer_status_history').select('to_status').where('customer_id', '=', first.id).execute();
    expect(history).toEqual([{ to_status: 'active' }]);
    // one audit entry for the whole import
    const audits = await auditRows(t, 'customer.import');
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ created: sheet.validRows, skipped: 1, errors: sheet.planted.size - 1 });
    expect(await auditRows(t, 'customer.create')).toHaveLength(1); // only the fixture's customer
  });

  it('reads an XLSX with typed cells (dates, numbers, rich text, formulas) the same way', async () => {
    const sheet = plantedSheet({ prefix: '1392', valid: 20, existingPhone: EXISTING_PHONE, owner: 'wangjl' });
    const uploaded = ok<View>(await uploadImport(t.admin, '客户名单.xlsx', await toXlsx(HEADERS, sheet.rows)), 201);
    expect(uploaded).toMatchObject({ headers: HEADERS, totalRows: sheet.rows.length });
    await validateAndCheck(uploaded, sheet);
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    await t.kefu.jobs.drain();
    expect(ok<View>(await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}` })).status).toBe('done');
    const rows = await t.kefu.db.selectFrom('customers').select(['name', 'birthday', 'phones', 'remark']).where('name', 'like', '客户1392%').orderBy('name').execute();
    expect(rows).toHaveLength(20 + 1); // the 20 valid rows and the row dated 1985年3月2日
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('客户13921')).toMatchObject({ birthday: '1990-05-06', phones: [{ value: '13920000001', kind: 'mobile', label: null }], remark: '富文本' });
    expect(byName.get('客户13922')!.remark).toBe('公式结果');
    const org = await t.kefu.db.selectFrom('customers').select('owner_id').where('name', '=', '1392科技有限公司').executeTakeFirstOrThrow();
    const manager = await t.kefu.db.selectFrom('users').select('id').where('username', '=', 'wangjl').executeTakeFirstOrThrow();
    expect(org.owner_id).toBe(manager.id); // matched by username this time
  });

  it('decodes a GBK CSV (Excel on Chinese Windows) and a semicolon-separated one', async () => {
    const text = '客户名称,手机号码,所在地区,备注\r\n赵钱孙,13930000001,北京市朝阳区,老客户\r\n周吴郑,13930000002,浙江 杭州 西湖,\r\n';
    const gbk = gbkEncode(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const uploaded = ok<View>(await uploadImport(t.admin, 'gbk.csv', gbk, 'application/vnd.ms-excel'), 201);
    expect(uploaded.headers).toEqual(['客户名称', '手机号码', '所在地区', '备注']);
    expect(uploaded.mapping).toEqual({ 客户名称: 'name', 手机号码: 'phone', 所在地区: 'region', 备注: 'remark' });
    const validated = ok<View>(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/validate` }));
    expect(validated.counts).toEqual({ created: 2, updated: 0, skipped: 0, errors: 0 });
    const stored = await t.kefu.db.selectFrom('files').select('content_type').where('id', '=', (await t.kefu.db.selectFrom('customer_imports').select('file_id').where('id', '=', uploaded.id).executeTakeFirstOrThrow()).file_id).executeTakeFirstOrThrow();
    expect(stored.content_type).toBe('text/csv; charset=utf-8'); // a regular file record, stored as UTF-8
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    await t.kefu.jobs.drain();
    const zhao = await t.kefu.db.selectFrom('customers').select(['province_code', 'district_code', 'remark']).where('name', '=', '赵钱孙').executeTakeFirstOrThrow();
    expect(zhao).toEqual({ province_code: '11', district_code: '110105', remark: '老客户' });
    const zhou = await t.kefu.db.selectFrom('customers').select(['city_code', 'district_code']).where('name', '=', '周吴郑').executeTakeFirstOrThrow();
    expect(zhou).toEqual({ city_code: '3301', district_code: '330106' });

    const semi = ok<View>(await uploadImport(t.admin, 'semi.csv', 'Name;Mobile;E-mail\n"Li; Lei";13930000003;LI@EXAMPLE.COM\n'), 201);
    expect(semi.mapping).toEqual({ Name: 'name', Mobile: 'phone', 'E-mail': 'email' });
    const v = ok<View>(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${semi.id}/validate` }));
    expect(v.counts.created).toBe(1);
  });

  async function importCsv(csv: string, mode: 'skip' | 'update' | 'merge') {
    const uploaded = ok<View>(await uploadImport(t.admin, 'dup.csv', csv), 201);
    ok(await t.admin({ method: 'PATCH', url: `/api/v1/customer-imports/${uploaded.id}`, payload: { duplicateMode: mode } }));
    const validated = ok<View>(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/validate` }));
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    await t.kefu.jobs.drain();
    const done = ok<View>(await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}` }));
    expect(done.status).toBe('done');
    expect(done.counts).toEqual(validated.counts); // the dry run predicted the run
    return done;
  }

  it('follows the duplicate mode: skip leaves, update overwrites with non-empty values, merge fills only empty fields', async () => {
    const existing = await createCustomer(t.admin, { name: '重复测试', phones: [{ value: '13940000001' }], company: '旧公司', tags: ['老'], custom: { level: 'silver' } });
    const csv = '姓名,手机,邮箱,公司,标签,会员等级,状态,备注\r\n重复测试新名,13940000001,new@example.com,新公司,新,金卡,现实,\r\n';
    const load = () => t.kefu.db.selectFrom('customers').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();

    const skipped = await importCsv(csv, 'skip');
    expect(skipped.counts).toEqual({ created: 0, updated: 0, skipped: 1, errors: 0 });
    expect(skipped.problems).toEqual([expect.objectContaining({ row: 2, column: '手机', code: 'duplicate_existing_skip' })]);
    expect(await load()).toMatchObject({ name: '重复测试', company: '旧公司', email: null, version: 1 });

    const merged = await importCsv(csv, 'merge');
    expect(merged.counts).toEqual({ created: 0, updated: 1, skipped: 0, errors: 0 });
    expect(await load()).toMatchObject({ name: '重复测试', company: '旧公司', email: 'new@example.com', tags: ['老'], custom: { level: 'silver' }, lifecycle_status: 'potential', version: 2 });

    const updated = await importCsv(csv, 'update');
    expect(updated.problems.map((p) => p.code)).toEqual(['duplicate_existing_update']);
    expect(await load()).toMatchObject({ name: '重复测试新名', company: '新公司', email: 'new@example.com', tags: ['老', '新'], custom: { level: 'gold' }, lifecycle_status: 'active', remark: '', version: 3 });
    const kinds = await t.kefu.db.selectFrom('customer_timeline').select('kind').where('customer_id', '=', existing.id).execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['created', 'status', 'updated', 'updated']);
    expect(await search(t.admin, 'chongfuceshixinming')).toEqual(['重复测试新名']); // search tokens follow the new name

    // updating and merging change existing customers: that needs customers.update
    const importer = await customerAgent(t, 'importer_only', { scope: 'all', permissions: ['customers.read', 'customers.import'] });
    const mine = ok<View>(await uploadImport(importer.call, 'dup.csv', csv), 201);
    const refused = await importer.call({ method: 'PATCH', url: `/api/v1/customer-imports/${mine.id}`, payload: { duplicateMode: 'update' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('import_needs_update_permission');
    // someone else's import does not exist for them
    expect((await importer.call({ method: 'GET', url: `/api/v1/customer-imports/${skipped.id}` })).statusCode).toBe(404);
  });

  it('leaves nothing behind when the run fails midway; progress travels as realtime events; a re-run imports', async () => {
    const lines = ['姓名,手机'];
    for (let i = 0; i < 1200; i++) lines.push(`批量${i},1395${String(i).padStart(7, '0')}`);
    const uploaded = ok<View>(await uploadImport(t.admin, 'big.csv', lines.join('\n')), 201);
    expect(uploaded.totalRows).toBe(1200);
    const actor = (await loadActor(t.kefu.db, t.orgId, t.adminId, { ip: '127.0.0.1' }))!;
    const events: RealtimeEvent[] = [];
    const unsubscribe = t.kefu.events.subscribe((e) => {
      if (e.type === PROGRESS_EVENT) events.push(e);
    });
    const before = { customers: await customerCount(), audits: (await auditRows(t, 'customer.import')).length };
    await expect(
      runImport(t.kefu, actor, uploaded.id, {
        chunkSize: 500,
        onProgress: (done) => {
          if (done >= 1000) throw new Error('forced failure after 1,000 rows');
        },
      }),
    ).rejects.toThrow('forced failure');
    await new Promise((resolve) => setTimeout(resolve, 10));
    unsubscribe();
    expect(await customerCount()).toBe(before.customers);
    expect(await t.kefu.db.selectFrom('customer_phones').select('phone').where('phone', 'like', '1395%').execute()).toEqual([]);
    expect(await t.kefu.db.selectFrom('customer_timeline').select('id').where('source_id', '=', uploaded.id).execute()).toEqual([]);
    expect((await auditRows(t, 'customer.import')).length).toBe(before.audits);
    const failed = ok<View>(await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}` }));
    expect(failed.status).toBe('failed');
    expect(failed.failure).toBeTruthy();
    expect(events.map((e) => (e.data as { processed: number }).processed)).toEqual([500, 1000]);
    expect(events[0]).toMatchObject({ orgId: t.orgId, userIds: [t.adminId], data: { id: uploaded.id, phase: 'import', total: 1200 } });

    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    await t.kefu.jobs.drain();
    const done = ok<View>(await t.admin({ method: 'GET', url: `/api/v1/customer-imports/${uploaded.id}` }));
    expect(done).toMatchObject({ status: 'done', processedRows: 1200, counts: { created: 1200, updated: 0, skipped: 0, errors: 0 } });
    expect(await customerCount()).toBe(before.customers + 1200);
    const again = await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('import_wrong_status');
  });

  it('refuses what it cannot import with a clear message, and callers without customers.import', async () => {
    const tooMany = await uploadImport(t.admin, 'many.csv', '姓名\n' + 'a\n'.repeat(200_001));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error).toMatchObject({ code: 'import_too_many_rows', message: expect.stringContaining('200000') });
    const huge = await uploadImport(t.admin, 'huge.csv', Buffer.alloc(50 * 1_048_576 + 10, 0x61));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('import_too_large');
    const txt = await uploadImport(t.admin, 'list.txt', '姓名\n张三\n');
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error.message).toBe('只能导入 CSV 或 XLSX 文件（.csv / .xlsx）');
    const empty = await uploadImport(t.admin, 'empty.csv', '姓名,手机\n');
    expect(empty.json().error.code).toBe('import_empty');
    const fake = await uploadImport(t.admin, 'fake.xlsx', 'not a zip');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('import_unreadable');

    const uploaded = ok<View>(await uploadImport(t.admin, 'm.csv', '姓名,手机,奇怪的列\n张三,13960000001,x\n'), 201);
    expect(uploaded.mapping).toEqual({ 姓名: 'name', 手机: 'phone' });
    for (const [mapping, code] of [
      [{ 姓名: 'name', 手机: 'password_hash' }, 'unknown_target'],
      [{ 手机: 'phone' }, 'missing_name'],
      [{ 姓名: 'name', 不存在: 'phone' }, 'unknown_header'],
      [{ 姓名: 'name', 手机: 'name' }, 'duplicate_target'],
    ] as const) {
      const res = await t.admin({ method: 'PATCH', url: `/api/v1/customer-imports/${uploaded.id}`, payload: { mapping } });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.details.map((d: { code: string }) => d.code)).toContain(code);
    }
    const remapped = ok<View>(await t.admin({ method: 'PATCH', url: `/api/v1/customer-imports/${uploaded.id}`, payload: { mapping: { 姓名: 'name', 手机: 'phone', 奇怪的列: 'remark' } } }));
    expect(remapped.mapping).toEqual({ 姓名: 'name', 手机: 'phone', 奇怪的列: 'remark' });
    const list = ok<{ items: { id: string }[] }>(await t.admin({ method: 'GET', url: '/api/v1/customer-imports' }));
    expect(list.items[0].id).toBe(uploaded.id);

    const agent = await customerAgent(t, 'no_import');
    expect((await uploadImport(agent.call, 'a.csv', '姓名\n张三\n')).statusCode).toBe(403);
  });
});
