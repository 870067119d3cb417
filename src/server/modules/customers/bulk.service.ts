import { sql } from 'kysely';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import type { BulkBody, BulkResult } from '../../../shared/customers.js';
import { type CustomerCtx, problem, validationError } from './customers.common.js';
import * as repo from './customers.repo.js';
import { applyStatus, checkOwner } from './customers.service.js';
import { appendTimelineMany } from './timeline.service.js';


/**
 * One action over selected customers (assign owner, add/remove tags, change status) in one
 * transaction. Customers outside the caller's scope, merged or anonymized ones are skipped and
 * reported; a status change not allowed from a customer's current status is skipped for it.
 */
export async function bulkUpdate(ctx: CustomerCtx, body: BulkBody): Promise<BulkResult> {
  const { kefu, actor } = ctx;
  if (body.action === 'assign' && !body.ownerId) throw validationError([problem(actor, 'ownerId', 'bulk_missing_owner')]);
  if ((body.action === 'add_tags' || body.action === 'remove_tags') && !body.tags?.length) throw validationError([problem(actor, 'tags', 'bulk_missing_tags')]);
  if (body.action === 'status' && !body.status) throw validationError([problem(actor, 'status', 'bulk_missing_status')]);
  const ids = [...new Set(body.ids)];
  return kefu.db.transaction().execute(async (tx) => {
    const visible = await repo.findCustomersInScope(tx, actor, ids);
    const byId = new Map(visible.map((r) => [r.id, r]));
    const skipped: BulkResult['skipped'] = [];
    const targets: string[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      const code = !row ? 'not_found' : row.merged_into_id ? 'customer_merged' : row.anonymized_at ? 'customer_anonymized' : null;
      if (code) skipped.push({ id, code, message: t(actor.locale, `errors.${code}`) });
      else targets.push(id);
    }
    if (targets.length === 0) return { updated: 0, skipped };
    const where = (q: ReturnType<typeof tx.updateTable<'customers'>>) => q.where('org_id', '=', actor.orgId).where('id', 'in', targets);
    if (body.action === 'assign') {
      const departmentId = await checkOwner(ctx, tx, body.ownerId!);
      const moved = targets.filter((id) => byId.get(id)!.owner_id !== body.ownerId);
      if (moved.length > 0) {
        await tx
          .updateTable('customers')
          .set((eb) => ({ owner_id: body.ownerId!, department_id: departmentId, version: eb('version', '+', 1), updated_at: new Date() }))
          .where('org_id', '=', actor.orgId)
          .where('id', 'in', moved)
          .execute();
        await appendTimelineMany(tx, moved.map((id) => ({ orgId: actor.orgId, customerId: id, kind: 'owner' as const, title: '', actorId: actor.userId, detail: { from: byId.get(id)!.owner_id, to: body.ownerId } })));
      }
    } else if (body.action === 'add_tags') {
      await where(tx.updateTable('customers'))
        .set((eb) => ({ tags: sql`ARRAY(SELECT DISTINCT unnest(tags || ${body.tags!}::text[]))`, version: eb('version', '+', 1), updated_at: new Date() }))
        .execute();
    } else if (body.action === 'remove_tags') {
      await where(tx.updateTable('customers'))
        .set((eb) => ({ tags: sql`ARRAY(SELECT t FROM unnest(tags) AS t WHERE t <> ALL(${body.tags!}::text[]))`, version: eb('version', '+', 1), updated_at: new Date() }))
        .execute();
    } else {
      for (const id of targets) {
        const row = await repo.lockCustomer(tx, actor.orgId, id);
        try {
          await applyStatus(ctx, tx, row!, body.status!, body.reason ?? '');
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'invalid_status_transition') throw err;
          skipped.push({ id, code: err.code, message: (err.details as { message: string }).message });
        }
      }
    }
    const updated = targets.length - skipped.filter((s) => targets.includes(s.id)).length;
    await recordAudit(tx, auditBy(actor, { action: `customer.bulk_${body.action}`, entityType: 'customer', entityId: null, after: { ids: targets, ownerId: body.ownerId, tags: body.tags, status: body.status, reason: body.reason } }));
    return { updated, skipped };
  });
}
