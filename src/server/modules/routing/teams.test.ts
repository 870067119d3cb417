import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createUser, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { addMember, agent, createTeam, insertTicket } from './routing.fixtures.js';

describe('teams API', () => {
  let t: OrgTest;
  let reader: Awaited<ReturnType<typeof agent>>;
  let a1: string;
  let a2: string;
  beforeAll(async () => {
    t = await setupOrg();
    reader = await agent(t, 'team_reader');
    a1 = (await createUser(t.admin, 'agent_one', { displayName: '王一' })).id;
    a2 = (await createUser(t.admin, 'agent_two', { displayName: '李二' })).id;
  });
  afterAll(async () => t.close());

  it('creates, lists, reads, updates with If-Match and deletes a team, auditing each step', async () => {
    const team = await createTeam(t.admin, { name: ' 售后一组 ', strategy: 'round_robin', ticketTypes: ['after_sales', 'after_sales'], channels: ['phone'] });
    expect(team).toMatchObject({ name: '售后一组', strategy: 'round_robin', ticketTypes: ['after_sales'], channels: ['phone'], calendarId: null, active: true, version: 1 });
    const list = ok(await reader.call({ method: 'GET', url: '/api/v1/teams' }));
    expect(list.items).toEqual([expect.objectContaining({ id: team.id, memberCount: 0, capacity: 0, openCount: 0, queuedCount: 0 })]);
    const url = `/api/v1/teams/${team.id}`;
    const got = await reader.call({ method: 'GET', url });
    expect(got.headers.etag).toBe('"1"');
    expect(got.json().members).toEqual([]);

    expect((await t.admin({ method: 'PATCH', url, payload: { strategy: 'skills' } })).statusCode).toBe(428);
    const updated = ok(await t.admin({ method: 'PATCH', url, payload: { strategy: 'skills', description: '维修与安装' }, headers: { 'if-match': '"1"' } }));
    expect(updated).toMatchObject({ strategy: 'skills', description: '维修与安装', version: 2 });
    expect((await t.admin({ method: 'PATCH', url, payload: { active: false }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    const [upd] = await auditRows(t, 'team.update', team.id);
    expect(upd.before).toMatchObject({ strategy: 'round_robin' });
    expect(upd.after).toMatchObject({ strategy: 'skills' });

    expect((await t.admin({ method: 'DELETE', url, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await reader.call({ method: 'GET', url })).statusCode).toBe(404);
    expect(await auditRows(t, 'team.create', team.id)).toHaveLength(1);
    expect(await auditRows(t, 'team.delete', team.id)).toHaveLength(1);
  });

  it('refuses bad input with localized field messages, duplicates with 409, and non-managers with 403', async () => {
    const codes = async (payload: Record<string, unknown>, status = 400) => {
      const res = await t.admin({ method: 'POST', url: '/api/v1/teams', payload });
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error.details.map((d: { code: string; path: string[] }) => `${d.path.slice(1).join('.')}:${d.code}`);
    };
    expect(await codes({ name: '' })).toEqual(['name:too_small']);
    expect(await codes({ name: 'x', strategy: 'random' })).toEqual(['strategy:invalid_value']);
    expect(await codes({ name: 'x', ticketTypes: ['refund'] })).toEqual(['ticketTypes.0:invalid_value']);
    expect(await codes({ name: 'x', channels: ['fax'] })).toEqual(['channels.0:invalid_value']);
    expect(await codes({ name: 'x', extra: 1 })).toEqual([':unrecognized_keys']);
    expect(await codes({ name: 'x', calendarId: '0190a0a0-0000-7000-8000-000000000000' })).toEqual(['calendarId:team_unknown_calendar']);
    await createTeam(t.admin, { name: '投诉组' });
    expect((await t.admin({ method: 'POST', url: '/api/v1/teams', payload: { name: '投诉组' } })).json().error.details[0].message).toBe('已有同名团队');
    const manager = await agent(t, 'en_manager', ['tickets.read', 'teams.manage']);
    await t.admin({ method: 'PATCH', url: `/api/v1/users/${manager.id}`, payload: { locale: 'en' }, headers: { 'if-match': '"1"' } });
    const dup = await manager.call({ method: 'POST', url: '/api/v1/teams', payload: { name: '投诉组' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'team_name_taken', details: [{ path: ['body', 'name'], message: 'A team with this name already exists' }] });
    expect((await reader.call({ method: 'POST', url: '/api/v1/teams', payload: { name: '越权' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/teams' })).statusCode).toBe(401);
  });

  it('manages members: active users only, capacity 0..1000, trimmed skill codes 1..5, availability', async () => {
    const team = await createTeam(t.admin, { name: '一线', strategy: 'load_balanced' });
    const base = `/api/v1/teams/${team.id}/members`;
    const candidates = ok(await t.admin({ method: 'GET', url: `/api/v1/teams/${team.id}/candidates?q=王` }));
    expect(candidates.items.map((c: { id: string }) => c.id)).toEqual([a1]);
    const m = await addMember(t.admin, team.id, a1, { capacity: 3, skills: { ' repair ': 4, 英语: 2 } });
    expect(m).toMatchObject({ userId: a1, capacity: 3, skills: { repair: 4, 英语: 2 }, openCount: 0 });
    expect((await t.admin({ method: 'POST', url: base, payload: { userId: a1 } })).json().error.code).toBe('team_member_exists');
    const candidatesAfter = ok(await t.admin({ method: 'GET', url: `/api/v1/teams/${team.id}/candidates` }));
    expect(candidatesAfter.items.map((c: { id: string }) => c.id)).not.toContain(a1);

    const bad = async (payload: Record<string, unknown>, url = base, method: 'POST' | 'PATCH' = 'POST') => {
      const res = await t.admin({ method, url, payload });
      expect(res.statusCode, res.body).toBe(400);
      const [d] = res.json().error.details;
      expect(d.message).toBeTruthy();
      return `${d.path.slice(1).join('.')}:${d.code}`;
    };
    expect(await bad({ userId: a2, capacity: 1001 })).toBe('capacity:too_big');
    expect(await bad({ userId: a2, capacity: -1 })).toBe('capacity:too_small');
    expect(await bad({ userId: a2, skills: { repair: 6 } })).toBe('skills.repair:too_big');
    expect(await bad({ userId: a2, skills: { '  ': 3 } })).toBe('skills.  :team_skill_code_empty');
    expect(await bad({ userId: a2, skills: { ['长'.repeat(41)]: 3 } })).toBe(`skills.${'长'.repeat(41)}:team_skill_code_too_long`);
    expect(await bad({ userId: a2, skills: { a: 1, ' a': 2 } })).toBe('skills. a:team_skill_code_duplicate');
    const disabled = await createUser(t.admin, 'gone_agent');
    await t.kefu.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    expect(await bad({ userId: disabled.id })).toBe('userId:team_member_inactive_user');
    expect(await bad({ userId: '0190a0a0-0000-7000-8000-000000000000' })).toBe('userId:team_member_inactive_user');

    const patched = ok(await t.admin({ method: 'PATCH', url: `${base}/${a1}`, payload: { capacity: 0, available: false, skills: { install: 5 } } }));
    expect(patched).toMatchObject({ capacity: 0, available: false, skills: { install: 5 } });
    expect(await bad({ capacity: 2000 }, `${base}/${a1}`, 'PATCH')).toBe('capacity:too_big');
    const [audit] = await auditRows(t, 'team.member_update', team.id);
    expect(audit.before).toMatchObject({ capacity: 3, available: true });
    expect(audit.after).toMatchObject({ capacity: 0, available: false });
    expect((await reader.call({ method: 'PATCH', url: `${base}/${a1}`, payload: { capacity: 4 } })).statusCode).toBe(403);

    const detail = ok(await reader.call({ method: 'GET', url: `/api/v1/teams/${team.id}` }));
    expect(detail.members).toEqual([expect.objectContaining({ userId: a1, displayName: '王一', userActive: true })]);
    expect((await t.admin({ method: 'DELETE', url: `${base}/${a1}` })).statusCode).toBe(204);
    expect((await t.admin({ method: 'DELETE', url: `${base}/${a1}` })).statusCode).toBe(404);
    expect(await auditRows(t, 'team.member_remove', team.id)).toHaveLength(1);
  });

  it('keeps a team that still holds open tickets', async () => {
    const team = await createTeam(t.admin, { name: '有单的组' });
    const tk = await insertTicket(t.kefu.db, t.orgId, { teamId: team.id, queuedAt: new Date() });
    const res = await t.admin({ method: 'DELETE', url: `/api/v1/teams/${team.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('team_has_open_tickets');
    await t.kefu.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', tk.id).execute();
    expect((await t.admin({ method: 'DELETE', url: `/api/v1/teams/${team.id}` })).statusCode).toBe(204);
  });
});
