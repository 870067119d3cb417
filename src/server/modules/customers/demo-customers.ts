import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { creditCodeCheckChar } from '../../../shared/credit-code.js';
import type { LifecycleStatus } from '../../../shared/customers.js';
import type { PhoneEntry } from './customers.tables.js';
import { tokensOf } from './customers.service.js';
import { appendTimelineMany, type TimelineEntry } from './timeline.service.js';

/** Demo customers (§2): enough variety that every page of the module has something to show. */

type DemoPerson = { name: string; nameEn?: string; gender: 'male' | 'female'; phone: string; email?: string; region: [string, string, string]; tags: string[]; status: LifecycleStatus; owner: string };
type DemoOrg = { name: string; phone: string; industry: string; size: 'micro' | 'small' | 'medium' | 'large'; region: [string, string, string]; tags: string[]; status: LifecycleStatus; owner: string; contacts: [string, string, string, number][] };

const PEOPLE: DemoPerson[] = [
  { name: '刘德明', gender: 'male', phone: '13901234501', email: 'liudeming@example.com', region: ['11', '1101', '110105'], tags: ['VIP', '老客户'], status: 'active', owner: 'xuli' },
  { name: '陈美玲', nameEn: 'Meiling Chen', gender: 'female', phone: '13601234502', region: ['44', '4403', '440305'], tags: ['宽带'], status: 'active', owner: 'xuli' },
  { name: '王志刚', gender: 'male', phone: '18601234503', region: ['31', '3101', '310115'], tags: ['投诉过'], status: 'at_risk', owner: 'machao' },
  { name: '李秀英', gender: 'female', phone: '13501234504', email: 'lixiuying@example.com', region: ['32', '3201', '320106'], tags: [], status: 'new', owner: 'machao' },
  { name: '张建华', gender: 'male', phone: '15001234505', region: ['33', '3301', '330106'], tags: ['老客户'], status: 'churned', owner: 'xuli' },
  { name: '赵丽娟', gender: 'female', phone: '17701234506', region: ['51', '5101', '510104'], tags: ['VIP'], status: 'won_back', owner: 'machao' },
  { name: '孙海涛', nameEn: 'Haitao Sun', gender: 'male', phone: '13801234507', email: 'sunhaitao@example.com', region: ['42', '4201', '420106'], tags: [], status: 'potential', owner: 'zhangwei' },
  { name: '周晓燕', gender: 'female', phone: '18801234508', region: ['44', '4401', '440106'], tags: ['宽带', '电视'], status: 'active', owner: 'zhangwei' },
  { name: '吴国庆', gender: 'male', phone: '13301234509', region: ['37', '3702', '370202'], tags: [], status: 'active', owner: 'liuyang' },
  { name: '郑雅琴', gender: 'female', phone: '15901234510', region: ['35', '3502', '350203'], tags: ['生日关怀'], status: 'new', owner: 'liuyang' },
  { name: '欧阳娜娜', gender: 'female', phone: '13701234511', region: ['43', '4301', '430102'], tags: [], status: 'potential', owner: 'zhaomin' },
  { name: '𠮷田浩', gender: 'male', phone: '13201234512', region: ['21', '2101', '210102'], tags: [], status: 'active', owner: 'zhaomin' },
];

const ORGS: DemoOrg[] = [
  { name: '深圳市腾云科技有限公司', phone: '0755-86013388', industry: '软件和信息技术服务', size: 'large', region: ['44', '4403', '440305'], tags: ['大客户', '年框'], status: 'active', owner: 'xuli', contacts: [['马文涛', '总经理', 'decision_maker', 5], ['黄丽', '采购经理', 'purchaser', 4], ['钱进', '财务主管', 'finance', 3]] },
  { name: '北京华信达商贸有限公司', phone: '010-62345678', industry: '批发和零售', size: 'medium', region: ['11', '1101', '110108'], tags: ['大客户'], status: 'active', owner: 'machao', contacts: [['冯建军', '副总裁', 'decision_maker', 4], ['许静', '行政主管', 'user', 3]] },
  { name: '杭州绿源食品股份有限公司', phone: '0571-87654321', industry: '食品制造', size: 'medium', region: ['33', '3301', '330106'], tags: ['年框'], status: 'at_risk', owner: 'xuli', contacts: [['沈浩', '信息部经理', 'technical', 2]] },
  { name: '成都天府物流有限公司', phone: '028-85556666', industry: '交通运输和仓储', size: 'small', region: ['51', '5101', '510107'], tags: [], status: 'new', owner: 'machao', contacts: [] },
];

const CODE_BASES = ['91440300MA5F000A1', '91110108MA01B2C3D', '91330106MA2H4J5K6', '91510107MA6L7M8N9'];

function phoneEntry(value: string): PhoneEntry {
  return { value, kind: value.includes('-') ? 'landline' : 'mobile', label: null };
}

/**
 * Seeds the demo customers into an organization whose demo users exist (owners by username).
 * Returns how many customers were created. Runs in the caller's transaction.
 */
