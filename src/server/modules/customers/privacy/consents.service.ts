import type { Kysely } from 'kysely';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import type { DB } from '../../../platform/db-schema.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { type CustomerCtx, problem, validationError } from '../customers.common.js';
import * as repo from '../customers.repo.js';
import { appendTimeline } from '../timeline.service.js';
import type { ConsentBody, ConsentView } from './privacy.schema.js';

/** §2.11 consent records: append-only; a withdrawal stamps the record, nothing is ever deleted. */

// A form filled in on another machine may be a little ahead of ours.
const CLOCK_SKEW_MS = 5 * 60_000;

type ConsentRow = {
  id: string;
  customer_id: string;
  purpose: string;
  scope: string;
  channel: string;
  granted: boolean;
  evidence: string;
  recorded_by: string | null;
  recorded_by_name: string | null;
  at: Date;
  withdrawn_at: Date | null;
};

export function presentConsent(r: ConsentRow): ConsentView {
  return {
    id: r.id,
    customerId: r.customer_id,
    purpose: r.purpose,
    scope: r.scope,
    channel: r.channel,
    granted: r.granted,
    evidence: r.evidence,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    at: new Date(r.at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    active: r.granted && !r.withdrawn_at,
  };
}

/** Every consent of a customer, newest first, with who recorded it. */
export function consentRows(db: Kysely<DB>, orgId: string, customerId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('customer_consents as c')
    .leftJoin('users as u', (j) => j.onRef('u.org_id', '=', 'c.org_id').onRef('u.id', '=', 'c.recorded_by'))
    .select(['c.id', 'c.customer_id', 'c.purpose', 'c.scope', 'c.channel', 'c.granted', 'c.evidence', 'c.recorded_by', 'u.display_name as recorded_by_name', 'c.at', 'c.withdrawn_at'])
    .where('c.org_id', '=', orgId)
    .where('c.customer_id', '=', customerId)
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

async function visibleCustomer(ctx: CustomerCtx, customerId: string) {
  const row = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId);
  if (!row) throw notFound('customer');
  return row;
}

/** A new consent needs a customer that still stands for a person. */
async function writableCustomer(ctx: CustomerCtx, customerId: string) {
  const row = await visibleCustomer(ctx, customerId);
  if (row.merged_into_id) throw new AppError('customer_merged', 409, { mergedIntoId: row.merged_into_id });
  if (row.anonymized_at) throw new AppError('customer_anonymized', 409);
  return row;
}

async function loadOne(db: Kysely<DB>, orgId: string, customerId: string, id: string): Promise<ConsentView> {
  const rows = await consentRows(db, orgId, customerId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('consent');
  return presentConsent(row);
}

export async function listConsents(ctx: CustomerCtx, customerId: string): Promise<ConsentView[]> {
  await visibleCustomer(ctx, customerId);
  return (await consentRows(ctx.kefu.db, ctx.actor.orgId, customerId)).map(presentConsent);
}

export async function recordConsent(ctx: CustomerCtx, customerId: string, body: ConsentBody): Promise<ConsentView> {
  const { kefu, actor } = ctx;
  await writableCustomer(ctx, customerId);
  const at = body.at ? new Date(body.at) : new Date();
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw validationError([problem(actor, 'at', 'consent_in_future')]);
  const id = uuidv7();
  await kefu.db.transaction().execute(async (tx) => {
    const values = { purpose: body.purpose, scope: body.scope, channel: body.channel, granted: body.granted, evidence: body.evidence };
    await tx.insertInto('customer_consents').values({ org_id: actor.orgId, id, customer_id: customerId, ...values, recorded_by: actor.userId, at }).execute();
    await appendTimeline(tx, {
      orgId: actor.orgId,
      customerId,
      kind: 'consent',
      title: body.purpose,
      at,
      sourceType: 'consent',
      sourceId: id,
      actorId: actor.userId,
      detail: { action: body.granted ? 'granted' : 'refused', channel: body.channel, scope: body.scope },
    });
    await recordAudit(tx, auditBy(actor, { action: 'customer.consent', entityType: 'customer', entityId: customerId, after: { consentId: id, ...values, at: at.toISOString() } }));
  });
  return loadOne(kefu.db, actor.orgId, customerId, id);
}

/** Withdraws a given consent (PIPL art. 15): stamped once, kept for the record. */
export async function withdrawConsent(ctx: CustomerCtx, customerId: string, consentId: string, reason: string | undefined): Promise<ConsentView> {
  const { kefu, actor } = ctx;
  await writableCustomer(ctx, customerId);
  await kefu.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('customer_consents')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('customer_id', '=', customerId)
      .where('id', '=', consentId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('consent');
    if (!row.granted) throw new AppError('consent_not_granted', 409);
    if (row.withdrawn_at) throw new AppError('consent_already_withdrawn', 409);
    const now = new Date();
    await tx.updateTable('customer_consents').set({ withdrawn_at: now }).where('org_id', '=', actor.orgId).where('id', '=', consentId).execute();
    await appendTimeline(tx, {
      orgId: actor.orgId,
      customerId,
      kind: 'consent',
      title: row.purpose,
      at: now,
      sourceType: 'consent',
      sourceId: consentId,
      actorId: actor.userId,
      detail: { action: 'withdrawn', channel: row.channel, reason: reason ?? '' },
    });
    await recordAudit(tx, auditBy(actor, { action: 'customer.consent_withdraw', entityType: 'customer', entityId: customerId, before: { consentId, withdrawnAt: null }, after: { consentId, withdrawnAt: now.toISOString() }, reason: reason || null }));
  });
  return loadOne(kefu.db, actor.orgId, customerId, consentId);
}
