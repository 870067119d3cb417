import type { FastifyInstance } from 'fastify';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { assignTicket } from './assignment.service.js';
import { assignBody, memberParams, queueQuery } from './routing.schema.js';
import * as members from './team-members.service.js';
import { teamLoad, teamQueue } from './team-queue.service.js';
import { candidatesQuery, memberAddBody, memberUpdateBody, teamCreateBody, teamListQuery, teamUpdateBody } from './teams.schema.js';
import * as teams from './teams.service.js';

const READ = 'tickets.read';
// Whoever configures teams may read them without reading tickets.
const READ_TEAMS = ['tickets.read', 'teams.manage'];
const MANAGE = 'teams.manage';
const tags = ['routing'];

/** §5.5 teams, members, queues and manual assignment. */
export function registerRoutingRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams',
    summary: 'List teams with members, capacity, open load and waiting tickets',
    tags,
    permission: READ_TEAMS,
    query: teamListQuery,
    handler: async ({ kefu, actor, query }) => ({ items: await teams.listTeams(kefu.db, actor, query), nextCursor: null }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/:id',
    summary: 'One team with its members',
    tags,
    permission: READ_TEAMS,
    params: idParams,
    handler: ({ kefu, actor, params }) => teams.getTeam(kefu.db, actor, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/teams',
    summary: 'Create a team',
    tags,
    permission: MANAGE,
    body: teamCreateBody,
    handler: ({ kefu, actor, body }) => teams.createTeam(kefu.db, actor, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/teams/:id',
    summary: 'Update a team (If-Match); waiting tickets are served under the new settings',
    tags,
    permission: MANAGE,
    params: idParams,
    body: teamUpdateBody,
    handler: ({ kefu, actor, params, body, ifMatch }) => teams.updateTeam(kefu, actor, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/teams/:id',
    summary: 'Delete a team that holds no open tickets',
    tags,
    permission: MANAGE,
    params: idParams,
    handler: ({ kefu, actor, params, ifMatch }) => teams.deleteTeam(kefu.db, actor, params.id, ifMatch),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/:id/candidates',
    summary: 'Active users who can be added to the team',
    tags,
    permission: MANAGE,
    params: idParams,
    query: candidatesQuery,
    handler: ({ kefu, actor, params, query }) => members.memberCandidates(kefu, actor, params.id, query.q),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/teams/:id/members',
    summary: 'Add a member with capacity, skills and availability',
    tags,
    permission: MANAGE,
    params: idParams,
    body: memberAddBody,
    handler: ({ kefu, actor, params, body }) => members.addMember(kefu, actor, params.id, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/teams/:id/members/:userId',
    summary: "Change a member's capacity, skills or availability",
    tags,
    permission: MANAGE,
    params: memberParams,
    body: memberUpdateBody,
    concurrency: false,
    handler: ({ kefu, actor, params, body }) => members.updateMember(kefu, actor, params.id, params.userId, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/teams/:id/members/:userId',
    summary: 'Remove a member from the team',
    tags,
    permission: MANAGE,
    params: memberParams,
    handler: ({ kefu, actor, params }) => members.removeMember(kefu, actor, params.id, params.userId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/:id/queue',
    summary: 'Waiting tickets in the order they will be served (VIP first, then priority, then oldest)',
    tags,
    permission: READ,
    params: idParams,
    query: queueQuery,
    handler: ({ kefu, actor, params, query }) => teamQueue(kefu.db, actor, params.id, query.limit),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/teams/:id/load',
    summary: "Members' open tickets against capacity, availability and last assignment",
    tags,
    permission: READ,
    params: idParams,
    handler: ({ kefu, actor, params }) => teamLoad(kefu.db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/tickets/:id/assign',
    summary: 'Assign a ticket to a person and/or a team; the previous team then serves its queue',
    tags,
    permission: 'tickets.assign',
    params: idParams,
    body: assignBody,
    status: 200,
    handler: ({ kefu, actor, params, body }) => assignTicket(kefu, actor, params.id, body),
  });
}
