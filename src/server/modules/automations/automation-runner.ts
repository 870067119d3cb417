import { type Kysely, sql } from 'kysely';
import type { Action, Conditions } from '../../../shared/automations.js';
import { OPEN_STATUSES } from '../../../shared/tickets.js';
import { recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TicketRow } from '../tickets/service-desk.tables.js';
import * as tickets from '../tickets/tickets.repo.js';
import { type ActionOutcome, runAction } from './automation-actions.js';
import { matches, snapshotOf, type TicketSnapshot } from './rule-engine.js';

/**
 * Runs automations (§5.9). Triggers run inside the ticket write's transaction, in position
 * order, each at most once per event, each seeing the changes of the ones before it; their own
 * changes do not fire triggers again. Time-based rules run from a job over open tickets and act
 * on a ticket once (automation_runs).
 */

type Tx = Kysely<DB>;
type Rule = { id: string; name: string; conditions: unknown; actions: unknown };

/** When the ticket entered its current status (null: since it was created). */
async function statusSince(tx: Tx, orgId: string, ticketId: string): Promise<Date | null> {
  const row = await tx.selectFrom('ticket_status_history').select((eb) => eb.fn.max('at').as('at')).where('org_id', '=', orgId).where('ticket_id', '=', ticketId).executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

const conditionsOf = (r: Rule): Conditions => {
  const c = (r.conditions ?? {}) as Partial<Conditions>;
  return { all: c.all ?? [], any: c.any ?? [] };
};

/** Applies a rule's actions to a locked ticket; records the system line, the run count and the audit entry. */
async function fire(tx: Tx, rule: Rule, ticket: TicketRow, event: 'created' | 'updated' | 'schedule', now: Date): Promise<{ ticket: TicketRow; outcomes: ActionOutcome[] }> {
  const ctx = { tx, ticket, automation: { id: rule.id, name: rule.name }, event, now };
  const outcomes: ActionOutcome[] = [];
  for (const action of (rule.actions ?? []) as Action[]) outcomes.push(await runAction(ctx, action));
  const line = t('zh-CN', 'automations.system.line', { name: rule.name, actions: outcomes.map((o) => o.summary).join('；') });
  await tx
    .insertInto('ticket_messages')
    .values({ org_id: ticket.org_id, id: uuidv7(), ticket_id: ticket.id, kind: 'system', author_type: 'system', author_name: rule.name, channel: 'system', body_text: line, created_at: now })
    .execute();
  await tx
    .updateTable('automations')
    .set({ run_count: sql`run_count + 1`, last_run_at: now })
    .where('org_id', '=', ticket.org_id)
    .where('id', '=', rule.id)
    .execute();
  await recordAudit(tx, {
    orgId: ticket.org_id,
    action: 'automation.run',
    entityType: 'ticket',
    entityId: ticket.id,
    after: { automationId: rule.id, event, actions: outcomes.map((o) => ({ type: o.type, done: o.done, ...o.detail })) },
    actorName: t('zh-CN', 'automations.system.actor', { name: rule.name }),
  });
  return { ticket: ctx.ticket, outcomes };
}

/**
 * Runs the organization's active triggers for `event` on one ticket, inside the caller's
 * transaction. Called by the ticket pipeline after every ticket write.
 */
export async function runTicketTriggers(tx: Kysely<DB>, orgId: string, ticketId: string, event: 'created' | 'updated', now: Date): Promise<void> {
  const rules = await tx
    .selectFrom('automations')
    .select(['id', 'name', 'conditions', 'actions'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'trigger')
    .where('active', '=', true)
    .where(sql<boolean>`${event} = ANY(events)`)
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rules.length === 0) return;
  let ticket = await tickets.lockTicket(tx, orgId, ticketId);
  if (!ticket) return;
  let since = await statusSince(tx, orgId, ticketId);
  for (const rule of rules) {
    if (!matches(snapshotOf(ticket, since, now), conditionsOf(rule))) continue;
    const before = ticket.status;
    ticket = (await fire(tx, rule, ticket, event, now)).ticket;
    if (ticket.status !== before) since = now;
  }
}

type OpenTicket = TicketRow & { status_since: Date | null };

/** Open tickets of an organization in id order after `after`, with when each entered its status. */
function openTickets(db: Tx, orgId: string, after: string | null, limit: number, excludeRunsOf?: string) {
  let q = db
    .selectFrom('tickets as t')
    .selectAll('t')
    .select(sql<Date | null>`(SELECT max(h.at) FROM ticket_status_history h WHERE h.org_id = t.org_id AND h.ticket_id = t.id)`.as('status_since'))
    .where('t.org_id', '=', orgId)
    .where('t.deleted_at', 'is', null)
    .where('t.merged_into_id', 'is', null)
    .where('t.status', 'in', [...OPEN_STATUSES]);
  if (after) q = q.where('t.id', '>', after);
  if (excludeRunsOf) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('automation_runs as r').select('r.ticket_id').whereRef('r.org_id', '=', 't.org_id').whereRef('r.ticket_id', '=', 't.id').where('r.automation_id', '=', excludeRunsOf))),
    );
  }
  return q.orderBy('t.id').limit(limit).execute() as Promise<OpenTicket[]>;
}

