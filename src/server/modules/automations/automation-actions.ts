import type { Kysely } from 'kysely';
import type { Action } from '../../../shared/automations.js';
import { TICKET_TRANSITIONS } from '../../../shared/tickets.js';
import type { DB } from '../../platform/db-schema.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { routeTicket } from '../routing/routing.service.js';
import { renderTemplate, type TemplateValues } from '../scripts/render-template.js';
import type { TicketRow } from '../tickets/service-desk.tables.js';
import { applyStatus } from '../tickets/ticket-status.service.js';
import * as tickets from '../tickets/tickets.repo.js';

/**
 * Carries out the actions of one automation on one locked ticket, through the tickets pieces
 * (updateTicket, applyStatus with the transition table). These writes never call the ticket
 * pipeline again, so an automation's own changes do not fire triggers: no loops.
 */

type Tx = Kysely<DB>;
export type ActionOutcome = { type: Action['type']; done: boolean; summary: string; detail?: Record<string, unknown> };
export type ActionContext = { tx: Tx; ticket: TicketRow; automation: { id: string; name: string }; event: 'created' | 'updated' | 'schedule'; now: Date };

export const NOTIFY_JOB = 'automations.notify';
const zh = (key: string, params: Record<string, unknown> = {}) => t('zh-CN', `automations.system.${key}`, params);

/**
 * Queues a realtime notification inside the ticket's transaction: the job row commits (or rolls
 * back) with the write, and the job publishes only after commit. Same row shape as the queue's
 * own enqueue, which lives on the application context this hook does not receive.
 */
async function queueNotification(tx: Tx, orgId: string, payload: Record<string, unknown>, now: Date): Promise<void> {
  await tx.insertInto('jobs').values({ id: uuidv7(), org_id: orgId, name: NOTIFY_JOB, payload: JSON.stringify(payload), run_at: now, unique_key: null, max_attempts: 3 }).execute();
}

async function update(ctx: ActionContext, patch: Parameters<typeof tickets.updateTicket>[3]): Promise<void> {
  const row = await tickets.updateTicket(ctx.tx, ctx.ticket.org_id, ctx.ticket.id, patch);
  if (row) ctx.ticket = row;
}

async function templateValues(ctx: ActionContext): Promise<TemplateValues> {
  const { tx, ticket } = ctx;
  const org = await tx.selectFrom('orgs').select(['name', 'timezone']).where('id', '=', ticket.org_id).executeTakeFirstOrThrow();
  const customer = ticket.customer_id
    ? await tx.selectFrom('customers').select(['name', 'gender']).where('org_id', '=', ticket.org_id).where('id', '=', ticket.customer_id).executeTakeFirst()
    : undefined;
  const gender = customer?.gender === 'male' || customer?.gender === 'female' ? customer.gender : 'unknown';
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: org.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ctx.now);
  } catch {
    today = ctx.now.toISOString().slice(0, 10);
  }
  return {
    'customer.name': customer?.name ?? ticket.requester_name ?? null,
    'customer.salutation': t('zh-CN', `scripts.salutation.${gender}`),
    'agent.name': ctx.automation.name,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'ticket.status': t('zh-CN', `scripts.ticketStatus.${ticket.status}`),
    'org.name': org.name,
    today,
  };
}

async function message(ctx: ActionContext, kind: 'system' | 'note' | 'reply', text: string): Promise<string> {
  const id = uuidv7();
  await ctx.tx
    .insertInto('ticket_messages')
    .values({ org_id: ctx.ticket.org_id, id, ticket_id: ctx.ticket.id, kind, author_type: 'system', author_name: ctx.automation.name, channel: kind === 'reply' ? ctx.ticket.channel : 'system', body_text: text, created_at: ctx.now })
    .execute();
  return id;
}

