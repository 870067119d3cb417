import { strToU8, zipSync } from 'fflate';
import type { Actor } from '../../../platform/actor.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import type { CustomerCtx } from '../customers.common.js';
import { presentCustomer } from '../customers.presenter.js';
import * as repo from '../customers.repo.js';
import type { OrderItem } from '../customers.tables.js';
import { consentRows } from './consents.service.js';
import { toCsv } from './csv.js';

/**
 * §2.11 everything held on one person (PIPL art. 45 access and portability), as a ZIP of
 * machine-readable files: `customer.json` (the card, unmasked: this is the person's own data)
 * and one CSV per kind of record, with a bilingual README.
 */

const yuan = (fen: number | string | null) => (fen === null ? null : (Number(fen) / 100).toFixed(2));

type Table = { columns: readonly string[]; rows: Record<string, unknown>[] };

/** The actor as far as presenting goes, with every personal-data field shown in full. */
const unmasked = (actor: Actor): Actor => ({ ...actor, fieldRules: { phone: 'show', email: 'show', address: 'show', id_number: 'show' } });

async function tables(ctx: CustomerCtx, customerId: string): Promise<Record<string, Table>> {
  const { db } = ctx.kefu;
  const { orgId } = ctx.actor;
  const contacts = await db.selectFrom('customer_contacts').selectAll().where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('created_at').execute();
  const orders = await db.selectFrom('customer_orders').selectAll().where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('ordered_at').execute();
  const invoices = await db.selectFrom('customer_invoices').selectAll().where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('issued_at').execute();
  const payments = await db.selectFrom('customer_payments').selectAll().where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('paid_at').execute();
  const timeline = await db
    .selectFrom('customer_timeline as t')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.actor_id'))
    .select(['t.at', 't.kind', 't.title', 't.detail', 't.source_type', 't.source_id', 'u.display_name as actor_name'])
    .where('t.org_id', '=', orgId)
    .where('t.customer_id', '=', customerId)
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
  const consents = await consentRows(db, orgId, customerId);
  const history = await repo.statusHistory(db, orgId, customerId);
  const invoiceNo = new Map(invoices.map((i) => [i.id, i.invoice_no]));
  const orderNo = new Map(orders.map((o) => [o.id, o.order_no]));
  return {
    'contacts.csv': {
      columns: ['name', 'job_title', 'role', 'strength', 'phone', 'email', 'wechat', 'is_primary', 'notes', 'created_at', 'updated_at'],
      rows: contacts,
    },
    'orders.csv': {
      columns: ['order_no', 'ordered_at', 'status', 'items', 'amount_yuan', 'channel'],
      rows: orders.map((o) => ({
        order_no: o.order_no,
        ordered_at: o.ordered_at,
        status: o.status,
        items: ((o.items ?? []) as OrderItem[]).map((i) => `${i.name} × ${i.quantity} @ ${yuan(i.unitPriceFen)}`).join('; '),
        amount_yuan: yuan(o.amount_fen),
        channel: o.channel,
      })),
    },
    'invoices.csv': {
      columns: ['invoice_no', 'order_no', 'issued_at', 'due_at', 'amount_yuan', 'status'],
      rows: invoices.map((i) => ({ ...i, order_no: i.order_id ? orderNo.get(i.order_id) : null, amount_yuan: yuan(i.amount_fen) })),
    },
    'payments.csv': {
      columns: ['paid_at', 'amount_yuan', 'method', 'reference', 'invoice_no'],
      rows: payments.map((p) => ({ paid_at: p.paid_at, amount_yuan: yuan(p.amount_fen), method: p.method, reference: p.reference, invoice_no: p.invoice_id ? invoiceNo.get(p.invoice_id) : null })),
    },
    'timeline.csv': {
      columns: ['at', 'kind', 'title', 'detail', 'actor_name', 'source_type', 'source_id'],
      rows: timeline,
    },
    'consents.csv': {
      columns: ['purpose', 'scope', 'channel', 'granted', 'evidence', 'at', 'withdrawn_at', 'recorded_by_name'],
      rows: consents,
    },
    'status-history.csv': {
      columns: ['at', 'from_status', 'to_status', 'reason', 'actor_name'],
      rows: history,
    },
  };
}

const FILES = ['customer.json', 'contacts.csv', 'orders.csv', 'invoices.csv', 'payments.csv', 'timeline.csv', 'consents.csv', 'status-history.csv'] as const;

/** README.txt: Chinese first, then English; what each file holds. */
function readme(customerId: string, at: Date): string {
  const part = (locale: 'zh-CN' | 'en') =>
    [
      t(locale, 'privacy.readme.title'),
      '',
      t(locale, 'privacy.readme.intro', { id: customerId, at: at.toISOString() }),
      '',
      ...FILES.map((f) => `${f}\t${t(locale, `privacy.readme.files.${f.replace(/[.-]/g, '_')}`)}`),
      '',
      t(locale, 'privacy.readme.format'),
      t(locale, 'privacy.readme.care'),
    ].join('\r\n');
  return `\ufeff${part('zh-CN')}\r\n\r\n----------------------------------------\r\n\r\n${part('en')}\r\n`;
}

export type PersonalDataArchive = { filename: string; bytes: Uint8Array };

/** Builds the archive and audits it as `data.export` with the stated reason. */
export async function exportPersonalData(ctx: CustomerCtx, customerId: string, reason: string): Promise<PersonalDataArchive> {
  const { kefu, actor } = ctx;
  const row = await repo.findCustomerInScope(kefu.db, actor, customerId);
  if (!row) throw notFound('customer');
  const now = new Date();
  const card = await presentCustomer(kefu, unmasked(actor), row);
  const data = await tables(ctx, customerId);
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(readme(customerId, now)),
    'customer.json': strToU8(JSON.stringify({ exportedAt: now.toISOString(), customer: card }, null, 2)),
  };
  for (const [name, table] of Object.entries(data)) files[name] = strToU8(toCsv(table.columns, table.rows));
  const bytes = zipSync(files, { level: 6, mtime: now });
  await kefu.db.transaction().execute((tx) =>
    recordAudit(
      tx,
      auditBy(actor, {
        action: 'data.export',
        entityType: 'customer',
        entityId: customerId,
        after: { kind: 'customer_personal_data', rows: Object.fromEntries(Object.entries(data).map(([name, table]) => [name, table.rows.length])) },
        reason,
      }),
    ),
  );
  return { filename: `personal-data-${customerId}.zip`, bytes };
}
