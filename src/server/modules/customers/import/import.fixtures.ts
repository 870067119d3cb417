import ExcelJS from 'exceljs';
import { cnIdCheckChar } from '../../../../shared/cn-id-number.js';
import { creditCodeCheckChar } from '../../../../shared/credit-code.js';
import type { Call } from '../../org/org.fixtures.js';

/**
 * Test files for the import, generated in code: a sheet of valid customers with planted
 * errors of every kind, written as CSV (UTF-8 with BOM, or GBK) or XLSX (typed cells).
 */

export const HEADERS = ['姓名', '类型', '性别', '手机', '座机', '邮箱', '身份证号', '统一社会信用代码', '所在地区', '地址', '生日', '负责人', '标签', '状态', '来源', '备注', '会员等级'];
const COL = Object.fromEntries(HEADERS.map((h, i) => [h, i])) as Record<string, number>;

export const idNumber = (seq: number) => {
  const base = `11010519491231${String(seq % 1000).padStart(3, '0')}`;
  return base + cnIdCheckChar(base);
};
export const creditCode = (seq: number) => {
  const base = `91350100M0001${String(seq % 1000).padStart(3, '0')}Y`;
  return base + creditCodeCheckChar(base);
};
/** An ID number whose check character is X, written in lower case (valid). */
export function lowercaseXId(from = 0): string {
  for (let seq = from; ; seq++) {
    const id = idNumber(seq);
    if (id.endsWith('X')) return id.toLowerCase();
  }
}

export type Planted = { column: string; code: string };
export type TestSheet = { rows: string[][]; planted: Map<number, Planted>; validRows: number };

/**
 * `valid` good rows (mobiles `${prefix}NNNNNNN`) plus the planted errors; `existingPhone` is a
 * phone that a customer in the database already has. Row numbers count the header as row 1.
 */
export function plantedSheet(opts: { prefix: string; valid: number; existingPhone: string; owner: string }): TestSheet {
  const rows: string[][] = [];
  const planted = new Map<number, Planted>();
  const blank = () => HEADERS.map(() => '');
  let n = 0;
  const good = (over: Record<string, string> = {}) => {
    const r = blank();
    n++;
    r[COL['姓名']] = `客户${opts.prefix}${n}`;
    r[COL['手机']] = `${opts.prefix}${String(n).padStart(7, '0')}`;
    r[COL['邮箱']] = `c${opts.prefix}${n}@example.com`;
    r[COL['性别']] = n % 2 ? '男' : '女';
    r[COL['所在地区']] = '广东省深圳市南山区';
    r[COL['生日']] = '1990/5/6';
    r[COL['标签']] = 'VIP，老客户、重点';
    r[COL['状态']] = '现实';
    r[COL['来源']] = '展会';
    r[COL['会员等级']] = '金卡';
    for (const [k, v] of Object.entries(over)) r[COL[k]] = v;
    rows.push(r);
    return rows.length + 1;
  };
  const bad = (column: string, code: string, over: Record<string, string>) => planted.set(good(over), { column, code });
  for (let i = 0; i < opts.valid; i++) good();
  const firstPhone = rows[0][COL['手机']];
  const firstEmail = rows[0][COL['邮箱']];
  const seq = Number(opts.prefix.slice(-2)) * 10;
  // valid oddities: an organization, an owner by name, a landline, a lower-case x ID, zero-width spaces
  good({ 类型: '企业', 姓名: `${opts.prefix}科技有限公司`, 统一社会信用代码: creditCode(seq + 1), 座机: `0755-8601${opts.prefix.slice(-4)}`, 负责人: opts.owner });
  good({ 身份证号: lowercaseXId(seq + 10), 姓名: `王\u200b芳\u200c${opts.prefix}` });
  good({ 身份证号: idNumber(seq + 2), 生日: '1985年3月2日' });
  bad('手机', 'invalid_phone_number', { 手机: '1381234567' });
  bad('手机', 'invalid_phone_number', { 手机: '1'.repeat(50) });
  bad('身份证号', 'id_number_length', { 身份证号: idNumber(seq + 3).slice(0, 17) });
  bad('身份证号', 'id_number_checksum', { 身份证号: idNumber(seq + 4).slice(0, 17) + (idNumber(seq + 4).endsWith('1') ? '2' : '1') });
  bad('统一社会信用代码', 'credit_code_checksum', { 类型: '企业', 统一社会信用代码: creditCode(seq + 5).slice(0, 17) + (creditCode(seq + 5).endsWith('1') ? '2' : '1') });
  bad('姓名', 'name_emoji', { 姓名: '李雷😀' });
  bad('姓名', 'name_empty', { 姓名: '' });
  bad('所在地区', 'unknown_region', { 所在地区: '火星市奥林匹斯区' });
  bad('所在地区', 'unknown_region', { 所在地区: '朝阳区' });
  bad('生日', 'invalid_date', { 生日: '2023-02-30' });
  bad('生日', 'invalid_birthday', { 生日: '2999-01-01' });
  bad('负责人', 'unknown_owner', { 负责人: '查无此人' });
  bad('邮箱', 'invalid_email', { 邮箱: 'foo@@bar' });
  bad('状态', 'unknown_status', { 状态: '很好' });
  bad('类型', 'unknown_kind', { 类型: '外星人' });
  bad('性别', 'unknown_gender', { 性别: '未知' });
  bad('标签', 'too_long', { 标签: '这是一个非常非常非常非常非常非常长的标签名称' });
  bad('来源', 'unknown_source', { 来源: '飞鸽传书' });
  bad('会员等级', 'custom_invalid_option', { 会员等级: '钻石卡' });
  bad('座机', 'invalid_phone_number', { 座机: '010-123' });
  bad('手机', 'duplicate_in_file', { 手机: firstPhone });
  bad('邮箱', 'duplicate_in_file', { 邮箱: firstEmail });
  bad('身份证号', 'duplicate_in_file', { 身份证号: idNumber(seq + 2) });
  bad('手机', 'duplicate_existing_skip', { 手机: opts.existingPhone });
  return { rows, planted, validRows: rows.length - planted.size };
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const toCsv = (headers: string[], rows: string[][]) => [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** XLSX with typed cells, as Excel writes them: dates, numbers, rich text, a formula with its cached result. */
export async function toXlsx(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户名单');
  ws.addRow(headers);
  rows.forEach((r, i) => {
    const values: unknown[] = [...r];
    const day = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(r[COL['生日']]);
    if (day) values[COL['生日']] = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    if (/^1\d{10}$/.test(r[COL['手机']])) values[COL['手机']] = Number(r[COL['手机']]);
    if (i % 3 === 0 && r[COL['备注']] === '') values[COL['备注']] = { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] };
    if (i % 3 === 1 && r[COL['备注']] === '') values[COL['备注']] = { formula: '"公式"&"结果"', result: '公式结果' };
    ws.addRow(values);
  });
  ws.getColumn(COL['生日'] + 1).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** GBK bytes of a text, built from the platform's GB18030 decoder (Node has no GBK encoder). */
export function gbkEncode(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export function multipart(filename: string, content: Buffer | string, contentType = 'application/octet-stream') {
  const boundary = '----kefu' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { payload: Buffer.concat([head, body, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadImport(call: Call, filename: string, content: Buffer | string, contentType?: string) {
  const m = multipart(filename, content, contentType);
  return call({ method: 'POST', url: '/api/v1/customer-imports', payload: m.payload, headers: m.headers });
}
