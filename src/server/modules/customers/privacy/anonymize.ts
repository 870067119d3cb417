import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';
import * as repo from '../customers.repo.js';
import type { CustomerRow } from '../customers.tables.js';
import { appendTimeline } from '../timeline.service.js';
import { registeredAnonymizers } from './anonymize.registry.js';

/**
 * §2.11 anonymization of one customer, inside the caller's transaction. What stays is what
 * statistics count: kind, lifecycle status, province and city, tags, classifications, source,
 * owner, dates, and the amounts of orders, invoices and payments. Everything that identifies the
 * person goes, on the card and in what hangs off it.
 */

/** Card columns that identify a person, with their empty value. Organizations lose their credit code too. */
const CLEARED = {
  name_en: null,
  gender: null,
  birthday: null,
  phones: '[]',
  email: null,
  wechat: null,
  district_code: null,
  address: null,
  company: null,
  job_title: null,
  credit_code: null,
  legal_rep: null,
  id_number_enc: null,
  id_number_hash: null,
  id_number_masked: null,
  custom: '{}',
  preferences: '{}',
  remark: '',
} as const;

export const ANONYMIZED_CONTACT_NAME = '已匿名化联系人';

// UUID v7 ids start with the creation time: the random tail tells anonymized customers apart.
export const anonymizedName = (id: string) => `已匿名化客户 ${id.replace(/-/g, '').slice(-8)}`;

/** Timeline kinds whose title is a business number (order no., invoice no.), not free text. */
const NUMBERED_KINDS = ['order', 'invoice'];
/** Timeline detail keys whose strings are codes (statuses, channels, field names), kept as they are. */
const CODE_KEYS = ['from', 'to', 'source', 'status', 'method', 'channel', 'action', 'kind', 'via', 'fields', 'mode'];
const UUID_OR_DATE = '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-][0-9:]+)?)?)$';

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/** Which card fields hold something identifying (the ID number's three columns count as one). */
function fieldsToClear(row: CustomerRow): string[] {
  const fields = ['name'];
  for (const column of Object.keys(CLEARED) as (keyof typeof CLEARED)[]) {
    if (column === 'id_number_hash' || column === 'id_number_masked') continue;
    if (!isEmpty(row[column])) fields.push(column === 'id_number_enc' ? 'id_number' : column);
  }
  return fields;
}

/**
 * Free text leaves the timeline: titles (except order and invoice numbers) and every detail
 * value that is not a number, a flag, an id, a date or a code under a known key.
 */
async function scrubTimeline(tx: Kysely<DB>, orgId: string, customerId: string): Promise<number> {
  const res = await sql`
    UPDATE customer_timeline SET
      title = CASE WHEN kind = ANY(${NUMBERED_KINDS}::text[]) THEN title ELSE '' END,
      detail = CASE WHEN jsonb_typeof(detail) <> 'object' THEN '{}'::jsonb ELSE coalesce((
        SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(detail) e
        WHERE jsonb_typeof(e.value) IN ('number', 'boolean', 'null')
           OR (e.key = ANY(${CODE_KEYS}::text[]) AND jsonb_typeof(e.value) IN ('string', 'array'))
           OR (jsonb_typeof(e.value) = 'string' AND (e.value #>> '{}') ~ ${UUID_OR_DATE})
      ), '{}'::jsonb) END
    WHERE org_id = ${orgId} AND customer_id = ${customerId}`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

export type AnonymizeOptions = {
  orgId: string;
  customerId: string;
  actorId: string | null;
  /** `request`: someone exercised the person's right (or an operator decided); `retention`: the policy. */
  via: 'request' | 'retention';
  jobId?: string;
};

export type AnonymizeOutcome = { row: CustomerRow; anonymizedAt: Date; clearedFields: string[]; cascaded: Record<string, number> };

/**
 * Anonymizes one customer and cascades to its contacts, phone index, timeline, status reasons,
 * consent evidence, payment references, merge snapshots, customers merged into it and every
 * registered module. Returns null when the customer is missing or already anonymized.
 */
export async function anonymizeCustomer(tx: Kysely<DB>, opts: AnonymizeOptions): Promise<AnonymizeOutcome | null> {
  const { orgId, customerId } = opts;
  const row = await repo.lockCustomer(tx, orgId, customerId);
  if (!row || row.anonymized_at) return null;
  const clearedFields = fieldsToClear(row);
  const anonymizedAt = new Date();
  const updated = await tx
    .updateTable('customers')
    .set((eb) => ({ ...CLEARED, name: anonymizedName(row.id), search_tokens: [], anonymized_at: anonymizedAt, version: eb('version', '+', 1), updated_at: anonymizedAt }))
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);
  const cascaded: Record<string, number> = {};
  cascaded.phones = count(await tx.deleteFrom('customer_phones').where('org_id', '=', orgId).where('customer_id', '=', customerId).executeTakeFirst());
  cascaded.contacts = count(
    await tx
      .updateTable('customer_contacts')
      .set((eb) => ({ name: ANONYMIZED_CONTACT_NAME, job_title: null, phone: null, email: null, wechat: null, notes: '', custom: '{}', version: eb('version', '+', 1), updated_at: anonymizedAt }))
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst(),
  );
  cascaded.timeline = await scrubTimeline(tx, orgId, customerId);
  cascaded.statusReasons = count(
    await tx.updateTable('customer_status_history').set({ reason: '' }).where('org_id', '=', orgId).where('customer_id', '=', customerId).where('reason', '<>', '').executeTakeFirst(),
  );
  // The consent record itself (purpose, channel, time) stays as proof; the evidence text may name the person.
  cascaded.consentEvidence = count(
    await tx.updateTable('customer_consents').set({ evidence: '' }).where('org_id', '=', orgId).where('customer_id', '=', customerId).where('evidence', '<>', '').executeTakeFirst(),
  );
  cascaded.paymentReferences = count(
    await tx.updateTable('customer_payments').set({ reference: null }).where('org_id', '=', orgId).where('customer_id', '=', customerId).where('reference', 'is not', null).executeTakeFirst(),
  );
  // Merge snapshots hold full copies of the card; an anonymized customer cannot be un-merged anyway.
  cascaded.mergeSnapshots = count(
    await tx
      .updateTable('customer_merges')
      .set({ survivor_before: '{}', merged_before: '{}' })
      .where('org_id', '=', orgId)
      .where((eb) => eb.or([eb('survivor_id', '=', customerId), eb('merged_id', '=', customerId)]))
      .executeTakeFirst(),
  );
  const shadows = await tx.selectFrom('customers').select('id').where('org_id', '=', orgId).where('merged_into_id', '=', customerId).where('anonymized_at', 'is', null).execute();
  cascaded.mergedCustomers = 0;
  for (const s of shadows) {
    if (await anonymizeCustomer(tx, { ...opts, customerId: s.id })) cascaded.mergedCustomers += 1;
  }
  for (const a of registeredAnonymizers()) cascaded[a.name] = await a.anonymize(tx, orgId, customerId);
  await appendTimeline(tx, {
    orgId,
    customerId,
    kind: 'anonymized',
    title: '',
    at: anonymizedAt,
    actorId: opts.actorId,
    detail: { via: opts.via, fields: clearedFields, ...(opts.jobId ? { jobId: opts.jobId } : {}) },
  });
  return { row: updated, anonymizedAt, clearedFields, cascaded };
}
