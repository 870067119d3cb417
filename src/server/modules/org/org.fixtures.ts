import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { as, createTestApp, loginCookie, type TestApp } from '../../testing/harness.js';

/** Test fixtures for the org module: everything goes through the HTTP API, as the UI does. */

export const PASSWORD = 'Kefu-Test-2026!';

export type Call = ReturnType<typeof as>;

export type OrgTest = TestApp & { admin: Call; adminId: string; rootDeptId: string };

export async function setupOrg(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<OrgTest> {
  const t = await createTestApp(overrides);
  const admin = as(t.app, t.adminCookie);
  const user = await t.kefu.db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  return { ...t, admin, adminId: user.id, rootDeptId: user.department_id! };
}

/** Asserts a status and returns the JSON body (prints the body when the status differs). */
export function ok<T = any>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) expect.fail(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

export async function createDepartment(call: Call, name: string, parentId: string | null, extra: Record<string, unknown> = {}) {
  return ok<{ id: string; path: string; version: number }>(
    await call({ method: 'POST', url: '/api/v1/departments', payload: { name, parentId, ...extra } }),
    201,
  );
}

export async function createRole(call: Call, code: string, permissions: string[], extra: Record<string, unknown> = {}) {
  return ok<{ id: string; version: number }>(await call({ method: 'POST', url: '/api/v1/roles', payload: { code, name: code, permissions, ...extra } }), 201);
}

export async function createUser(call: Call, username: string, body: Record<string, unknown> = {}) {
  return ok<{ id: string; version: number; phone: string | null }>(
    await call({ method: 'POST', url: '/api/v1/users', payload: { username, displayName: username, password: PASSWORD, roleIds: [], ...body } }),
    201,
  );
}

/** Creates a user with the given roles and returns an injector signed in as them. */
export async function userAs(t: OrgTest, username: string, body: Record<string, unknown> = {}) {
  const user = await createUser(t.admin, username, body);
  const cookie = await loginCookie(t.app, username, PASSWORD);
  return { id: user.id, call: as(t.app, cookie), cookie };
}

export async function auditRows(t: TestApp, action: string, entityId?: string) {
  let q = t.kefu.db.selectFrom('audit_log').selectAll().where('org_id', '=', t.orgId).where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}
