import type { Kysely } from 'kysely';
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { DB } from '../../platform/db-schema.js';
import { loadBusinessCalendar } from '../config/calendars.service.js';
import type { SlaPolicyRow } from '../tickets/service-desk.tables.js';
import { computeSlaClock, type ConversationEvent, type SlaClock, type SlaCrossing, type StatusChange } from './sla-clock.js';
import { matchPolicy } from './sla-match.js';
import * as repo from './sla.repo.js';

/**
 * Loads what the clock needs for a batch of tickets (a handful of set-based queries whatever
 * the batch size), computes each ticket's clock and says which warnings and breaches have not
 * been recorded yet. Used by refresh, recompute, explain and the scan alike.
 */

/** When no calendar applies, every minute counts. */
export const ROUND_THE_CLOCK: BusinessCalendar = {
  timezone: 'Asia/Shanghai',
  weekly: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
};

type LoadedCalendar = { id: string | null; name: string | null; calendar: BusinessCalendar };

/** Policies and calendars per organization, loaded once per scan or request. */
export class SlaCache {
  private policies = new Map<string, Promise<SlaPolicyRow[]>>();
  private calendars = new Map<string, Promise<LoadedCalendar>>();

  policiesOf(db: Kysely<DB>, orgId: string): Promise<SlaPolicyRow[]> {
    let p = this.policies.get(orgId);
    if (!p) this.policies.set(orgId, (p = repo.activePolicies(db, orgId)));
    return p;
  }

  /** The policy's calendar, else the organization's default one, else round the clock. */
  calendarOf(db: Kysely<DB>, orgId: string, calendarId: string | null): Promise<LoadedCalendar> {
    const key = `${orgId}|${calendarId ?? ''}`;
    let c = this.calendars.get(key);
    if (!c) {
      c = (async () => {
        const loaded = (calendarId ? await loadBusinessCalendar(db, orgId, calendarId) : undefined) ?? (await loadBusinessCalendar(db, orgId, null));
        return loaded ?? { id: null, name: null, calendar: ROUND_THE_CLOCK };
      })();
      this.calendars.set(key, c);
    }
    return c;
  }
}

export type TicketSla = {
  ticket: repo.SlaTicketRow;
  policy: SlaPolicyRow | null;
  calendar: LoadedCalendar | null;
  clock: SlaClock | null;
  /** Crossings that have happened but have no sla_events row yet. */
  unrecorded: SlaCrossing[];
};

const crossingKey = (ticketId: string, metric: string, kind: string, at: Date) => `${ticketId}|${metric}|${kind}|${at.getTime()}`;

function groupBy<T extends { ticket_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.ticket_id);
    if (list) list.push(r);
    else out.set(r.ticket_id, [r]);
  }
  return out;
}

/** Computes the clocks of tickets of one organization. */
export async function computeBatch(
  db: Kysely<DB>,
  cache: SlaCache,
  orgId: string,
  tickets: repo.SlaTicketRow[],
  now: Date,
  opts: { explain?: boolean } = {},
): Promise<TicketSla[]> {
  if (tickets.length === 0) return [];
  const policies = await cache.policiesOf(db, orgId);
  const governed = tickets.map((t) => ({ ticket: t, policy: t.deleted_at ? undefined : matchPolicy(policies, { type: t.type, priority: t.priority, customerTier: t.customer_tier }) }));
  const ids = governed.filter((g) => g.policy).map((g) => g.ticket.id);
  const [history, messages, recorded] =
    ids.length > 0 ? await Promise.all([repo.statusHistory(db, orgId, ids), repo.conversation(db, orgId, ids), repo.eventKeys(db, orgId, ids)]) : [[], [], []];
  const historyOf = groupBy(history);
  const messagesOf = groupBy(messages);
  const seen = new Set(recorded.map((e) => crossingKey(e.ticket_id, e.metric, e.kind, e.due_at)));
  const out: TicketSla[] = [];
  for (const { ticket, policy } of governed) {
    if (!policy) {
      out.push({ ticket, policy: null, calendar: null, clock: null, unrecorded: [] });
      continue;
    }
    const calendar = await cache.calendarOf(db, orgId, policy.calendar_id);
    const statusHistory: StatusChange[] = (historyOf.get(ticket.id) ?? []).map((h) => ({ toStatus: h.to_status, at: h.at }));
    const events: ConversationEvent[] = (messagesOf.get(ticket.id) ?? []).map((m) => ({ kind: m.kind === 'reply' ? 'agent_reply' : 'customer_message', at: m.created_at }));
    const clock = computeSlaClock({
      targets: {
        firstResponseMinutes: policy.first_response_minutes,
        nextResponseMinutes: policy.next_response_minutes,
        resolutionMinutes: policy.resolution_minutes,
        warnPercent: policy.warn_percent,
      },
      calendar: calendar.calendar,
      createdAt: ticket.created_at,
      statusHistory,
      events,
      now,
      explain: opts.explain,
    });
    const unrecorded = clock.crossed.filter((c) => !seen.has(crossingKey(ticket.id, c.metric, c.kind, c.at)));
    out.push({ ticket, policy, calendar, clock, unrecorded });
  }
  return out;
}

/**
 * The derived columns of a computed ticket. `keepUnrecorded`: a warning or breach not yet
 * recorded keeps the ticket due for the scan (so an edit between the crossing and the scan
 * never loses the event).
 */
export function slaColumns(r: TicketSla, keepUnrecorded: boolean): repo.SlaColumns {
  const base = { org_id: r.ticket.org_id, id: r.ticket.id };
  if (!r.clock || !r.policy) {
    return { ...base, sla_policy_id: null, first_response_due_at: null, next_response_due_at: null, resolution_due_at: null, sla_state: 'none', sla_next_check_at: null };
  }
  const m = r.clock.metrics;
  let next = r.clock.nextCheckAt?.getTime() ?? null;
  if (keepUnrecorded) for (const c of r.unrecorded) next = next === null ? c.at.getTime() : Math.min(next, c.at.getTime());
  return {
    ...base,
    sla_policy_id: r.policy.id,
    first_response_due_at: m.first_response.dueAt,
    next_response_due_at: m.next_response.dueAt,
    resolution_due_at: m.resolution.dueAt,
    sla_state: r.clock.state,
    sla_next_check_at: next === null ? null : new Date(next),
  };
}
