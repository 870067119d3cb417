import type { Kysely } from 'kysely';
import { departmentInScope, scopeOf } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { decryptSecret } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { type Page, toPage } from '../../platform/http/pagination.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { listCustomFieldDefs } from '../config/custom-fields.service.js';
import type { RevealLoader } from '../org/reveal.registry.js';
import {
  type ChangeStatusBody,
  type CreateCustomerBody,
  type CustomerFilter,
  type CustomerView,
  type DuplicateCandidate,
  LIFECYCLE_TRANSITIONS,
  type LifecycleStatus,
  type UpdateCustomerBody,
} from '../../../shared/customers.js';
import { type CustomerColumns, normalizeCustomerInput } from './customer-input.js';
import { FilterError } from './customer-filter.js';
import { type CustomerCtx, problem, validationError } from './customers.common.js';
import { customerSnapshot, presentCustomer } from './customers.presenter.js';
import * as repo from './customers.repo.js';
import type { CustomerRow, PhoneEntry } from './customers.tables.js';
import { type CandidateRow, findDuplicateCandidates } from './duplicate-candidates.js';
import { customerSearchTokens } from './search-tokens.js';
import { appendTimeline } from './timeline.service.js';

type Tx = Kysely<DB>;

export const customDefsOf = (db: Kysely<DB>, orgId: string) => listCustomFieldDefs(db, orgId, 'customer');

const defsByCall = new WeakMap<CustomerCtx, ReturnType<typeof customDefsOf>>();

/**
 * The customer custom-field definitions, loaded once per service call chain (one request's
 * `ctx`): listing saved views counts every segment with the same definitions. A failed load is
 * forgotten, so the next call tries again.
 */
export function customDefsFor(ctx: CustomerCtx): ReturnType<typeof customDefsOf> {
  let defs = defsByCall.get(ctx);
  if (!defs) {
    defs = customDefsOf(ctx.kefu.db, ctx.actor.orgId);
    defsByCall.set(ctx, defs);
    defs.catch(() => defsByCall.delete(ctx));
  }
  return defs;
}

/** The search tokens of a customer's current values (name, pinyin, phones, e-mail, codes). */
export function tokensOf(row: Pick<CustomerRow, 'name' | 'name_en' | 'email' | 'credit_code' | 'wechat'> & { phones: unknown }): string[] {
  const phones = (typeof row.phones === 'string' ? JSON.parse(row.phones) : row.phones) as PhoneEntry[];
  return customerSearchTokens({
    name: row.name,
    nameEn: row.name_en,
    phones: phones.map((p) => p.value),
    email: row.email,
    creditCode: row.credit_code,
    wechat: row.wechat,
  });
}

export const presentCandidate = (r: CandidateRow): DuplicateCandidate => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  reasons: r.reasons,
  ownerName: r.owner_name,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * The owner a customer may be given by this actor: an active user of the organization whose
 * department the actor's scope covers (本人 scope: only the actor). Returns the owner's department.
 */
export async function checkOwner(ctx: CustomerCtx, db: Tx, ownerId: string): Promise<string | null> {
  const { actor } = ctx;
  const owner = await repo.findActiveUser(db, actor.orgId, ownerId);
  if (!owner) throw validationError([problem(actor, 'ownerId', 'unknown_owner')]);
  if (ownerId !== actor.userId && scopeOf(actor, 'customers') !== 'all' && !(await departmentInScope(db, actor, 'customers', owner.department_id))) {
    throw new AppError('owner_out_of_scope', 403, [{ path: ['body', 'ownerId'], code: 'owner_out_of_scope', message: t(actor.locale, 'errors.owner_out_of_scope') }]);
  }
  return owner.department_id;
}

function phonesOf(values: CustomerColumns): PhoneEntry[] | undefined {
  return typeof values.phones === 'string' ? (JSON.parse(values.phones) as PhoneEntry[]) : undefined;
}

async function loadInScope(ctx: CustomerCtx, db: Tx, id: string) {
  const row = await repo.findCustomerInScope(db, ctx.actor, id);
  if (!row) throw notFound('customer');
  return row;
}

export async function getCustomer(ctx: CustomerCtx, id: string): Promise<CustomerView> {
  return presentCustomer(ctx.kefu, ctx.actor, await loadInScope(ctx, ctx.kefu.db, id));
}

/**
 * Creates a customer. Possible duplicates (same phone, e-mail, credit code, ID number or name)
 * answer 409 `possible_duplicate` with the candidates, unless the caller confirms with
 * `allowDuplicate`. The owner defaults to the creator.
 */
