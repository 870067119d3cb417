import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';

type Tx = Kysely<DB>;

/**
 * Anything that hangs off a customer and must follow it when two customers are merged (§2.7):
 * the customers module's own tables, and whatever other modules (tickets, calls, surveys …)
 * register. `move` runs inside the merge transaction and returns the ids it moved; undo hands
 * exactly those ids back to `restore`, so records created on the survivor after the merge stay.
 */
export type MergeParticipant = {
  /** Stable key: it names the moved ids in `customer_merges.moved`, so never rename one. */
  name: string;
  move(tx: Tx, orgId: string, fromId: string, toId: string): Promise<string[]>;
  restore(tx: Tx, orgId: string, ids: readonly string[], toId: string): Promise<void>;
  /** How many records `move` would move (the merge preview); optional for odd participants. */
  count?(db: Tx, orgId: string, customerId: string): Promise<number>;
};

/**
 * The common case: a table with `org_id`, `id` and a customer column. Indexed on
 * (org_id, customer_id) in every table of ours, so the move is one index-driven update.
 */
export function tableParticipant(name: string, table: string, customerColumn = 'customer_id'): MergeParticipant {
  const t = sql.table(table);
  const col = sql.ref(customerColumn);
  return {
    name,
    async move(tx, orgId, fromId, toId) {
      const res = await sql<{ id: string }>`UPDATE ${t} SET ${col} = ${toId} WHERE org_id = ${orgId} AND ${col} = ${fromId} RETURNING id`.execute(tx);
      return res.rows.map((r) => r.id);
    },
    async restore(tx, orgId, ids, toId) {
      if (ids.length === 0) return;
      await sql`UPDATE ${t} SET ${col} = ${toId} WHERE org_id = ${orgId} AND id = ANY(${[...ids]}::uuid[])`.execute(tx);
    },
    async count(db, orgId, customerId) {
      const res = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t} WHERE org_id = ${orgId} AND ${col} = ${customerId}`.execute(db);
      return Number(res.rows[0]?.n ?? 0);
    },
  };
}

/** The customers module's own related records; names are what the preview and the UI show. */
export const CORE_PARTICIPANTS = [
  ['contacts', 'customer_contacts'],
  ['orders', 'customer_orders'],
  ['invoices', 'customer_invoices'],
  ['payments', 'customer_payments'],
  ['timeline', 'customer_timeline'],
  ['consents', 'customer_consents'],
  ['status_history', 'customer_status_history'],
] as const;

// The module's own tables are always there: a merge started outside HTTP (an import) moves them too.
const participants = new Map<string, MergeParticipant>(CORE_PARTICIPANTS.map(([name, table]) => [name, tableParticipant(name, table)]));

/**
 * Registers (or replaces, by name) a participant. Modules call this when their routes are
 * registered; re-registering on every app build keeps tests that build several apps simple.
 */
export function registerMergeParticipant(participant: MergeParticipant): void {
  participants.set(participant.name, participant);
}

/** Every participant, in registration order (the order records move and the preview lists). */
export function mergeParticipants(): MergeParticipant[] {
  return [...participants.values()];
}

export function mergeParticipant(name: string): MergeParticipant | undefined {
  return participants.get(name);
}

