import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';
import { appendTimelineMany, type TimelineEntry } from '../timeline.service.js';
import { type Recipient, registerTransferParticipant, type TransferParticipant } from './transfer.registry.js';

// Bound parameters per statement stay far below PostgreSQL's 65,535 even for a big book.
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The customers a person owns that still stand for someone: live, not merged away, not
 * anonymized (an anonymized customer accepts no change, and a merged one follows its survivor).
 */
function ownedBy(db: Kysely<DB>, orgId: string, fromId: string) {
  return db
    .selectFrom('customers')
    .where('org_id', '=', orgId)
    .where('owner_id', '=', fromId)
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where('anonymized_at', 'is', null);
}

/** §2.9 the customers themselves: new owner and the owner's department, version bumped, an `owner` timeline entry each. */
export const customersParticipant: TransferParticipant = {
  name: 'customers',
  async count(db, orgId, fromId) {
    const row = await ownedBy(db, orgId, fromId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async transfer(tx, orgId, fromId, assignments, context) {
    // Locked in a stable order: a concurrent edit waits, and a second transfer of the same
    // person finds nothing left once this one commits.
    const rows = await ownedBy(tx, orgId, fromId).select('id').orderBy('created_at').orderBy('id').forUpdate().execute();
    const byRecipient = new Map<string, { recipient: Recipient; ids: string[] }>();
    const entries: TimelineEntry[] = [];
    for (const { id } of rows) {
      const recipient = assignments.next();
      const group = byRecipient.get(recipient.userId) ?? { recipient, ids: [] };
      group.ids.push(id);
      byRecipient.set(recipient.userId, group);
      entries.push({ orgId, customerId: id, kind: 'owner', title: '', actorId: context.actorId, detail: { from: fromId, to: recipient.userId, transfer: true, reason: context.reason } });
    }
    const now = new Date();
    for (const { recipient, ids } of byRecipient.values()) {
      for (const part of chunks(ids)) {
        await tx
          .updateTable('customers')
          .set((eb) => ({ owner_id: recipient.userId, department_id: recipient.departmentId, version: eb('version', '+', 1), updated_at: now }))
          .where('org_id', '=', orgId)
          .where('id', 'in', part)
          .execute();
      }
    }
    for (const part of chunks(entries)) await appendTimelineMany(tx, part);
    return rows.length;
  },
};

registerTransferParticipant(customersParticipant);
