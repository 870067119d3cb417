import type { Kysely } from 'kysely';
import type { TicketChannel, TicketStatus } from '../../../shared/tickets.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { type Call, ok } from '../org/org.fixtures.js';

/** Test fixtures of automations: rules through the API, tickets with explicit timestamps through SQL. */

export async function createRule(call: Call, body: Record<string, unknown>) {
  return ok<Record<string, any>>(await call({ method: 'POST', url: '/api/v1/automations', payload: body }), 201);
}

export type TicketSpec = {
  createdAt: Date;
  status?: TicketStatus;
  statusAt?: Date;
  channel?: TicketChannel;
  subject?: string;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  satisfaction?: number | null;
  ratedAt?: Date | null;
  tags?: string[];
  assigneeId?: string | null;
};

export async function insertTicket(db: Kysely<DB>, orgId: string, spec: TicketSpec): Promise<string> {
  const id = uuidv7();
  const status = spec.status ?? 'new';
  await db
    .insertInto('tickets')
    .values({
      org_id: orgId,
      id,
      type: 'inquiry',
      subject: spec.subject ?? `工单 ${id.slice(-6)}`,
      channel: spec.channel ?? 'email',
      status,
      tags: spec.tags ?? [],
      assignee_id: spec.assigneeId ?? null,
      custom: '{}',
      first_response_at: spec.firstResponseAt ?? null,
      resolved_at: spec.resolvedAt ?? null,
      satisfaction: spec.satisfaction ?? null,
      rated_at: spec.ratedAt ?? null,
      created_at: spec.createdAt,
      updated_at: spec.statusAt ?? spec.createdAt,
    })
    .execute();
  if (status !== 'new') {
    await db.insertInto('ticket_status_history').values({ org_id: orgId, id: uuidv7(), ticket_id: id, from_status: 'new', to_status: status, at: spec.statusAt ?? spec.createdAt }).execute();
  }
  return id;
}
