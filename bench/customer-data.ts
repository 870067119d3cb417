/**
 * Customer data for the §2 benchmark (`npm run bench:customers`): one organization's customer
 * file, realistic enough that the search box and the register meet the selectivities they meet
 * in production. Deterministic (seeded) except the time anchor (now).
 *
 * - 80 % people: Chinese names (bench/generate.ts), 1–2 mobiles, some e-mail, WeChat, English
 *   names, gender, birthday, company and job title;
 *   20 % organizations: 深圳市华腾科技有限公司-like names with a valid 统一社会信用代码 for the
 *   city, a landline of the city (and a mobile), e-mail, legal representative, capital.
 * - lifecycle statuses, classifications, source channels and tags with skewed distributions;
 *   owners spread over ~200 users in five departments (5 % unowned), one agent owning ~5,000;
 *   created_at over the last 3 years in insertion order (ids are UUID v7 of created_at).
 * - search_tokens are computed by the app's own `tokensOf`; phones are validated by the app's
 *   `normalizeCnPhone` and credit codes by `parseCreditCode` on a sample, so a generator change
 *   that drifts from the app fails loudly. customer_phones is filled the way `replacePhones` does.
 *
 * Loading: PostgreSQL COPY (pg-copy-streams) on PostgreSQL, COPY FROM '/dev/blob' on PGlite,
 * with the secondary indexes dropped during the load and re-created from their own definitions.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pinyin } from 'pinyin-pro';
import type { DB } from '../src/server/platform/db-schema.js';
import { uuidv7 } from '../src/server/platform/ids.js';
import { tokensOf } from '../src/server/modules/customers/customers.service.js';
import type { PhoneEntry } from '../src/server/modules/customers/customers.tables.js';
import { regionName } from '../src/server/modules/regions/regions.data.js';
import { creditCodeCheckChar, parseCreditCode } from '../src/shared/credit-code.js';
import { normalizeCnPhone } from '../src/shared/phone.js';
import { chineseName, mobile, rng } from './generate.js';

type R = () => number;
const pick = <T>(r: R, list: readonly T[]): T => list[Math.floor(r() * list.length)];
/** Skewed towards the head of the list (r² puts ~50 % of picks in the first 30 %). */
const pickSkewed = <T>(r: R, list: readonly T[]): T => list[Math.floor(r() * r() * list.length)];
function weighted<T extends string>(r: R, table: readonly (readonly [T, number])[]): T {
  let x = r() * table.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
}

// City: region codes (GB/T 2260), landline area code, English name.
const CITIES = [
  { city: '4403', districts: ['440303', '440304', '440305', '440306', '440307'], area: '0755', en: 'Shenzhen', w: 14 },
  { city: '4401', districts: ['440103', '440104', '440106', '440111'], area: '020', en: 'Guangzhou', w: 10 },
  { city: '1101', districts: ['110101', '110105', '110108', '110106'], area: '010', en: 'Beijing', w: 12 },
  { city: '3101', districts: ['310101', '310104', '310115', '310112'], area: '021', en: 'Shanghai', w: 12 },
  { city: '3301', districts: ['330102', '330106', '330108', '330110'], area: '0571', en: 'Hangzhou', w: 7 },
  { city: '5101', districts: ['510104', '510105', '510107', '510116'], area: '028', en: 'Chengdu', w: 6 },
  { city: '4201', districts: ['420102', '420106', '420111'], area: '027', en: 'Wuhan', w: 5 },
  { city: '3201', districts: ['320102', '320104', '320106'], area: '025', en: 'Nanjing', w: 5 },
  { city: '3205', districts: ['320505', '320506', '320508'], area: '0512', en: 'Suzhou', w: 5 },
  { city: '6101', districts: ['610102', '610103', '610113'], area: '029', en: "Xi'an", w: 4 },
  { city: '5001', districts: ['500103', '500105', '500106'], area: '023', en: 'Chongqing', w: 4 },
  { city: '4419', districts: [] as string[], area: '0769', en: 'Dongguan', w: 4 },
  { city: '4406', districts: ['440604', '440605', '440606'], area: '0757', en: 'Foshan', w: 4 },
  { city: '3502', districts: ['350203', '350205', '350206'], area: '0592', en: 'Xiamen', w: 3, local: 7 },
] as const;
const ROADS = ['科技园路', '深南大道', '人民路', '中山路', '解放路', '建设路', '长江路', '和平路', '滨海大道', '创业路', '高新南一道', '学府路'];
const BRAND = '华腾讯达信安恒通联创新智云佳源盛宏远美金瑞泰昌隆鑫宇博嘉晟德康汇众合天海星辰光明阳正中兴和顺祥富贵';
const INDUSTRIES = [
  ['科技', 'Technology', '信息技术'], ['电子', 'Electronics', '电子制造'], ['贸易', 'Trading', '批发零售'], ['网络', 'Network', '互联网'],
  ['信息技术', 'Information Technology', '信息技术'], ['实业', 'Industrial', '制造业'], ['物流', 'Logistics', '交通物流'],
  ['餐饮管理', 'Catering Management', '餐饮'], ['医疗器械', 'Medical Devices', '医疗健康'], ['教育咨询', 'Education Consulting', '教育'],
  ['建筑工程', 'Construction', '建筑'], ['生物科技', 'Biotech', '医疗健康'],
] as const;
const ENGLISH_FIRST = ['David', 'Michael', 'Kevin', 'Jason', 'Tony', 'Eric', 'Jack', 'Peter', 'Vincent', 'Leo', 'Alex', 'Frank', 'Sam', 'Ryan', 'Ken',
  'Grace', 'Amy', 'Linda', 'Cindy', 'Emily', 'Helen', 'Vivian', 'Cathy', 'Sophia', 'Angela', 'Iris', 'Wendy', 'Joyce', 'Coco', 'Lily'];