export async function seedDemoCustomers(db: Kysely<DB>, orgId: string): Promise<number> {
  const users = await db.selectFrom('users').select(['id', 'username', 'department_id']).where('org_id', '=', orgId).execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const admin = byName.get('admin') ?? users[0];
  const now = Date.now();
  const day = 86_400_000;
  const timeline: TimelineEntry[] = [];
  let n = 0;

  const insert = async (values: { kind: 'individual' | 'organization'; name: string; phones: PhoneEntry[]; status: LifecycleStatus; owner: string; extra: Record<string, unknown>; tags: string[]; region: [string, string, string] }) => {
    const owner = byName.get(values.owner) ?? admin;
    const id = uuidv7();
    const createdAt = new Date(now - (400 - n * 23) * day);
    const row = {
      org_id: orgId,
      id,
      kind: values.kind,
      name: values.name,
      phones: JSON.stringify(values.phones),
      province_code: values.region[0],
      city_code: values.region[1],
      district_code: values.region[2],
      owner_id: owner.id,
      department_id: owner.department_id,
      lifecycle_status: values.status,
      tags: values.tags,
      custom: {},
      preferences: {},
      source_channel: (['phone', 'web', 'wechat', 'referral', 'walk_in'] as const)[n % 5],
      class_management: values.tags.includes('大客户') || values.tags.includes('VIP') ? 'top' : 'regular',
      created_by: admin.id,
      created_at: createdAt,
      updated_at: createdAt,
      ...values.extra,
    };
    const tokens = tokensOf({ name: row.name, name_en: (row as { name_en?: string }).name_en ?? null, email: (row as { email?: string }).email ?? null, credit_code: (row as { credit_code?: string }).credit_code ?? null, wechat: null, phones: values.phones });
    await db.insertInto('customers').values({ ...row, search_tokens: tokens }).execute();
    await db.insertInto('customer_phones').values(values.phones.map((p) => ({ org_id: orgId, customer_id: id, phone: p.value }))).execute();
    await db.insertInto('customer_status_history').values({ org_id: orgId, id: uuidv7(), customer_id: id, from_status: null, to_status: values.status, reason: '', actor_id: admin.id, at: createdAt }).execute();
    timeline.push({ orgId, customerId: id, kind: 'created', title: values.name, actorId: admin.id, at: createdAt });
    n += 1;
    return { id, createdAt };
  };

  for (const p of PEOPLE) {
    await insert({ kind: 'individual', name: p.name, phones: [phoneEntry(p.phone)], status: p.status, owner: p.owner, tags: p.tags, region: p.region, extra: { gender: p.gender, name_en: p.nameEn ?? null, email: p.email ?? null } });
  }
  for (const [i, o] of ORGS.entries()) {
    const creditCode = CODE_BASES[i] + creditCodeCheckChar(CODE_BASES[i]);
    const { id, createdAt } = await insert({ kind: 'organization', name: o.name, phones: [phoneEntry(o.phone)], status: o.status, owner: o.owner, tags: o.tags, region: o.region, extra: { credit_code: creditCode, industry: o.industry, company_size: o.size } });
    for (const [j, [name, title, role, strength]] of o.contacts.entries()) {
      await db.insertInto('customer_contacts').values({ org_id: orgId, id: uuidv7(), customer_id: id, name, job_title: title, role, strength, phone: `139${String(80000000 + i * 10 + j)}`, is_primary: j === 0, custom: {} }).execute();
    }
    // a year of orders, invoices and payments for the key accounts
    for (let k = 0; k < 4; k += 1) {
      const orderedAt = new Date(createdAt.getTime() + (k + 1) * 60 * day);
      if (orderedAt.getTime() > now) break;
      const orderId = uuidv7();
      const amount = (i + 2) * 1_250_000 + k * 380_000;
      const orderNo = `SO${orderedAt.getUTCFullYear()}${String(i + 1).padStart(2, '0')}${String(k + 1).padStart(3, '0')}`;
      await db.insertInto('customer_orders').values({ org_id: orgId, id: orderId, customer_id: id, order_no: orderNo, ordered_at: orderedAt, items: JSON.stringify([{ name: '年度服务包', quantity: 1, unitPriceFen: amount }]), amount_fen: amount, margin_fen: Math.round(amount * 0.32), created_by: admin.id }).execute();
      const issued = orderedAt.toISOString().slice(0, 10);
      const due = new Date(orderedAt.getTime() + 30 * day).toISOString().slice(0, 10);
      const invoiceId = uuidv7();
      const paid = k < 3 || i === 0;
      await db.insertInto('customer_invoices').values({ org_id: orgId, id: invoiceId, customer_id: id, order_id: orderId, invoice_no: `FP${orderNo.slice(2)}`, issued_at: issued, due_at: due, amount_fen: amount, status: paid ? 'paid' : 'open', created_by: admin.id }).execute();
      timeline.push({ orgId, customerId: id, kind: 'order', title: orderNo, at: orderedAt, sourceType: 'order', sourceId: orderId, actorId: admin.id, detail: { amountFen: amount, status: 'completed' } });
      if (paid) {
        const paidAt = new Date(orderedAt.getTime() + 20 * day);
        const paymentId = uuidv7();
        await db.insertInto('customer_payments').values({ org_id: orgId, id: paymentId, customer_id: id, invoice_id: invoiceId, paid_at: paidAt, amount_fen: amount, method: 'transfer', reference: `HK${orderNo.slice(2)}`, created_by: admin.id }).execute();
        timeline.push({ orgId, customerId: id, kind: 'payment', title: `HK${orderNo.slice(2)}`, at: paidAt, sourceType: 'payment', sourceId: paymentId, actorId: admin.id, detail: { amountFen: amount, method: 'transfer' } });
      }
    }
  }
  await appendTimelineMany(db, timeline);
  return n;
}
