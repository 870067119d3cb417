import type { Kysely } from 'kysely';
import type { RealtimeEvent } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { computeBatch, SlaCache, slaColumns, type TicketSla } from './sla-engine.js';
import { rulesFor, runEscalations } from './sla-escalation.js';
import * as repo from './sla.repo.js';
import { refreshTicketSla } from './sla.service.js';

/**
 * The SLA scan (§5.6). Only tickets whose `sla_next_check_at` has come are touched (partial
 * index tickets_sla_check_idx), a batch at a time and row-locked with SKIP LOCKED so several
 * nodes share the work. Per batch: a handful of set-based queries load histories, messages and
 * recorded events, the clocks are computed in memory, new warnings and breaches are inserted
 * (the unique key makes a repeated scan a no-op) and the derived columns written in one UPDATE.
 * Escalations run only for events this scan inserted, and only while their cycle is still open.
 */

export const SLA_SCAN_JOB = 'sla.scan';
export const SLA_SCAN_EVERY_SECONDS = 60;

export type ScanResult = { checked: number; events: number; escalations: number };

async function processOrg(tx: Kysely<DB>, cache: SlaCache, orgId: string, tickets: repo.SlaTicketRow[], now: Date, outbox: RealtimeEvent[], totals: ScanResult) {
  const results = await computeBatch(tx, cache, orgId, tickets, now);
  const pending = results.flatMap((r) => r.unrecorded.map((crossing) => ({ r, crossing, id: uuidv7() })));
  const inserted = new Set(
    await repo.insertEvents(
      tx,
      pending.map((p) => ({ org_id: orgId, id: p.id, ticket_id: p.r.ticket.id, metric: p.crossing.metric, kind: p.crossing.kind, due_at: p.crossing.at, at: now })),
    ),
  );
  totals.events += inserted.size;
  await repo.writeSla(tx, results.map((r) => slaColumns(r, false)));
  const changed = new Set<TicketSla>();
  for (const p of pending) {
    if (!inserted.has(p.id) || !p.crossing.open || !p.r.policy) continue;
    // a warning found together with its breach (the scan came late) is not escalated twice
    const breachToo = pending.some((q) => q.r === p.r && q.crossing.metric === p.crossing.metric && q.crossing.kind === 'breach' && inserted.has(q.id));
    if (p.crossing.kind === 'warning' && breachToo) continue;
    const rules = rulesFor(p.r.policy.escalations, p.crossing);
    if (rules.length === 0) continue;
    const { records, ticketChanged } = await runEscalations({ db: tx, ticket: p.r.ticket, crossing: p.crossing, now, outbox }, rules);
    totals.escalations += records.filter((x) => x.done).length;
    await repo.setEventActions(tx, orgId, p.id, records);
    if (ticketChanged) changed.add(p.r);
  }
  // a raised priority or another team may select another policy
  for (const r of changed) await refreshTicketSla(tx, orgId, r.ticket.id, now);
}

/** Processes every ticket due at `now`; realtime notifications go out after each batch commits. */
export async function scanDueSlas(db: Kysely<DB>, publish: (e: RealtimeEvent) => Promise<void>, now: Date, opts: { batchSize?: number } = {}): Promise<ScanResult> {
  const batchSize = opts.batchSize ?? 500;
  const totals: ScanResult = { checked: 0, events: 0, escalations: 0 };
  const cache = new SlaCache();
  for (;;) {
    const outbox: RealtimeEvent[] = [];
    const claimed = await db.transaction().execute(async (tx) => {
      const due = await repo.claimDueTickets(tx, now, batchSize);
      const byOrg = new Map<string, repo.SlaTicketRow[]>();
      for (const t of due) byOrg.set(t.org_id, [...(byOrg.get(t.org_id) ?? []), t]);
      for (const [orgId, tickets] of byOrg) await processOrg(tx, cache, orgId, tickets, now, outbox, totals);
      return due.length;
    });
    totals.checked += claimed;
    for (const e of outbox) await publish(e);
    if (claimed < batchSize) return totals;
  }
}