const EMAIL_DOMAINS = ['163.com', '126.com', 'qq.com', 'sina.com', 'gmail.com', 'outlook.com', 'foxmail.com', 'hotmail.com'];
const JOB_TITLES = ['经理', '采购经理', '总监', '工程师', '行政专员', '财务', '店长', '销售代表', '总经理', '项目经理', '主管'];
export const TAGS = ['VIP', '老客户', '高价值', '价格敏感', '复购', '重点跟进', '待回访', '投诉过', '线上', '线下', '电商', '转介绍', '经销商', '代理商',
  '展会', '团购', '潜力', '流失预警', '年度大客户', '华南', '华东', '华北', '西南', '政府', '教育', '医疗', '金融', '制造', '海外', '黑名单'];
const STATUSES = [['potential', 30], ['new', 10], ['active', 35], ['at_risk', 8], ['churned', 12], ['won_back', 5]] as const;
const SOURCES = [['phone', 25], ['web', 20], ['wechat', 20], ['referral', 10], ['walk_in', 5], ['exhibition', 5], ['sales', 8], ['email', 3], ['import', 3], ['other', 1]] as const;
const DEPARTMENTS = ['销售一部', '销售二部', '大客户部', '客户服务部', '华南区域部'];
const YEAR_MS = 365 * 86_400_000;

export type Owner = { id: string; departmentId: string };
export type CustomerRowOut = {
  id: string; kind: 'individual' | 'organization'; name: string; name_en: string | null; gender: 'male' | 'female' | null;
  birthday: string | null; phones: PhoneEntry[]; email: string | null; wechat: string | null; province_code: string | null;
  city_code: string | null; district_code: string | null; address: string | null; company: string | null; job_title: string | null;
  credit_code: string | null; industry: string | null; company_size: string | null; legal_rep: string | null;
  registered_capital_fen: number | null; source_channel: string | null; owner_id: string | null; department_id: string | null;
  lifecycle_status: string; class_marketing: string | null; class_management: string | null; class_product: string | null;
  is_internal: boolean; tags: string[]; remark: string; search_tokens: string[]; last_activity_at: Date | null;
  created_at: Date; updated_at: Date; version: number;
};

