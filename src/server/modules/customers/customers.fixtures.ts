import { createRole, ok, type OrgTest, setupOrg, userAs } from '../org/org.fixtures.js';
import type { Call } from '../org/org.fixtures.js';

/** Test fixtures for the customers module: everything through the HTTP API, as the UI does. */
export type CustomerTest = OrgTest;
export const setupCustomers = setupOrg;

export async function createCustomer(call: Call, body: Record<string, unknown>) {
  return ok<{ id: string; version: number; name: string; phones: { value: string | null }[] } & Record<string, any>>(
    await call({ method: 'POST', url: '/api/v1/customers', payload: { kind: 'individual', allowDuplicate: true, ...body } }),
    201,
  );
}

/** An agent whose role reads and writes customers within the given scope, phones masked. */
export async function customerAgent(t: OrgTest, username: string, opts: { scope?: 'self' | 'department' | 'subtree' | 'all'; departmentId?: string; permissions?: string[] } = {}) {
  const role = await createRole(t.admin, `${username}_role`, opts.permissions ?? ['customers.read', 'customers.create', 'customers.update'], {
    scopes: { customers: opts.scope ?? 'self' },
    fieldRules: { phone: 'mask', id_number: 'mask', email: 'mask', address: 'mask' },
  });
  return userAs(t, username, { roleIds: [role.id], departmentId: opts.departmentId ?? t.rootDeptId });
}

export async function search(call: Call, q: string): Promise<string[]> {
  const page = ok<{ items: { name: string }[] }>(await call({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}` }));
  return page.items.map((i) => i.name);
}
