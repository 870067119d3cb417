import type { Kysely } from 'kysely';
import type { TicketPriority, TicketStatus, TicketType } from '../../../shared/tickets.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { ok, type Call } from '../org/org.fixtures.js';

/**
 * Test fixtures of the SLA engine. Tickets are written with SQL (row, status history and
 * messages with explicit timestamps) so each clock can be computed by hand; policies and
 * calendars go through the HTTP API as the UI does.
 */

/** Beijing wall time → instant. */
export const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export type TicketSpec = {
  createdAt: Date;
  status?: TicketStatus;
  type?: TicketType;
  priority?: TicketPriority;
  customerTier?: string | null;
  assigneeId?: string | null;
  departmentId?: string | null;
  teamId?: string | null;
  history?: { to: TicketStatus; at: Date }[];
  messages?: { kind: 'reply' | 'customer' | 'note'; at: Date }[];
};

export async function insertTicket(db: Kysely<DB>, orgId: string, spec: TicketSpec): Promise<{ id: string; number: string }> {
  const id = uuidv7();
  const history = spec.history ?? [];
  const status = spec.status ?? history.at(-1)?.to ?? 'new';
  const row = await db
    .insertInto('tickets')
    .values({
      org_id: orgId,
      id,
      type: spec.type ?? 'inquiry',
      subject: `SLA test ${id.slice(-6)}`,
      channel: 'phone',
      status,
      priority: spec.priority ?? 'normal',
      customer_tier: spec.customerTier ?? null,
      assignee_id: spec.assigneeId ?? null,
      department_id: spec.departmentId ?? null,
      team_id: spec.teamId ?? null,
      custom: '{}',
      created_at: spec.createdAt,
      updated_at: spec.createdAt,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  let from: TicketStatus = 'new';
  for (const h of history) {
    await db.insertInto('ticket_status_history').values({ org_id: orgId, id: uuidv7(), ticket_id: id, from_status: from, to_status: h.to, at: h.at }).execute();
    from = h.to;
  }
  for (const m of spec.messages ?? []) {
    await db
      .insertInto('ticket_messages')
      .values({
        org_id: orgId,
        id: uuidv7(),
        ticket_id: id,
        kind: m.kind,
        author_type: m.kind === 'customer' ? 'customer' : 'agent',
        channel: 'phone',
        body_text: m.kind,
        created_at: m.at,
      })
      .execute();
  }
  return { id: row.id, number: String(row.number) };
}

export async function slaColumnsOf(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom('tickets')
    .select(['sla_policy_id', 'sla_state', 'first_response_due_at', 'next_response_due_at', 'resolution_due_at', 'sla_next_check_at', 'priority', 'assignee_id', 'department_id', 'version'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** Monday–Friday 09:00–12:00 and 13:00–18:00 in Beijing, with the given holidays. */
export async function createCalendar(call: Call, name: string, holidays: string[] = []) {
  const cal = ok<{ id: string }>(await call({ method: 'POST', url: '/api/v1/calendars', payload: { name, weeklyHours: [DAY, DAY, DAY, DAY, DAY, [], []] } }), 201);
  for (const date of holidays) ok(await call({ method: 'PUT', url: `/api/v1/calendars/${cal.id}/days/${date}`, payload: { kind: 'holiday', name: '假日' } }));
  return cal;
}

export async function createPolicy(call: Call, payload: Record<string, unknown>) {
  return ok<{ id: string; version: number; position: number } & Record<string, any>>(await call({ method: 'POST', url: '/api/v1/sla-policies', payload }), 201);
}