/** UUID v7 for a given millisecond, random bits from the seeded generator. */
function uuidv7At(ms: number, r: R): string {
  const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
  const t = hex(ms, 12);
  const rand = (bits: number) => r() * 2 ** bits;
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(rand(12), 3)}-${hex(0x8000 + rand(14), 4)}-${hex(rand(24), 6)}${hex(rand(24), 6)}`;
}

/** 9-character organization code (GB 11714) with its check character. */
function orgCode(serial: number): string {
  const body = String(serial).padStart(8, '0');
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** 统一社会信用代码: 9 (market regulator) 1 (enterprise), the district, the organization code, the check character. */
export function creditCode(districtCode: string, serial: number): string {
  const first17 = `91${districtCode}${orgCode(serial)}`;
  return first17 + creditCodeCheckChar(first17);
}

const surnamePinyin = new Map<string, string>();
function pinyinOf(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true }).map((s) => s.toLowerCase());
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function surnameEn(name: string): string {
  const s = name.charAt(0);
  let p = surnamePinyin.get(s);
  if (!p) surnamePinyin.set(s, (p = cap(pinyinOf(s)[0] ?? 'li')));
  return p;
}

export type GenerateOptions = {
  count: number;
  seed?: number;
  owners: readonly Owner[];
  /** The 本人-scope agent: gets ~`agentCustomers` of the customers. */
  agent: Owner;
  agentCustomers?: number;
  /** Numbers organizations from here, so a second batch (an import file) has fresh credit codes. */
  serialBase?: number;
  now?: number;
};

/** Query material kept while generating: the search box is cycled through real values. */
export type Samples = {
  persons: { name: string; nameEn: string | null; phones: string[]; email: string | null }[];
  orgs: { name: string; brand: string; creditCode: string; phone: string; email: string | null; nameEn: string | null }[];
};
export type SampleSet = { all: Samples; agent: Samples };

/** Yields the customers in created order; `samples` fills as it goes (about 300 of each kind). */
export function* customerRows(opts: GenerateOptions, samples?: SampleSet): Generator<CustomerRowOut> {
  const r = rng(opts.seed ?? 2026);
  const now = opts.now ?? Date.now();
  const start = now - 3 * YEAR_MS;
  const agentShare = Math.min((opts.agentCustomers ?? 5000) / opts.count, 0.25);
  const sampleEvery = Math.max(1, Math.floor(opts.count / 1500));
  const cityTable = CITIES.map((c, i) => [String(i), c.w] as const);
  let orgSerial = opts.serialBase ?? 1;
  for (let i = 0; i < opts.count; i++) {
    const createdMs = Math.floor(start + ((i + r()) / opts.count) * 3 * YEAR_MS);
    const city = CITIES[Number(weighted(r, cityTable))];
    const district = city.districts.length > 0 ? pick(r, city.districts) : null;
    const provinceCode = city.city.slice(0, 2);
    const isOrg = r() < 0.2;
    const owner = r() < agentShare ? opts.agent : r() < 0.05 ? null : pickSkewed(r, opts.owners);
    const row: CustomerRowOut = {
      id: uuidv7At(createdMs, r), kind: isOrg ? 'organization' : 'individual', name: '', name_en: null, gender: null, birthday: null,
      phones: [], email: null, wechat: null, province_code: r() < 0.85 ? provinceCode : null, city_code: null, district_code: null,
      address: null, company: null, job_title: null, credit_code: null, industry: null, company_size: null, legal_rep: null,
      registered_capital_fen: null, source_channel: weighted(r, SOURCES), owner_id: owner?.id ?? null, department_id: owner?.departmentId ?? null,
      lifecycle_status: weighted(r, STATUSES), class_marketing: null, class_management: null, class_product: null, is_internal: r() < 0.005,
      tags: [], remark: '', search_tokens: [], last_activity_at: null, created_at: new Date(createdMs), updated_at: new Date(createdMs), version: 1,
    };
    if (row.province_code) {
      row.city_code = city.city;
      row.district_code = district;
      if (district && r() < 0.7) {
        const names = [regionName(provinceCode), city.city.startsWith('11') || city.city.startsWith('31') || city.city.startsWith('50') ? '' : regionName(city.city), regionName(district)];
        row.address = `${names.join('')}${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`;
      }
    }
    if (isOrg) {
      const [industry, industryEn, sector] = pick(r, INDUSTRIES);
      const brand = Array.from({ length: r() < 0.8 ? 2 : 3 }, () => pick(r, [...BRAND])).join('');
      const cityName = (regionName(city.city.startsWith('11') || city.city.startsWith('31') || city.city.startsWith('50') ? provinceCode : city.city) ?? '深圳市');
      const prefix = r() < 0.85 ? cityName : '';
      row.name = `${prefix}${brand}${industry}${r() < 0.85 ? '有限公司' : '股份有限公司'}`;
      const serial = orgSerial++;
      row.credit_code = creditCode(district ?? `${city.city}00`, serial);
      row.industry = sector;
      row.company_size = weighted(r, [['micro', 40], ['small', 35], ['medium', 18], ['large', 7]]);
      row.legal_rep = chineseName(r);
      row.registered_capital_fen = (10 + Math.floor(r() * r() * 10_000)) * 10_000 * 100;
      const local = 'local' in city ? city.local : 8;
      // Not every local number is allocated: draw until the app's own normalizer accepts one.
      let landline = '';
      for (let tries = 0; !landline || normalizeCnPhone(landline)?.value !== landline; tries++) {
        if (tries > 50) throw new Error(`no valid landline for area ${city.area}`);
        landline = `${city.area}-${2 + Math.floor(r() * 7)}${String(Math.floor(r() * 1e7)).padStart(7, '0')}`.slice(0, city.area.length + 1 + local);
      }
      row.phones.push({ value: landline, kind: 'landline', label: '总机' });
      if (r() < 0.5) row.phones.push({ value: mobile(r), kind: 'mobile', label: '联系人' });
      const domain = `${pinyinOf(brand).join('')}${serial % 97}.com${r() < 0.3 ? '.cn' : ''}`;
      if (r() < 0.6) row.email = `${pick(r, ['info', 'service', 'sales', 'contact', 'hr'])}@${domain}`;
      if (r() < 0.3) row.name_en = `${prefix ? `${city.en} ` : ''}${cap(pinyinOf(brand).join(''))} ${industryEn} Co., Ltd.`;
      const set = samples && (owner === opts.agent ? samples.agent : i % sampleEvery === 0 ? samples.all : null);
      if (set && set.orgs.length < 300) set.orgs.push({ name: row.name, brand, creditCode: row.credit_code, phone: landline, email: row.email, nameEn: row.name_en });
    } else {
      row.name = chineseName(r);
      row.gender = r() < 0.8 ? (r() < 0.5 ? 'male' : 'female') : null;
      if (r() < 0.4) {
        const born = new Date(now - (18 + r() * 50) * YEAR_MS);
        row.birthday = born.toISOString().slice(0, 10);
      }
      row.phones.push({ value: mobile(r), kind: 'mobile', label: null });
      if (r() < 0.3) row.phones.push({ value: mobile(r), kind: 'mobile', label: pick(r, ['工作', '备用', '家庭']) });
      if (r() < 0.15) row.name_en = `${pick(r, ENGLISH_FIRST)} ${surnameEn(row.name)}`;
      const e = r();
      if (e < 0.15) row.email = `${10_000 + Math.floor(r() * 3e9)}@qq.com`;
      else if (e < 0.35) row.email = `${pinyinOf(row.name).join('')}${Math.floor(r() * 10_000)}@${pick(r, EMAIL_DOMAINS)}`;
      if (r() < 0.1) row.wechat = r() < 0.5 ? `wxid_${Math.floor(r() * 36 ** 10).toString(36)}` : `${pinyinOf(row.name).join('')}_${Math.floor(r() * 1000)}`;
      if (r() < 0.3) {
        row.company = `${pick(r, [...BRAND])}${pick(r, [...BRAND])}${pick(r, INDUSTRIES)[0]}有限公司`;
        row.job_title = pick(r, JOB_TITLES);
      }
      const set = samples && (owner === opts.agent ? samples.agent : i % sampleEvery === 0 ? samples.all : null);
      if (set && set.persons.length < 1200) set.persons.push({ name: row.name, nameEn: row.name_en, phones: row.phones.map((p) => p.value), email: row.email });
    }
    if (r() < 0.5) {
      row.class_marketing = pick(r, ['economic', 'ethical', 'personal', 'convenience']);
      row.class_management = weighted(r, [['top', 5], ['regular', 80], ['temporary', 15]]);
      row.class_product = pick(r, ['intermediate', 'final']);
    }
    const tagCount = weighted(r, [['0', 35], ['1', 30], ['2', 20], ['3', 10], ['4', 5]]);
    const tags = new Set<string>();
    for (let k = 0; k < Number(tagCount); k++) tags.add(pickSkewed(r, TAGS));
    row.tags = [...tags];
    if (r() < 0.7) row.last_activity_at = new Date(createdMs + r() * (now - createdMs));
    if (r() < 0.6) {
      row.updated_at = new Date(createdMs + r() * r() * (now - createdMs));
      row.version = 1 + Math.floor(r() * 5);
    }
    if (r() < 0.1) row.remark = pick(r, ['老客户介绍', '对价格敏感，优先推荐促销', '只接受工作日联系', '需要开增值税专用发票', '曾投诉物流延误']);
    // The app's own tokens: what createCustomer/updateCustomer store.
    row.search_tokens = tokensOf({ name: row.name, name_en: row.name_en, email: row.email, credit_code: row.credit_code, wechat: row.wechat, phones: row.phones });
    if (i < 2000) assertLikeTheApp(row);
    yield row;
  }
}

/** The first rows are checked against the app's validators: generated data must be data the app would store. */
function assertLikeTheApp(row: CustomerRowOut): void {
  for (const p of row.phones) {
    const n = normalizeCnPhone(p.value);
    if (!n || n.value !== p.value || n.kind !== p.kind) throw new Error(`generated phone ${p.value} is not what the app stores (${JSON.stringify(n)})`);
  }
  if (row.credit_code) {
    const c = parseCreditCode(row.credit_code);
    if (!c.ok || c.value !== row.credit_code) throw new Error(`generated credit code ${row.credit_code} is invalid`);
  }
}

/* ---------- COPY text format ---------- */

const SPECIAL = /[\\\t\n\r]/;
const ESC: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const esc = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESC[c]) : s);
const field = (v: string | number | boolean | null) => (v === null ? '\\N' : typeof v === 'string' ? esc(v) : String(v));
const QUOTE = /["\\]/;
const arrayLiteral = (values: readonly string[]) => (values.length === 0 ? '{}' : `{"${values.map((v) => (QUOTE.test(v) ? v.replace(/["\\]/g, (c) => `\\${c}`) : v)).join('","')}"}`);

