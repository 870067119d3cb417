import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db-schema.js';

/** A person who takes over part of a departing owner's work, with the department it moves into. */
export type Recipient = { userId: string; departmentId: string | null };

/**
 * The recipients of one transfer, handed out round-robin. A participant calls `next()` once per
 * item, walking its items in a stable order (oldest first); the position carries on from one
 * participant to the next, so over all participants nobody gets more than one item above another.
 */
export type TransferAssignments = {
  readonly recipients: readonly Recipient[];
  next(): Recipient;
};

/** Who asked for the transfer and why: participants put it on their own history (timeline). */
export type TransferContext = { actorId: string; reason: string };

/**
 * Something a person owns that must follow a transfer (§2.9): customers, and later open tickets
 * and open tasks. `count` answers the preview; `transfer` moves everything `fromId` holds, inside
 * the caller's transaction, and returns how many items it moved.
 */
export type TransferParticipant = {
  /** Stable key used in previews, results and the audit entry (`customers`, `tickets`, `tasks`). */
  name: string;
  count(db: Kysely<DB>, orgId: string, fromId: string): Promise<number>;
  transfer(tx: Kysely<DB>, orgId: string, fromId: string, assignments: TransferAssignments, context: TransferContext): Promise<number>;
};

const participants = new Map<string, TransferParticipant>();

/** Adds a participant (idempotent by name, so a module imported twice registers once). */
export function registerTransferParticipant(participant: TransferParticipant): void {
  participants.set(participant.name, participant);
}

/** Every registered participant in registration order (customers first: it registers with the routes). */
export function transferParticipants(): TransferParticipant[] {
  return [...participants.values()];
}

/**
 * A round-robin over `recipients`. `forParticipant(tally)` gives one participant its
 * assignments, sharing the position with the others and counting what each recipient received.
 */
export function roundRobin(recipients: readonly Recipient[]) {
  if (recipients.length === 0) throw new Error('roundRobin needs at least one recipient');
  let position = 0;
  const forParticipant = (tally: Map<string, number>): TransferAssignments => ({
    recipients,
    next() {
      const r = recipients[position % recipients.length];
      position += 1;
      tally.set(r.userId, (tally.get(r.userId) ?? 0) + 1);
      return r;
    },
  });
  return { forParticipant };
}
