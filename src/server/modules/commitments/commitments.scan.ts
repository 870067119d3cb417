import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { RealtimeEvent } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { appendTimeline } from '../customers/timeline.service.js';
import '../complaints/complaints.tables.js';

export const COMMITMENT_SCAN_JOB = 'commitments.scan';
export const COMMITMENT_SCAN_EVERY_SECONDS = 60;
/** The owner is reminded this long before a commitment falls due. */
export const DUE_SOON_MS = 30 * 60_000;

/**
 * §5.7: reminds owners once 30 minutes before due ('commitment.due_soon') and marks open
 * commitments past due as breached, alerting the owner once ('commitment.breached'). The
 * stamps (`due_soon_alerted_at`, `alerted_at`) and the status make a repeated scan a no-op;
 * SKIP LOCKED lets several nodes run it. Events go out after the transaction commits.
 */
export async function scanCommitments(db: Kysely<DB>, publish: (e: RealtimeEvent) => Promise<void>, now: Date): Promise<{ dueSoon: number; breached: number }> {
  const outbox: RealtimeEvent[] = [];
  const result = await db.transaction().execute(async (tx) => {
    const soon = await tx
      .selectFrom('commitments')
      .select(['org_id', 'id', 'owner_id', 'due_at', 'description', 'ticket_id', 'customer_id'])
      .where('status', '=', 'open')
      .where('due_soon_alerted_at', 'is', null)
      .where('due_at', '>', now)
      .where('due_at', '<=', new Date(now.getTime() + DUE_SOON_MS))
      .limit(1000)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const c of soon) {
      await tx.updateTable('commitments').set({ due_soon_alerted_at: now }).where('org_id', '=', c.org_id).where('id', '=', c.id).execute();
      outbox.push({ orgId: c.org_id, type: 'commitment.due_soon', userIds: [c.owner_id], data: { id: c.id, description: c.description, dueAt: new Date(c.due_at).toISOString(), ticketId: c.ticket_id, customerId: c.customer_id } });
    }
    const late = await tx
      .selectFrom('commitments')
      .select(['org_id', 'id', 'owner_id', 'due_at', 'description', 'ticket_id', 'customer_id'])
      .where('status', '=', 'open')
      .where('due_at', '<=', now)
      .limit(1000)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const c of late) {
      await tx.updateTable('commitments').set({ status: 'breached', alerted_at: now, updated_at: now }).where('org_id', '=', c.org_id).where('id', '=', c.id).execute();
      await recordAudit(tx, { orgId: c.org_id, action: 'commitment.breached', entityType: 'commitment', entityId: c.id, before: { status: 'open' }, after: { status: 'breached', dueAt: c.due_at } });
      if (c.customer_id) {
        await appendTimeline(tx, { orgId: c.org_id, customerId: c.customer_id, kind: 'note', title: c.description, detail: { event: 'commitment.breached', dueAt: c.due_at }, sourceType: 'commitment', sourceId: c.id, at: now });
      }
      outbox.push({ orgId: c.org_id, type: 'commitment.breached', userIds: [c.owner_id], data: { id: c.id, description: c.description, dueAt: new Date(c.due_at).toISOString(), ticketId: c.ticket_id, customerId: c.customer_id } });
    }
    return { dueSoon: soon.length, breached: late.length };
  });
  for (const e of outbox) await publish(e);
  return result;
}
