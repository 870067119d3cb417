import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TicketPriority, TicketStatus, TicketType } from '../../../shared/tickets.js';
import { type Call, createRole, ok, type OrgTest, userAs } from '../org/org.fixtures.js';

/**
 * Test fixtures for teams and routing. Teams and members go through the HTTP API; tickets are
 * inserted with SQL, so routing is tested on its own terms.
 */

export async function createTeam(call: Call, body: Record<string, unknown>) {
  return ok<{ id: string; version: number; name: string; strategy: string }>(await call({ method: 'POST', url: '/api/v1/teams', payload: body }), 201);
}

export async function addMember(call: Call, teamId: string, userId: string, body: Record<string, unknown> = {}) {
  return ok<{ userId: string; capacity: number; skills: Record<string, number>; openCount: number }>(
    await call({ method: 'POST', url: `/api/v1/teams/${teamId}/members`, payload: { userId, ...body } }),
    201,
  );
}

/** An agent who works tickets (reads, updates) but manages nothing. */
export async function agent(t: OrgTest, username: string, permissions = ['tickets.read', 'tickets.update']) {
  const role = await createRole(t.admin, `${username}_role`, permissions, { scopes: { tickets: 'self' } });
  return userAs(t, username, { roleIds: [role.id], departmentId: t.rootDeptId });
}

export type TicketSeed = {
  type?: TicketType;
  subtype?: 'install' | 'repair' | 'return' | 'exchange' | null;
  channel?: 'phone' | 'email' | 'web_form' | 'chat' | 'api';
  priority?: TicketPriority;
  customerTier?: string | null;
  tags?: string[];
  teamId?: string | null;
  assigneeId?: string | null;
  status?: TicketStatus;
  subject?: string;
  queuedAt?: Date | null;
};

export async function insertTicket(db: Kysely<DB>, orgId: string, seed: TicketSeed = {}): Promise<{ id: string; number: string }> {
  const id = uuidv7();
  const row = await db
    .insertInto('tickets')
    .values({
      org_id: orgId,
      id,
      type: seed.type ?? 'inquiry',
      subtype: seed.subtype ?? null,
      subject: seed.subject ?? `工单 ${id.slice(-6)}`,
      channel: seed.channel ?? 'phone',
      priority: seed.priority ?? 'normal',
      status: seed.status ?? 'new',
      customer_tier: seed.customerTier ?? null,
      tags: seed.tags ?? [],
      team_id: seed.teamId ?? null,
      assignee_id: seed.assigneeId ?? null,
      queued_at: seed.queuedAt ?? null,
      custom: {},
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return { id: row.id, number: String(row.number) };
}

export async function ticket(db: Kysely<DB>, id: string) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function setStatus(db: Kysely<DB>, ids: string[], status: TicketStatus): Promise<void> {
  if (ids.length > 0) await db.updateTable('tickets').set({ status }).where('id', 'in', ids).execute();
}

/** Open tickets per assignee in a team. */
export async function loadOf(db: Kysely<DB>, teamId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('team_id', '=', teamId)
    .where('assignee_id', 'is not', null)
    .where('status', 'in', ['new', 'open', 'pending', 'on_hold'])
    .groupBy('assignee_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}