const BATCH = 1000;

/** Walks open tickets in batches, yielding those whose snapshot at `now` matches. */
async function* matching(db: Tx, orgId: string, conditions: Conditions, now: Date, excludeRunsOf?: string): AsyncGenerator<OpenTicket> {
  let after: string | null = null;
  for (;;) {
    const batch = await openTickets(db, orgId, after, BATCH, excludeRunsOf);
    for (const row of batch) {
      const snap: TicketSnapshot = snapshotOf(row, row.status_since, now);
      if (matches(snap, conditions)) yield row;
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.id;
  }
}

/** Which open tickets a rule's conditions match at `now`: the count and the first 20 by number. */
export async function previewMatches(db: Tx, orgId: string, conditions: Conditions, now: Date) {
  const hits: OpenTicket[] = [];
  for await (const row of matching(db, orgId, conditions, now)) hits.push(row);
  hits.sort((a, b) => Number(a.number) - Number(b.number));
  return {
    count: hits.length,
    items: hits.slice(0, 20).map((r) => ({ id: r.id, number: String(r.number), subject: r.subject, status: r.status, priority: r.priority })),
  };
}

export type ScheduleResult = { rules: number; fired: number };

/**
 * One pass of the time-based rules of every organization: each open ticket a rule matches is
 * acted on once, each in its own transaction (the run row is the once-only guard).
 */
export async function runScheduledRules(db: Tx, now: Date): Promise<ScheduleResult> {
  const rules = await db.selectFrom('automations').select(['org_id', 'id', 'name', 'conditions', 'actions']).where('kind', '=', 'schedule').where('active', '=', true).orderBy('org_id').orderBy('position').execute();
  let fired = 0;
  for (const rule of rules) {
    const candidates: string[] = [];
    for await (const row of matching(db, rule.org_id, conditionsOf(rule), now, rule.id)) candidates.push(row.id);
    for (const ticketId of candidates) {
      const done = await db.transaction().execute(async (tx) => {
        const ticket = await tickets.lockTicket(tx, rule.org_id, ticketId);
        if (!ticket || !OPEN_STATUSES.includes(ticket.status)) return false;
        // the ticket may have changed since the scan: check again under the lock
        if (!matches(snapshotOf(ticket, await statusSince(tx, rule.org_id, ticketId), now), conditionsOf(rule))) return false;
        const claimed = await tx
          .insertInto('automation_runs')
          .values({ org_id: rule.org_id, automation_id: rule.id, ticket_id: ticketId, at: now, actions: '[]' })
          .onConflict((oc) => oc.columns(['org_id', 'automation_id', 'ticket_id']).doNothing())
          .returning('ticket_id')
          .executeTakeFirst();
        if (!claimed) return false;
        const { outcomes } = await fire(tx, rule, ticket, 'schedule', now);
        await tx
          .updateTable('automation_runs')
          .set({ actions: JSON.stringify(outcomes.map((o) => ({ type: o.type, done: o.done }))) })
          .where('org_id', '=', rule.org_id)
          .where('automation_id', '=', rule.id)
          .where('ticket_id', '=', ticketId)
          .execute();
        return true;
      });
      if (done) fired++;
    }
  }
  return { rules: rules.length, fired };
}
