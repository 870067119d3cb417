import { auditBy, recordAudit } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { CustomerCtx } from '../customers.common.js';
import { customerSnapshot } from '../customers.presenter.js';
import * as customersRepo from '../customers.repo.js';
import { getCustomer, tokensOf } from '../customers.service.js';
import type { PhoneEntry } from '../customers.tables.js';
import { appendTimeline } from '../timeline.service.js';
import { phonesOf } from './merge-fields.js';
import { mergeParticipant } from './merge-participants.js';
import { findMerge, laterBlockingMerge, listMergesOf, lockPair, markUndone, type MergeListRow, restoreCustomer } from './merge.repo.js';
import type { MergeView } from './merge.schema.js';

const count = (moved: Record<string, string[]>) => Object.fromEntries(Object.entries(moved ?? {}).map(([k, ids]) => [k, ids.length]));

/**
 * Undoes a merge (§2.7 "reversible"): both customers' rows come back from the snapshots taken
 * when it ran (with a new version), exactly the records it moved go back to the merged
 * customer, phones and search tokens are rebuilt. Refused when it is undone already or when a
 * later merge that is still in force involves either customer: that one must be undone first.
 * Edits made to the survivor after the merge are replaced by its card as it was before; the
 * audit entry keeps what was replaced.
 */
export async function undoMerge(ctx: CustomerCtx, mergeId: string) {
  const { kefu, actor } = ctx;
  const merge = await findMerge(kefu.db, actor.orgId, mergeId);
  if (!merge) throw notFound('customer_merge');
  if (!(await customersRepo.findCustomerInScope(kefu.db, actor, merge.survivor_id)) || !(await customersRepo.findCustomerInScope(kefu.db, actor, merge.merged_id))) {
    throw notFound('customer_merge');
  }
  await kefu.db.transaction().execute(async (tx) => {
    // The merge row first, then the customers in id order: the same order a merge takes them.
    const locked = await findMerge(tx, actor.orgId, mergeId, { lock: true });
    if (!locked) throw notFound('customer_merge');
    if (locked.undone_at) throw new AppError('merge_already_undone', 409, { mergeId });
    const rows = await lockPair(tx, actor.orgId, locked.survivor_id, locked.merged_id);
    const blockedBy = await laterBlockingMerge(tx, locked);
    if (blockedBy) throw new AppError('merge_undo_blocked', 409, { mergeId, blockedBy });
    const s = rows.get(locked.survivor_id);
    const m = rows.get(locked.merged_id);
    if (!s || !m || s.deleted_at || s.anonymized_at || s.merged_into_id || m.anonymized_at || m.merged_into_id !== s.id) {
      throw new AppError('merge_undo_unavailable', 409, { mergeId });
    }
    const sBefore = locked.survivor_before as Record<string, unknown>;
    const mBefore = locked.merged_before as Record<string, unknown>;
    // Anonymization wipes the snapshots: nothing is left to restore.
    if (sBefore.id !== s.id || mBefore.id !== m.id) throw new AppError('merge_undo_unavailable', 409, { mergeId });
    const tokens = (snap: Record<string, unknown>) => tokensOf(snap as unknown as Parameters<typeof tokensOf>[0]);
    const survivor = await restoreCustomer(tx, actor.orgId, sBefore, { version: s.version + 1, searchTokens: tokens(sBefore) });
    const merged = await restoreCustomer(tx, actor.orgId, mBefore, { version: m.version + 1, searchTokens: tokens(mBefore) });
    if (survivor.lifecycle_status !== s.lifecycle_status) {
      await customersRepo.insertStatusHistory(tx, { org_id: actor.orgId, id: uuidv7(), customer_id: s.id, from_status: s.lifecycle_status, to_status: survivor.lifecycle_status, reason: t(actor.locale, 'customerMerge.undo_status_reason'), actor_id: actor.userId });
    }
    await customersRepo.replacePhones(tx, actor.orgId, s.id, phonesOf(survivor) as PhoneEntry[]);
    await customersRepo.replacePhones(tx, actor.orgId, m.id, phonesOf(merged) as PhoneEntry[]);
    for (const [name, ids] of Object.entries(locked.moved ?? {})) {
      const participant = mergeParticipant(name);
      // A module that registered records then was removed: nothing of it can move back.
      if (participant) await participant.restore(tx, actor.orgId, ids, m.id);
    }
    await markUndone(tx, actor.orgId, mergeId, actor.userId);
    for (const [customerId, other] of [[s.id, m], [m.id, s]] as const) {
      await appendTimeline(tx, { orgId: actor.orgId, customerId, kind: 'merge', title: other.name, actorId: actor.userId, detail: { mergeId, undone: true, survivorId: s.id, mergedId: m.id } });
    }
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'customer.merge_undo',
        entityType: 'customer',
        entityId: s.id,
        before: { mergeId, survivor: customerSnapshot(s), merged: customerSnapshot(m) },
        after: { mergeId, survivor: customerSnapshot(survivor), merged: customerSnapshot(merged), moved: count(locked.moved) },
      }),
    );
  });
  return { mergeId, survivor: await getCustomer(ctx, merge.survivor_id), merged: await getCustomer(ctx, merge.merged_id) };
}

function present(r: MergeListRow, customerId: string, blockedBy: string | null, survivorVersion: number | null): MergeView {
  const sBefore = r.survivor_before as { name?: string; version?: number };
  const mBefore = r.merged_before as { name?: string };
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    survivorName: sBefore.name ?? '',
    mergedName: mBefore.name ?? '',
    role: r.survivor_id === customerId ? 'survivor' : 'merged',
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    moved: count(r.moved),
    undoneAt: r.undone_at ? new Date(r.undone_at).toISOString() : null,
    undoneByName: r.undone_by_name,
    canUndo: !r.undone_at && !blockedBy && !!sBefore.name,
    blockedBy: r.undone_at ? null : blockedBy,
    // the merge itself bumped the version once
    survivorChangedSince: !r.undone_at && survivorVersion !== null && survivorVersion !== (sBefore.version ?? 0) + 1,
  };
}

/** Merges a customer took part in, newest first, with whether each can be undone now (for the 360 page). */
export async function listMerges(ctx: CustomerCtx, customerId: string): Promise<MergeView[]> {
  const { kefu, actor } = ctx;
  if (!(await customersRepo.findCustomerInScope(kefu.db, actor, customerId))) throw notFound('customer');
  const rows = await listMergesOf(kefu.db, actor.orgId, customerId);
  const out: MergeView[] = [];
  for (const r of rows) {
    const blockedBy = r.undone_at ? null : await laterBlockingMerge(kefu.db, r);
    const survivor = r.undone_at ? null : await kefu.db.selectFrom('customers').select('version').where('org_id', '=', actor.orgId).where('id', '=', r.survivor_id).executeTakeFirst();
    out.push(present(r, customerId, blockedBy, survivor?.version ?? null));
  }
  return out;
}
