import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { DB } from '../../../platform/db-schema.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { CustomerRow, CustomerTimelineTable, CustomersTable } from '../customers.tables.js';
import { tokensOf } from '../customers.service.js';
import type { ChunkPlan } from './import-validate.js';

/**
 * Writes one validated chunk inside the import's transaction, in multi-row INSERTs: a
 * statement carries at most ~60,000 bound parameters (PostgreSQL's limit is 65,535). What
 * `createCustomer` does per customer — phones index, status history, a `created` timeline
 * entry — is done here per chunk, with the same rows as a result. The one audit entry is the
 * caller's (one for the whole import, not one per row).
 */

const MAX_PARAMS = 60_000;

async function insertMany<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const width = Math.max(...rows.slice(0, 50).map((r) => Object.keys(r as object).length), 1);
  const size = Math.max(1, Math.floor(MAX_PARAMS / (width + 8)));
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export type WriteContext = { actor: Actor; importId: string; now: Date };

type Timeline = Insertable<CustomerTimelineTable>;

function timeline(ctx: WriteContext, customerId: string, kind: string, title: string, detail: Record<string, unknown>): Timeline {
  const { actor, importId, now } = ctx;
  return { org_id: actor.orgId, id: uuidv7(), customer_id: customerId, at: now, kind, title: title.slice(0, 200), detail: JSON.stringify(detail), source_type: 'customer_import', source_id: importId, actor_id: actor.userId };
}

export async function writeChunk(db: Kysely<DB>, ctx: WriteContext, plan: ChunkPlan): Promise<void> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  const customers: Insertable<CustomersTable>[] = [];
  const phones: { org_id: string; phone: string; customer_id: string }[] = [];
  const history: Insertable<DB['customer_status_history']>[] = [];
  const entries: Timeline[] = [];

  for (const c of plan.creates) {
    const v = c.values;
    const name = v.name!;
    const source = v.source_channel ?? 'import';
    customers.push({
      ...v,
      org_id: orgId,
      id: c.id,
      kind: v.kind ?? 'individual',
      name,
      phones: JSON.stringify(c.phones),
      custom: JSON.stringify(v.custom ?? {}),
      preferences: JSON.stringify(v.preferences ?? {}),
      tags: v.tags ?? [],
      owner_id: c.ownerId,
      department_id: c.departmentId,
      lifecycle_status: c.status,
      source_channel: source,
      created_by: actor.userId,
      // a `created` timeline entry is contact with the customer (see timeline.service.ts)
      last_activity_at: now,
      search_tokens: tokensOf({ name, name_en: v.name_en ?? null, email: v.email ?? null, credit_code: v.credit_code ?? null, wechat: v.wechat ?? null, phones: c.phones }),
    });
    for (const p of c.phones) phones.push({ org_id: orgId, phone: p.value, customer_id: c.id });
    history.push({ org_id: orgId, id: uuidv7(), customer_id: c.id, from_status: null, to_status: c.status, reason: '', actor_id: actor.userId });
    entries.push(timeline(ctx, c.id, 'created', name, { source, importId: ctx.importId }));
  }

  const rephoned: string[] = [];
  for (const u of plan.updates) {
    const changed = Object.keys(u.set).length > 0 || u.status !== undefined || u.owner !== undefined;
    if (!changed) continue;
    const merged = { ...u.existing, ...u.set } as CustomerRow;
    await db
      .updateTable('customers')
      .set({
        ...u.set,
        ...(u.set.custom !== undefined ? { custom: JSON.stringify(u.set.custom) } : {}),
        ...(u.status ? { lifecycle_status: u.status } : {}),
        ...(u.owner ? { owner_id: u.owner.id, department_id: u.owner.departmentId } : {}),
        search_tokens: tokensOf(merged),
        version: u.existing.version + 1,
        updated_at: now,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', u.existing.id)
      .execute();
    const id = u.existing.id;
    if (u.phones) {
      rephoned.push(id);
      for (const p of u.phones) phones.push({ org_id: orgId, phone: p.value, customer_id: id });
    }
    if (u.status) {
      history.push({ org_id: orgId, id: uuidv7(), customer_id: id, from_status: u.existing.lifecycle_status, to_status: u.status, reason: '', actor_id: actor.userId });
      entries.push(timeline(ctx, id, 'status', '', { from: u.existing.lifecycle_status, to: u.status, importId: ctx.importId }));
    }
    if (u.owner) entries.push(timeline(ctx, id, 'owner', '', { from: u.existing.owner_id, to: u.owner.id, importId: ctx.importId }));
    if (u.fields.length > 0) entries.push(timeline(ctx, id, 'updated', '', { fields: u.fields, importId: ctx.importId }));
  }

  await insertMany(db, 'customers', customers);
  if (rephoned.length > 0) await db.deleteFrom('customer_phones').where('org_id', '=', orgId).where('customer_id', 'in', rephoned).execute();
  if (phones.length > 0) {
    for (let i = 0; i < phones.length; i += 15_000) {
      await db.insertInto('customer_phones').values(phones.slice(i, i + 15_000)).onConflict((oc) => oc.doNothing()).execute();
    }
  }
  await insertMany(db, 'customer_status_history', history);
  await insertMany(db, 'customer_timeline', entries);
}