export async function createCustomer(ctx: CustomerCtx, body: CreateCustomerBody): Promise<CustomerView> {
  const { kefu, actor } = ctx;
  const { allowDuplicate, lifecycleStatus, ...input } = body;
  const defs = await customDefsOf(kefu.db, actor.orgId);
  const { values, problems } = await normalizeCustomerInput(kefu, actor, input, { kind: body.kind, customDefs: defs, partial: false });
  if (problems.length > 0) throw validationError(problems);
  const phones = phonesOf(values) ?? [];
  if (!allowDuplicate) {
    const candidates = await findDuplicateCandidates(kefu.db, actor.orgId, {
      phones: phones.map((p) => p.value),
      email: values.email,
      creditCode: values.credit_code,
      idNumberHash: values.id_number_hash,
      name: values.name,
    });
    if (candidates.length > 0) throw new AppError('possible_duplicate', 409, { candidates: candidates.map(presentCandidate) });
  }
  const id = uuidv7();
  await kefu.db.transaction().execute(async (tx) => {
    const ownerId = body.ownerId ?? actor.userId;
    const departmentId = await checkOwner(ctx, tx, ownerId);
    const status: LifecycleStatus = lifecycleStatus ?? 'potential';
    const row = await tx
      .insertInto('customers')
      .values({
        ...values,
        org_id: actor.orgId,
        id,
        kind: body.kind,
        name: values.name!,
        phones: JSON.stringify(phones),
        custom: values.custom ?? {},
        preferences: values.preferences ?? {},
        owner_id: ownerId,
        department_id: departmentId,
        lifecycle_status: status,
        created_by: actor.userId,
        search_tokens: tokensOf({ name: values.name!, name_en: values.name_en ?? null, email: values.email ?? null, credit_code: values.credit_code ?? null, wechat: values.wechat ?? null, phones }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.replacePhones(tx, actor.orgId, id, phones);
    await repo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), customer_id: id, from_status: null, to_status: status, reason: '', actor_id: actor.userId });
    await appendTimeline(tx, { orgId: actor.orgId, customerId: id, kind: 'created', title: row.name, actorId: actor.userId, detail: { source: row.source_channel } });
    await recordAudit(tx, auditBy(actor, { action: 'customer.create', entityType: 'customer', entityId: id, after: customerSnapshot(row) }));
  });
  return getCustomer(ctx, id);
}

/** Refuses changes to a customer that no longer stands for a person (merged away or anonymized). */
function assertEditable(ctx: CustomerCtx, row: CustomerRow): void {
  if (row.merged_into_id) throw new AppError('customer_merged', 409, { mergedIntoId: row.merged_into_id });
  if (row.anonymized_at) throw new AppError('customer_anonymized', 409);
  void ctx;
}

/** Changed keys only, for the audit diff. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** Updates the fields given (If-Match version); owner changes land on the timeline. */
export async function updateCustomer(ctx: CustomerCtx, id: string, version: number, body: UpdateCustomerBody): Promise<CustomerView> {
  const { kefu, actor } = ctx;
  const current = await loadInScope(ctx, kefu.db, id);
  const kind = body.kind ?? current.kind;
  const defs = await customDefsOf(kefu.db, actor.orgId);
  // A kind change re-checks the name under the other kind's rules.
  const input = body.kind && body.name === undefined ? { ...body, name: current.name } : body;
  const { values, problems } = await normalizeCustomerInput(kefu, actor, input, { kind, customDefs: defs, partial: true });
  if (problems.length > 0) throw validationError(problems);
  await kefu.db.transaction().execute(async (tx) => {
    const row = await repo.lockCustomer(tx, actor.orgId, id);
    if (!row) throw notFound('customer');
    if (row.version !== version) throw preconditionFailed();
    assertEditable(ctx, row);
    const next: CustomerColumns = { ...values };
    if (values.custom !== undefined) next.custom = { ...(row.custom ?? {}), ...(values.custom as Record<string, unknown>) };
    if (body.ownerId !== undefined && body.ownerId !== row.owner_id) {
      next.owner_id = body.ownerId;
      next.department_id = body.ownerId ? await checkOwner(ctx, tx, body.ownerId) : null;
    }
    const merged = { ...row, ...next } as CustomerRow;
    const phones = phonesOf(values);
    const updated = await tx
      .updateTable('customers')
      .set({ ...next, search_tokens: tokensOf(merged), version: row.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (phones) await repo.replacePhones(tx, actor.orgId, id, phones);
    const changes = diff(customerSnapshot(row), customerSnapshot(updated));
    delete changes.before.version;
    delete changes.after.version;
    delete changes.before.updated_at;
    delete changes.after.updated_at;
    if (next.owner_id !== undefined) {
      await appendTimeline(tx, { orgId: actor.orgId, customerId: id, kind: 'owner', title: '', actorId: actor.userId, detail: { from: row.owner_id, to: next.owner_id } });
    }
    if (Object.keys(changes.after).length > 0) {
      await appendTimeline(tx, { orgId: actor.orgId, customerId: id, kind: 'updated', title: '', actorId: actor.userId, detail: { fields: Object.keys(changes.after) } });
    }
    await recordAudit(tx, auditBy(actor, { action: 'customer.update', entityType: 'customer', entityId: id, ...changes }));
  });
  return getCustomer(ctx, id);
}

/** Moves the lifecycle (潜在 → 新客户 → 现实 → 风险 → 流失 → 挽回) along an allowed edge, with history. */
export async function changeStatus(ctx: CustomerCtx, id: string, body: ChangeStatusBody): Promise<CustomerView> {
  const { kefu, actor } = ctx;
  await loadInScope(ctx, kefu.db, id);
  await kefu.db.transaction().execute(async (tx) => {
    const row = await repo.lockCustomer(tx, actor.orgId, id);
    if (!row) throw notFound('customer');
    assertEditable(ctx, row);
    await applyStatus(ctx, tx, row, body.status, body.reason ?? '');
  });
  return getCustomer(ctx, id);
}

export function statusLabel(locale: CustomerCtx['actor']['locale'], status: string): string {
  return t(locale, `customers.status.${status}`);
}

/** Applies one lifecycle change inside the caller's transaction (also used by bulk actions). */
export async function applyStatus(ctx: CustomerCtx, tx: Tx, row: CustomerRow, to: LifecycleStatus, reason: string): Promise<void> {
  const { actor } = ctx;
  const from = row.lifecycle_status;
  if (from === to) return;
  if (!LIFECYCLE_TRANSITIONS[from].includes(to)) {
    throw new AppError('invalid_status_transition', 409, { from, to, message: t(actor.locale, 'errors.invalid_status_transition', { from: statusLabel(actor.locale, from), to: statusLabel(actor.locale, to) }) });
  }
  await tx
    .updateTable('customers')
    .set({ lifecycle_status: to, version: row.version + 1, updated_at: new Date() })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', row.id)
    .execute();
  await repo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), customer_id: row.id, from_status: from, to_status: to, reason, actor_id: actor.userId });
  await appendTimeline(tx, { orgId: actor.orgId, customerId: row.id, kind: 'status', title: reason, actorId: actor.userId, detail: { from, to } });
  await recordAudit(tx, auditBy(actor, { action: 'customer.status', entityType: 'customer', entityId: row.id, before: { lifecycle_status: from }, after: { lifecycle_status: to }, reason: reason || null }));
}

