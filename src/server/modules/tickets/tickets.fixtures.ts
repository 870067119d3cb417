import { type Call, createRole, ok, type OrgTest, userAs } from '../org/org.fixtures.js';

/** Test fixtures for the service desk: tickets through the HTTP API, as the desk does. */
export type TicketBody = Record<string, unknown>;

export async function createTicket(call: Call, body: TicketBody = {}) {
  return ok<Record<string, any>>(await call({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'inquiry', subject: '咨询发票开具', ...body } }), 201);
}

export async function reply(call: Call, id: string, body: TicketBody) {
  return call({ method: 'POST', url: `/api/v1/tickets/${id}/messages`, payload: { kind: 'reply', ...body } });
}

export async function setStatus(call: Call, id: string, status: string, reason = '') {
  return call({ method: 'POST', url: `/api/v1/tickets/${id}/status`, payload: { status, reason } });
}

export async function listIds(call: Call, query: string): Promise<string[]> {
  return ok<{ items: { id: string }[] }>(await call({ method: 'GET', url: `/api/v1/tickets?${query}` })).items.map((i) => i.id);
}

/** An agent who reads and works tickets within a data scope. */
export async function deskAgent(t: OrgTest, username: string, opts: { scope?: 'self' | 'department' | 'subtree' | 'all'; departmentId?: string; permissions?: string[] } = {}) {
  const role = await createRole(t.admin, `${username}_role`, opts.permissions ?? ['tickets.read', 'tickets.create', 'tickets.update', 'customers.read'], {
    scopes: { tickets: opts.scope ?? 'self', customers: 'all' },
  });
  return userAs(t, username, { roleIds: [role.id], departmentId: opts.departmentId ?? t.rootDeptId, displayName: username });
}
