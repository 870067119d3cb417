import type { Kysely } from 'kysely';
import type { RealtimeEvent } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import './complaints.tables.js';

export const COMPLAINT_SCAN_JOB = 'complaints.scan';
export const COMPLAINT_SCAN_EVERY_SECONDS = 60;

/**
 * Marks complaint steps that passed their time limit unfinished and tells each step's owner
 * once ('complaint.step_late'). Rows are claimed with SKIP LOCKED so several nodes share the
 * work; `late_at` makes a repeated scan a no-op. Events go out after the batch commits.
 */
export async function scanLateSteps(db: Kysely<DB>, publish: (e: RealtimeEvent) => Promise<void>, now: Date, batchSize = 500): Promise<{ marked: number }> {
  let marked = 0;
  for (;;) {
    const outbox: RealtimeEvent[] = [];
    const claimed = await db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('complaint_steps as s')
        .select(['s.org_id', 's.ticket_id', 's.step', 's.owner_id', 's.due_at'])
        .where('s.completed_at', 'is', null)
        .where('s.late_at', 'is', null)
        .where('s.due_at', '<=', now)
        .orderBy('s.due_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const s of due) {
        await tx.updateTable('complaint_steps').set({ late_at: now }).where('org_id', '=', s.org_id).where('ticket_id', '=', s.ticket_id).where('step', '=', s.step).execute();
        const ticket = await tx.selectFrom('tickets').select(['number', 'subject']).where('org_id', '=', s.org_id).where('id', '=', s.ticket_id).executeTakeFirst();
        await recordAudit(tx, { orgId: s.org_id, action: 'complaint.step_late', entityType: 'ticket', entityId: s.ticket_id, after: { step: s.step, ownerId: s.owner_id, dueAt: s.due_at } });
        if (s.owner_id) {
          outbox.push({
            orgId: s.org_id,
            type: 'complaint.step_late',
            userIds: [s.owner_id],
            data: { ticketId: s.ticket_id, number: ticket ? String(ticket.number) : null, subject: ticket?.subject ?? null, step: s.step, dueAt: s.due_at ? new Date(s.due_at).toISOString() : null },
          });
        }
      }
      return due.length;
    });
    marked += claimed;
    for (const e of outbox) await publish(e);
    if (claimed < batchSize) return { marked };
  }
}

