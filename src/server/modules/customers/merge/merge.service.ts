import type { Kysely } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import type { DB } from '../../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { CustomerCtx } from '../customers.common.js';
import { customerSnapshot } from '../customers.presenter.js';
import * as customersRepo from '../customers.repo.js';
import { getCustomer, tokensOf } from '../customers.service.js';
import type { CustomerRow } from '../customers.tables.js';
import { appendTimeline } from '../timeline.service.js';
import { type AppliedChoices, applyChoices, type ChoiceProblem } from './merge-fields.js';
import { mergeParticipants } from './merge-participants.js';
import { insertMerge, lockPair, snapshotOf } from './merge.repo.js';
import type { MergeBody } from './merge.schema.js';

type Tx = Kysely<DB>;

export function sameCustomerError(actor: Actor): AppError {
  return new AppError('merge_same_customer', 400, [{ path: ['body', 'mergedId'], code: 'merge_same_customer', message: t(actor.locale, 'errors.merge_same_customer') }]);
}

/** Both customers must lie in the caller's scope; one outside it is a 404 like any other read. */
export async function loadPairInScope(ctx: CustomerCtx, survivorId: string, mergedId: string) {
  if (survivorId === mergedId) throw sameCustomerError(ctx.actor);
  const rows = await customersRepo.findCustomersInScope(ctx.kefu.db, ctx.actor, [survivorId, mergedId]);
  const survivor = rows.find((r) => r.id === survivorId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!survivor || !merged) throw notFound('customer');
  return { survivor, merged };
}

/** A customer that no longer stands for a person cannot take part in a merge. */
export function assertMergeable(row: Pick<CustomerRow, 'id' | 'merged_into_id' | 'anonymized_at'>): void {
  if (row.merged_into_id) throw new AppError('customer_merged', 409, { id: row.id, mergedIntoId: row.merged_into_id });
  if (row.anonymized_at) throw new AppError('customer_anonymized', 409, { id: row.id });
}

function choiceError(actor: Actor, problems: ChoiceProblem[]): AppError {
  return new AppError(
    'validation',
    400,
    problems.map((p) => ({ path: ['body', 'choices', p.field], code: p.code, message: t(actor.locale, `errors.${p.code}`, { field: p.field }) })),
  );
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** The survivor's row after the merge: chosen values, united phones and tags, fresh tokens. */
async function updateSurvivor(tx: Tx, s: CustomerRow, m: CustomerRow, applied: AppliedChoices): Promise<CustomerRow> {
  const { phones, custom, preferences, ...rest } = applied.values;
  const next = { ...s, ...rest, phones } as CustomerRow;
  const updated = await tx
    .updateTable('customers')
    .set({
      ...(rest as object),
      phones: JSON.stringify(phones),
      custom: JSON.stringify(custom),
      preferences: JSON.stringify(preferences),
      search_tokens: tokensOf(next),
      last_activity_at: later(s.last_activity_at, m.last_activity_at),
      version: s.version + 1,
      updated_at: new Date(),
    })
    .where('org_id', '=', s.org_id)
    .where('id', '=', s.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await customersRepo.replacePhones(tx, s.org_id, s.id, phones);
  return updated;
}

/**
 * Merges `mergedId` into `survivorId` in one transaction (§2.7): both rows locked in id order,
 * the chosen values written to the survivor, every related record moved by the registered
 * participants, the merged customer kept (marked `merged_into_id`, its phones no longer
 * matching) so undo can bring it back from the stored snapshots.
 */
export async function mergeCustomers(ctx: CustomerCtx, body: MergeBody) {
  const { kefu, actor } = ctx;
  await loadPairInScope(ctx, body.survivorId, body.mergedId);
  const mergeId = uuidv7();
  const moved: Record<string, string[]> = {};
  await kefu.db.transaction().execute(async (tx) => {
    const rows = await lockPair(tx, actor.orgId, body.survivorId, body.mergedId);
    const s = rows.get(body.survivorId);
    const m = rows.get(body.mergedId);
    if (!s || !m || s.deleted_at || m.deleted_at) throw notFound('customer');
    assertMergeable(s);
    assertMergeable(m);
    if (body.version && (body.version.survivor !== s.version || body.version.merged !== m.version)) throw preconditionFailed();
    const applied = applyChoices(s, m, body.choices);
    if (applied.problems.length > 0) throw choiceError(actor, applied.problems);

    const survivorBefore = await snapshotOf(tx, actor.orgId, s.id);
    const mergedBefore = await snapshotOf(tx, actor.orgId, m.id);
    const updated = await updateSurvivor(tx, s, m, applied);
    if (updated.lifecycle_status !== s.lifecycle_status) {
      await customersRepo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), customer_id: s.id, from_status: s.lifecycle_status, to_status: updated.lifecycle_status, reason: t(actor.locale, 'customerMerge.status_reason'), actor_id: actor.userId });
    }
    for (const participant of mergeParticipants()) moved[participant.name] = await participant.move(tx, actor.orgId, m.id, s.id);
    const mergedAfter = await tx
      .updateTable('customers')
      .set({ merged_into_id: s.id, version: m.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', m.id)
      .returning(['id', 'merged_into_id', 'version'])
      .executeTakeFirstOrThrow();
    // Its phones would otherwise still find it (duplicate checks, "who is calling").
    await tx.deleteFrom('customer_phones').where('org_id', '=', actor.orgId).where('customer_id', '=', m.id).execute();
    await insertMerge(tx, {
      org_id: actor.orgId,
      id: mergeId,
      survivor_id: s.id,
      merged_id: m.id,
      survivor_before: survivorBefore,
      merged_before: mergedBefore,
      moved,
      actor_id: actor.userId,
    });
    const counts = Object.fromEntries(Object.entries(moved).map(([k, ids]) => [k, ids.length]));
    await appendTimeline(tx, { orgId: actor.orgId, customerId: s.id, kind: 'merge', title: m.name, actorId: actor.userId, detail: { mergeId, mergedId: m.id, mergedName: m.name, moved: counts } });
    const changed = Object.fromEntries(Object.entries(applied.taken).filter(([, side]) => side !== 'survivor'));
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'customer.merge',
        entityType: 'customer',
        entityId: s.id,
        before: { survivor: customerSnapshot(s), merged: customerSnapshot(m) },
        after: { mergeId, survivor: customerSnapshot(updated), merged: mergedAfter, choices: changed, moved: counts },
      }),
    );
  });
  return {
    mergeId,
    moved: Object.fromEntries(Object.entries(moved).map(([k, ids]) => [k, ids.length])),
    survivor: await getCustomer(ctx, body.survivorId),
  };
}
