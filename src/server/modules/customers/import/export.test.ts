import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createRole, ok, userAs } from '../../org/org.fixtures.js';
import { createCustomer, customerAgent, type CustomerTest, setupCustomers } from '../customers.fixtures.js';
import { uploadImport } from './import.fixtures.js';

const FORMULA = "=cmd|' /C calc'!A0";

describe('customers: export', () => {
  let t: CustomerTest;
  const exportCsv = async (call: CustomerTest['admin'], qs = '') => {
    const res = await call({ method: 'GET', url: `/api/v1/customers/export?format=csv${qs}` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return { res, rows: parse(res.body, { bom: true, relax_column_count: true }) as string[][] };
  };
  const column = (rows: string[][], header: string) => rows.slice(1).map((r) => r[rows[0].indexOf(header)]);

  beforeAll(async () => {
    t = await setupCustomers();
    ok(await t.admin({ method: 'POST', url: '/api/v1/custom-fields', payload: { entity: 'customer', key: 'level', label: '会员等级', type: 'select', options: [{ value: 'gold', label: '金卡' }, { value: 'silver', label: '银卡' }] } }), 201);
    await createCustomer(t.admin, { name: FORMULA, phones: [{ value: '13712345678' }], email: 'a@example.com', tags: ['VIP'], custom: { level: 'gold' }, remark: '+1 好评', provinceCode: '44', cityCode: '4403', districtCode: '440305' });
    await createCustomer(t.admin, { kind: 'organization', name: '深圳市某某科技有限公司', phones: [{ value: '0755-86013388' }], lifecycleStatus: 'new', sourceChannel: 'exhibition' });
  });
  afterAll(async () => t.close());

  it('exports the view as UTF-8 CSV with BOM, Chinese headers and labels, formula prefixes escaped, audited', async () => {
    const { res, rows } = await exportCsv(t.admin);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-/);
    expect(rows[0].slice(0, 6)).toEqual(['名称', '英文名', '类型', '性别', '生日', '电话']);
    expect(rows[0]).toContain('会员等级');
    expect(rows).toHaveLength(3);
    const names = column(rows, '名称');
    expect(names).toContain(`'${FORMULA}`);
    expect(column(rows, '备注')).toContain("'+1 好评");
    expect(column(rows, '会员等级')).toContain('金卡');
    expect(column(rows, '所在地区')).toContain('广东省 深圳市 南山区');
    expect(column(rows, '状态')).toEqual(expect.arrayContaining(['潜在', '新客户']));
    expect(column(rows, '来源')).toContain('展会');
    expect(column(rows, '电话')).toEqual(expect.arrayContaining(['13712345678', '0755-86013388']));
    const [audit] = await auditRows(t, 'data.export');
    expect(audit).toMatchObject({ actor_id: t.adminId, entity_type: 'customer' });
    expect(audit.after).toMatchObject({ format: 'csv', rows: 2, truncated: false });
  });

  it('presents personal data through the caller’s field rules: a masking role exports masked phones', async () => {
    const exporter = await customerAgent(t, 'exporter', { scope: 'all', permissions: ['customers.read', 'data.export'] });
    const { rows } = await exportCsv(exporter.call);
    expect(column(rows, '电话')).toEqual(expect.arrayContaining(['137****5678']));
    expect(rows.flat().join('|')).not.toContain('13712345678');
    expect(column(rows, '邮箱').find((e) => e)).not.toBe('a@example.com');
  });

  it('applies search, filter, sort and columns; refuses unknown columns', async () => {
    const filter = encodeURIComponent(JSON.stringify({ conditions: [{ field: 'tags', op: 'has_any', value: ['VIP'] }] }));
    const byTag = await exportCsv(t.admin, `&filter=${filter}&columns=name,phone,custom.level`);
    expect(byTag.rows).toEqual([['名称', '电话', '会员等级'], [`'${FORMULA}`, '13712345678', '金卡']]);
    const bySearch = await exportCsv(t.admin, `&q=${encodeURIComponent('某某科技')}&columns=name,kind,lifecycleStatus`);
    expect(bySearch.rows).toEqual([['名称', '类型', '状态'], ['深圳市某某科技有限公司', '企业', '新客户']]);
    const bad = await t.admin({ method: 'GET', url: '/api/v1/customers/export?columns=name,password_hash' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('export_invalid_columns');
    const badFilter = await t.admin({ method: 'GET', url: `/api/v1/customers/export?filter=${encodeURIComponent('{"conditions":[{"field":"custom.nope","op":"eq","value":"x"}]}')}` });
    expect(badFilter.statusCode).toBe(400);
  });

  it('exports XLSX with string cells (never formulas) and English headers for an English user', async () => {
    const role = await createRole(t.admin, 'exporter_en', ['customers.read', 'data.export'], { scopes: { customers: 'all' }, fieldRules: { phone: 'show' } });
    const english = await userAs(t, 'exporter_en', { roleIds: [role.id], departmentId: t.rootDeptId, locale: 'en' });
    const res = await english.call({ method: 'GET', url: '/api/v1/customers/export?format=xlsx&sort=name&columns=name,phone,lifecycleStatus,isInternal' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Customers');
    expect(ws.getRow(1).values).toEqual([undefined, 'Name', 'Phone', 'Status', 'Internal']);
    const cell = ws.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${FORMULA}`);
    expect(ws.getRow(2).values).toEqual([undefined, `'${FORMULA}`, '13712345678', 'Potential', 'No']);
  });

  it('pages through a large view with the keyset (no row twice, none missed)', async () => {
    const lines = ['姓名,手机'];
    for (let i = 0; i < 1100; i++) lines.push(`导出${i},1397${String(i).padStart(7, '0')}`);
    const uploaded = ok<{ id: string }>(await uploadImport(t.admin, 'many.csv', lines.join('\n')), 201);
    ok(await t.admin({ method: 'POST', url: `/api/v1/customer-imports/${uploaded.id}/run` }), 202);
    await t.kefu.jobs.drain();
    for (const sort of ['-created_at', 'name']) {
      const { res, rows } = await exportCsv(t.admin, `&sort=${sort}&columns=name,phone`);
      expect(rows).toHaveLength(1 + 1102);
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1102);
      expect(res.headers['x-export-rows']).toBe('1102');
    }
  });

  it('needs data.export and customers.read', async () => {
    const reader = await customerAgent(t, 'reader_only', { scope: 'all' });
    const denied = await reader.call({ method: 'GET', url: '/api/v1/customers/export' });
    expect(denied.statusCode).toBe(403);
    const role = await createRole(t.admin, 'export_only', ['data.export']);
    const exportOnly = await userAs(t, 'export_only', { roleIds: [role.id], departmentId: t.rootDeptId });
    expect((await exportOnly.call({ method: 'GET', url: '/api/v1/customers/export' })).statusCode).toBe(403);
  });
});