export async function runAction(ctx: ActionContext, a: Action): Promise<ActionOutcome> {
  const { tx, ticket } = ctx;
  const orgId = ticket.org_id;
  const skip = (reason: string): ActionOutcome => ({ type: a.type, done: false, summary: zh(`skipped.${reason}`), detail: { reason } });
  switch (a.type) {
    case 'set_priority':
      if (ticket.priority === a.priority) return skip('unchanged');
      await update(ctx, { priority: a.priority });
      return { type: a.type, done: true, summary: zh('set_priority', { to: t('zh-CN', `automations.priority.${a.priority}`) }), detail: { from: ticket.priority, to: a.priority } };
    case 'set_status': {
      if (ticket.status === a.status) return skip('unchanged');
      if (ticket.merged_into_id || !TICKET_TRANSITIONS[ticket.status].includes(a.status)) return skip('transition');
      const from = ticket.status;
      ctx.ticket = await applyStatus(tx, ticket, a.status, { actorId: null, reason: zh('reason', { name: ctx.automation.name }), now: ctx.now });
      return { type: a.type, done: true, summary: zh('set_status', { to: t('zh-CN', `automations.status.${a.status}`) }), detail: { from, to: a.status } };
    }
    case 'add_tag':
      if (ticket.tags.includes(a.tag)) return skip('unchanged');
      if (ticket.tags.length >= 20) return skip('too_many_tags');
      await update(ctx, { tags: [...ticket.tags, a.tag] });
      return { type: a.type, done: true, summary: zh('add_tag', { tag: a.tag }) };
    case 'remove_tag':
      if (!ticket.tags.includes(a.tag)) return skip('unchanged');
      await update(ctx, { tags: ticket.tags.filter((x) => x !== a.tag) });
      return { type: a.type, done: true, summary: zh('remove_tag', { tag: a.tag }) };
    case 'assign_team': {
      const team = await tickets.findTeam(tx, orgId, a.teamId);
      if (!team || !team.active) return skip('team_missing');
      if (ticket.team_id === a.teamId) return skip('unchanged');
      await update(ctx, { team_id: a.teamId, assignee_id: null, department_id: null, queued_at: null });
      // on creation the pipeline routes right after the triggers; later, route here
      if (ctx.event !== 'created') {
        await routeTicket(tx, orgId, ticket.id, ctx.now);
        const fresh = await tickets.lockTicket(tx, orgId, ticket.id);
        if (fresh) ctx.ticket = fresh;
      }
      return { type: a.type, done: true, summary: zh('assign_team', { team: team.name }), detail: { teamId: a.teamId } };
    }
    case 'assign_user': {
      const user = await tickets.findActiveUser(tx, orgId, a.userId);
      if (!user) return skip('user_missing');
      if (ticket.assignee_id === a.userId) return skip('unchanged');
      await update(ctx, { assignee_id: a.userId, department_id: user.department_id, queued_at: null });
      return { type: a.type, done: true, summary: zh('assign_user', { user: user.display_name }), detail: { userId: a.userId } };
    }
    case 'notify': {
      let userIds = a.userIds ?? [];
      if (userIds.length === 0) {
        const members = ticket.team_id ? await tx.selectFrom('team_members').select('user_id').where('org_id', '=', orgId).where('team_id', '=', ticket.team_id).execute() : [];
        userIds = [...new Set([ticket.assignee_id, ...members.map((m) => m.user_id)].filter((u): u is string => !!u))];
      }
      // an event without recipients would reach the whole organization: send none instead
      if (userIds.length === 0) return skip('no_recipients');
      await queueNotification(tx, orgId, { orgId, userIds, ticketId: ticket.id, number: String(ticket.number), subject: ticket.subject, message: a.message, automationId: ctx.automation.id, automation: ctx.automation.name }, ctx.now);
      return { type: a.type, done: true, summary: zh('notify', { count: userIds.length }), detail: { userIds } };
    }
    case 'add_note':
      await message(ctx, 'note', a.body);
      await update(ctx, {});
      return { type: a.type, done: true, summary: zh('add_note') };
    case 'reply_template': {
      const reply = await tx.selectFrom('canned_replies').select(['title', 'body']).where('org_id', '=', orgId).where('id', '=', a.cannedReplyId).where('active', '=', true).executeTakeFirst();
      if (!reply) return skip('reply_missing');
      const rendered = renderTemplate(reply.body, await templateValues(ctx));
      const messageId = await message(ctx, 'reply', rendered.text);
      await update(ctx, { last_agent_reply_at: ctx.now });
      return { type: a.type, done: true, summary: zh('reply_template', { title: reply.title }), detail: { messageId } };
    }
  }
}