export const COPY_COLUMNS = [
  'org_id', 'id', 'kind', 'name', 'name_en', 'gender', 'birthday', 'phones', 'email', 'wechat', 'province_code', 'city_code',
  'district_code', 'address', 'company', 'job_title', 'credit_code', 'industry', 'company_size', 'legal_rep', 'registered_capital_fen',
  'source_channel', 'owner_id', 'department_id', 'lifecycle_status', 'class_marketing', 'class_management', 'class_product',
  'is_internal', 'tags', 'remark', 'search_tokens', 'last_activity_at', 'created_by', 'version', 'created_at', 'updated_at',
] as const;
export const COPY_SQL = `COPY customers (${COPY_COLUMNS.join(', ')}) FROM STDIN`;

/** One customers row in COPY text format (with its newline). */
export function copyLine(orgId: string, createdBy: string, c: CustomerRowOut): string {
  return [
    orgId, c.id, c.kind, c.name, c.name_en, c.gender, c.birthday, JSON.stringify(c.phones), c.email, c.wechat, c.province_code,
    c.city_code, c.district_code, c.address, c.company, c.job_title, c.credit_code, c.industry, c.company_size, c.legal_rep,
    c.registered_capital_fen, c.source_channel, c.owner_id, c.department_id, c.lifecycle_status, c.class_marketing,
    c.class_management, c.class_product, c.is_internal, arrayLiteral(c.tags), c.remark, arrayLiteral(c.search_tokens),
    c.last_activity_at?.toISOString() ?? null, createdBy, c.version, c.created_at.toISOString(), c.updated_at.toISOString(),
  ].map(field).join('\t') + '\n';
}