export type ListQuery = {
  q?: string;
  filter?: CustomerFilter;
  sort: repo.ListOptions['sort'];
  limit: number;
  cursor?: string;
};

/** Runs a user-built filter; an impossible one is a 400 naming why. */
async function withFilter<T>(ctx: CustomerCtx, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FilterError) {
      throw new AppError('invalid_filter', 400, [{ path: ['query', 'filter'], code: 'invalid_filter', message: t(ctx.actor.locale, 'errors.invalid_filter', { reason: err.message }) }]);
    }
    throw err;
  }
}

export async function listCustomers(ctx: CustomerCtx, query: ListQuery): Promise<Page<CustomerView>> {
  const { kefu, actor } = ctx;
  const customDefs = await customDefsFor(ctx);
  const rows = await withFilter(ctx, () => repo.listCustomers(kefu.db, actor, { ...query, customDefs }));
  const searching = !!query.q?.trim();
  const page = toPage(rows, query.limit, (r) => (searching ? (r.rank ?? 2) : sortValue(r, query.sort.column)), (r) => r);
  return { items: await Promise.all(page.items.map((r) => presentCustomer(kefu, actor, r))), nextCursor: page.nextCursor };
}

function sortValue(r: repo.CustomerWithRefs, column: ListQuery['sort']['column']): string | null {
  if (r.sort_key !== undefined) return r.sort_key;
  if (column === 'name') return r.name;
  if (column === 'last_activity_at') return r.last_activity_at ? new Date(r.last_activity_at).toISOString() : '-infinity';
  return new Date(r[column]).toISOString();
}

export async function countCustomers(ctx: CustomerCtx, query: Pick<ListQuery, 'q' | 'filter'>): Promise<number> {
  const customDefs = await customDefsFor(ctx);
  return withFilter(ctx, () => repo.countCustomers(ctx.kefu.db, ctx.actor, { ...query, customDefs }));
}

/** Reveal loader for `customer`: one raw personal-data value of a customer in the actor's scope. */
export const loadCustomerPii: RevealLoader = async (db, actor, id, field, kefu) => {
  const row = await repo.findCustomerInScope(db, actor, id);
  if (!row) return null;
  if (field === 'phone') return { value: ((row.phones ?? []) as PhoneEntry[]).map((p) => p.value).join(', ') || null };
  if (field === 'email') return { value: row.email };
  if (field === 'address') return { value: row.address };
  if (!row.id_number_enc) return { value: null };
  return { value: await decryptSecret(kefu, row.id_number_enc, 'customer.id_number') };
};
