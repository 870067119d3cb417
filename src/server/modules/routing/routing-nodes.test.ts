import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { as, createTestKefu } from '../../testing/harness.js';
import { createUser, ok, type OrgTest, setupOrg } from '../org/org.fixtures.js';
import { addMember, createTeam, insertTicket, loadOf } from './routing.fixtures.js';
import { routeTicket } from './routing.service.js';

/**
 * Two server nodes on one PostgreSQL database (ARCHITECTURE "Scale-out"): each has its own
 * connection pool, as two processes would, and requests are split across both. The member-row
 * lock must keep every agent within capacity. The embedded engine is single-node by construction
 * (one process holds the data directory), so this runs only when DATABASE_URL is set.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))('routing across two server nodes', () => {
  let t: OrgTest;
  let nodeB: Awaited<ReturnType<typeof createTestKefu>>;
  let appB: FastifyInstance;
  const agents: string[] = [];

  beforeAll(async () => {
    t = await setupOrg();
    const databaseUrl = t.kefu.config.databaseUrl!;
    nodeB = await createTestKefu({ nodeId: 'node-b' }, { reuseDatabaseUrl: databaseUrl });
    appB = await buildApp({ kefu: nodeB.kefu });
    await appB.ready();
    for (const name of ['n1', 'n2', 'n3']) agents.push((await createUser(t.admin, `node_agent_${name}`)).id);
  });
  afterAll(async () => {
    await appB?.close();
    await nodeB?.close();
    await t?.close();
  });

  async function teamOfThree(name: string) {
    const team = await createTeam(t.admin, { name, strategy: 'round_robin' });
    for (const id of agents) await addMember(t.admin, team.id, id, { capacity: 5 });
    return team;
  }

  it('50 routings split across both nodes assign exactly 15 and queue 35', async () => {
    const team = await teamOfThree('双节点直接路由');
    const tickets = [];
    for (let i = 0; i < 50; i++) tickets.push(await insertTicket(t.kefu.db, t.orgId, { teamId: team.id }));
    const now = new Date();
    const results = await Promise.all(
      tickets.map((tk, i) => (i % 2 === 0 ? t.kefu.db : nodeB.kefu.db).transaction().execute((tx) => routeTicket(tx, t.orgId, tk.id, now))),
    );
    expect(results.filter((r) => r.assigneeId).length).toBe(15);
    expect(results.filter((r) => r.queued).length).toBe(35);
    expect(await loadOf(t.kefu.db, team.id)).toEqual(Object.fromEntries(agents.map((a) => [a, 5])));
  });

  it('50 assign-to-team requests through both nodes never put an agent over capacity', async () => {
    const team = await teamOfThree('双节点接口');
    const cookie = t.adminCookie;
    const onA = as(t.app, cookie);
    const onB = as(appB, cookie);
    const tickets = [];
    for (let i = 0; i < 50; i++) tickets.push(await insertTicket(t.kefu.db, t.orgId));
    const answers = await Promise.all(
      tickets.map((tk, i) => (i % 2 === 0 ? onA : onB)({ method: 'POST', url: `/api/v1/tickets/${tk.id}/assign`, payload: { teamId: team.id } })),
    );
    const bodies = answers.map((r) => ok<{ assigneeId: string | null; queued: boolean }>(r));
    expect(bodies.filter((b) => b.assigneeId).length).toBe(15);
    expect(bodies.filter((b) => b.queued).length).toBe(35);
    expect(await loadOf(t.kefu.db, team.id)).toEqual(Object.fromEntries(agents.map((a) => [a, 5])));
    const queue = ok(await onB({ method: 'GET', url: `/api/v1/teams/${team.id}/queue?limit=500` }));
    expect(queue.total).toBe(35);
  });

  it('capacity changes racing with routings on both nodes neither deadlock nor overfill', async () => {
    const team = await teamOfThree('双节点调整容量');
    const onA = as(t.app, t.adminCookie);
    const onB = as(appB, t.adminCookie);
    const tickets = [];
    for (let i = 0; i < 30; i++) tickets.push(await insertTicket(t.kefu.db, t.orgId, { teamId: team.id }));
    const now = new Date();
    const routings = tickets.map((tk, i) => (i % 2 === 0 ? t.kefu.db : nodeB.kefu.db).transaction().execute((tx) => routeTicket(tx, t.orgId, tk.id, now)));
    // each agent's capacity goes 5 → 2 → 7 (in that order per agent) while the routings run
    const patch = (id: string, capacity: number, i: number) => (i % 2 === 0 ? onA : onB)({ method: 'PATCH', url: `/api/v1/teams/${team.id}/members/${id}`, payload: { capacity } });
    const patches = Promise.all(agents.map(async (id, i) => [await patch(id, 2, i), await patch(id, 7, i + 1)])).then((l) => l.flat());
    const [routed, answers] = await Promise.all([Promise.all(routings), patches]);
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
    expect(routed).toHaveLength(30);
    const load = await loadOf(t.kefu.db, team.id);
    const capacities = await t.kefu.db.selectFrom('team_members').select(['user_id', 'capacity']).where('team_id', '=', team.id).execute();
    // once everything settled, the queue was served up to the final capacity of 7 each, never beyond
    expect(capacities.map((m) => m.capacity)).toEqual([7, 7, 7]);
    expect(load).toEqual(Object.fromEntries(agents.map((a) => [a, 7])));
  });
});