/** Text chunks of ~`batch` rows each, for a COPY stream or a PGlite blob. */
export function* copyChunks(orgId: string, createdBy: string, rows: Iterable<CustomerRowOut>, batch = 2000, onRow?: () => void): Generator<string> {
  let buf: string[] = [];
  for (const row of rows) {
    buf.push(copyLine(orgId, createdBy, row));
    onRow?.();
    if (buf.length >= batch) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length > 0) yield buf.join('');
}

/* ---------- the organization's staff ---------- */

/** Five departments under the root and ~`count` account managers spread over them; one is the 本人-scope agent. */
export async function createOwners(db: Kysely<DB>, orgId: string, rootDeptId: string, count = 200): Promise<{ owners: Owner[]; agent: Owner & { username: string }; departments: { id: string; name: string }[] }> {
  const root = await db.selectFrom('departments').select('path').where('org_id', '=', orgId).where('id', '=', rootDeptId).executeTakeFirstOrThrow();
  const departments = DEPARTMENTS.map((name, i) => ({ id: uuidv7(), name, code: `BENCH${i + 1}` }));
  await db
    .insertInto('departments')
    .values(departments.map((d) => ({ org_id: orgId, id: d.id, parent_id: rootDeptId, name: d.name, code: d.code, path: `${root.path}${d.id}/` })))
    .execute();
  const r = rng(11);
  const users = Array.from({ length: count }, (_, i) => ({
    org_id: orgId,
    id: uuidv7(),
    username: i === 0 ? 'bench_agent' : `sales${String(i).padStart(4, '0')}`,
    display_name: chineseName(r),
    phone: `+86${mobile(r)}`,
    department_id: departments[i % departments.length].id,
    skills: JSON.stringify([]),
    password_hash: null,
  }));
  await db.insertInto('users').values(users).execute();
  const owners = users.slice(1).map((u) => ({ id: u.id, departmentId: u.department_id }));
  return { owners, agent: { id: users[0].id, departmentId: users[0].department_id, username: users[0].username }, departments };
}

/* ---------- loading ---------- */

type Runner = { query(sql: string): Promise<{ rows: Record<string, unknown>[] }> };

/** Secondary indexes of a table (not those behind a constraint), with their definitions. */
async function secondaryIndexes(run: Runner, table: string): Promise<{ name: string; def: string }[]> {
  const { rows } = await run.query(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = '${table}'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  return rows.map((x) => ({ name: String(x.name), def: String(x.def) }));
}

export type LoadTimings = { rows: number; phones: number; generateAndCopyMs: number; phonesMs: number; indexMs: number; vacuumAnalyzeMs: number; totalMs: number };

/**
 * Loads `rows` into customers and customer_phones of `orgId`: secondary indexes dropped,
 * COPY, customer_phones derived in SQL from the phones column (as `replacePhones` writes it),
 * indexes re-created from their own definitions, VACUUM ANALYZE (a steady-state table).
 */
export async function loadCustomers(
  target: { kind: 'postgres'; client: pg.ClientBase } | { kind: 'pglite'; pglite: PGlite },
  orgId: string,
  createdBy: string,
  rows: Iterable<CustomerRowOut>,
  onProgress?: (done: number) => void,
): Promise<LoadTimings> {
  const run: Runner = target.kind === 'postgres' ? target.client : { query: (sql: string) => target.pglite.query(sql) as Promise<{ rows: Record<string, unknown>[] }> };
  const t0 = Date.now();
  if (target.kind === 'postgres') await run.query(`SET maintenance_work_mem = '512MB'`);
  // The rows are consistent by construction (owners exist, phones belong to their customer):
  // skip the per-row foreign-key triggers during the load, as pg_restore does.
  await run.query(`SET session_replication_role = replica`);
  const indexes = [...(await secondaryIndexes(run, 'customers')), ...(await secondaryIndexes(run, 'customer_phones'))];
  for (const ix of indexes) await run.query(`DROP INDEX ${ix.name}`);
  let n = 0;
  const tick = () => {
    n++;
    if (n % 50_000 === 0) onProgress?.(n);
  };
  if (target.kind === 'postgres') {
    await pipeline(Readable.from(copyChunks(orgId, createdBy, rows, 2000, tick)), target.client.query(copyFrom(COPY_SQL)));
  } else {
    for (const chunk of copyChunks(orgId, createdBy, rows, 20_000, tick)) {
      await target.pglite.query(`${COPY_SQL.replace('STDIN', "'/dev/blob'")}`, [], { blob: new Blob([chunk]) });
    }
  }
  const t1 = Date.now();
  const phones = await run.query(
    `WITH ins AS (INSERT INTO customer_phones (org_id, phone, customer_id)
       SELECT c.org_id, p->>'value', c.id FROM customers c, jsonb_array_elements(c.phones) p WHERE c.org_id = '${orgId}'
       ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`,
  );
  const t2 = Date.now();
  await run.query(`SET session_replication_role = DEFAULT`);
  for (const ix of indexes) await run.query(ix.def);
  const t3 = Date.now();
  await run.query('VACUUM ANALYZE customers');
  await run.query('VACUUM ANALYZE customer_phones');
  // Every other table too (users, departments): without statistics the planner takes the 200
  // users for one row and joins them by a filtered nested loop (measured 10× slower searches).
  await run.query('ANALYZE');
  const t4 = Date.now();
  return { rows: n, phones: Number(phones.rows[0].n), generateAndCopyMs: t1 - t0, phonesMs: t2 - t1, indexMs: t3 - t2, vacuumAnalyzeMs: t4 - t3, totalMs: t4 - t0 };
}
