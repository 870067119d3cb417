import type { Kysely } from 'kysely';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../shared/tickets.js';
import { recordAudit } from '../../platform/audit.js';
import type { RealtimeEvent } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import type { EscalationRule } from '../tickets/service-desk.tables.js';
import type { SlaCrossing } from './sla-clock.js';
import type { SlaTicketRow } from './sla.repo.js';

/**
 * The escalation actions of an SLA policy (§5.6), run by the scan when a warning or breach is
 * first recorded: notify people, raise the priority one level, or reassign. Changes to the
 * ticket leave a system line in its thread and an audit entry made by "SLA".
 */

export type ActionRecord = { action: EscalationRule['action']; done: boolean; detail: Record<string, unknown> };
export type EscalationContext = { db: Kysely<DB>; ticket: SlaTicketRow; crossing: SlaCrossing; now: Date; outbox: RealtimeEvent[] };

const SYSTEM_ACTOR = 'SLA';

async function systemLine(ctx: EscalationContext, text: string): Promise<void> {
  await ctx.db
    .insertInto('ticket_messages')
    .values({ org_id: ctx.ticket.org_id, id: uuidv7(), ticket_id: ctx.ticket.id, kind: 'system', author_type: 'system', author_name: SYSTEM_ACTOR, channel: 'system', body_text: text, created_at: ctx.now })
    .execute();
}

async function audit(ctx: EscalationContext, before: unknown, after: unknown): Promise<void> {
  await recordAudit(ctx.db, {
    orgId: ctx.ticket.org_id,
    action: 'ticket.sla_escalation',
    entityType: 'ticket',
    entityId: ctx.ticket.id,
    before,
    after,
    actorName: SYSTEM_ACTOR,
    reason: `${ctx.crossing.metric}.${ctx.crossing.kind}`,
  });
}

const metricLabel = (ctx: EscalationContext) => t('zh-CN', `sla.metric.${ctx.crossing.metric}`);
const kindLabel = (ctx: EscalationContext) => t('zh-CN', `sla.kind.${ctx.crossing.kind}`);

async function notify(ctx: EscalationContext, rule: EscalationRule): Promise<ActionRecord> {
  let userIds = rule.userIds ?? [];
  if (userIds.length === 0) {
    const members = ctx.ticket.team_id
      ? await ctx.db.selectFrom('team_members').select('user_id').where('org_id', '=', ctx.ticket.org_id).where('team_id', '=', ctx.ticket.team_id).execute()
      : [];
    userIds = [...new Set([ctx.ticket.assignee_id, ...members.map((m) => m.user_id)].filter((u): u is string => !!u))];
  }
  // an event without recipients would reach the whole organization: send none instead
  if (userIds.length === 0) return { action: 'notify', done: false, detail: { reason: 'no_recipients' } };
  ctx.outbox.push({
    orgId: ctx.ticket.org_id,
    type: `sla.${ctx.crossing.kind}`,
    data: { ticketId: ctx.ticket.id, number: String(ctx.ticket.number), subject: ctx.ticket.subject, metric: ctx.crossing.metric, at: ctx.crossing.at.toISOString() },
    userIds,
  });
  return { action: 'notify', done: true, detail: { userIds } };
}

async function raisePriority(ctx: EscalationContext): Promise<ActionRecord> {
  const from = ctx.ticket.priority as TicketPriority;
  const to = TICKET_PRIORITIES[TICKET_PRIORITIES.indexOf(from) + 1];
  if (!to) return { action: 'raise_priority', done: false, detail: { reason: 'already_highest', priority: from } };
  await ctx.db
    .updateTable('tickets')
    .set((eb) => ({ priority: to, version: eb('version', '+', 1), updated_at: ctx.now }))
    .where('org_id', '=', ctx.ticket.org_id)
    .where('id', '=', ctx.ticket.id)
    .execute();
  ctx.ticket.priority = to;
  await systemLine(ctx, t('zh-CN', 'sla.system.raised', { metric: metricLabel(ctx), kind: kindLabel(ctx), from: t('zh-CN', `sla.priority.${from}`), to: t('zh-CN', `sla.priority.${to}`) }));
  await audit(ctx, { priority: from }, { priority: to });
  return { action: 'raise_priority', done: true, detail: { from, to } };
}

async function reassign(ctx: EscalationContext, rule: EscalationRule): Promise<ActionRecord> {
  const { org_id: orgId } = ctx.ticket;
  // the rule was checked when saved; the user may have left or the team been removed since
  const user = rule.assigneeId
    ? await ctx.db.selectFrom('users').select(['id', 'display_name', 'department_id']).where('org_id', '=', orgId).where('id', '=', rule.assigneeId).where('status', '=', 'active').executeTakeFirst()
    : undefined;
  const team = rule.teamId ? await ctx.db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).where('id', '=', rule.teamId).executeTakeFirst() : undefined;
  if (!user && !team) return { action: 'reassign', done: false, detail: { reason: 'target_gone' } };
  const before = { teamId: ctx.ticket.team_id, assigneeId: ctx.ticket.assignee_id, departmentId: ctx.ticket.department_id };
  const after = {
    teamId: team ? team.id : ctx.ticket.team_id,
    assigneeId: user ? user.id : null,
    departmentId: user ? user.department_id : null,
  };
  await ctx.db
    .updateTable('tickets')
    .set((eb) => ({
      team_id: after.teamId,
      assignee_id: after.assigneeId,
      department_id: after.departmentId,
      // moved to a team without a person: it waits in that team's queue
      queued_at: user ? null : ctx.now,
      version: eb('version', '+', 1),
      updated_at: ctx.now,
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', ctx.ticket.id)
    .execute();
  Object.assign(ctx.ticket, { team_id: after.teamId, assignee_id: after.assigneeId, department_id: after.departmentId });
  const target = [team?.name, user?.display_name].filter(Boolean).join(' / ');
  await systemLine(ctx, t('zh-CN', 'sla.system.reassigned', { metric: metricLabel(ctx), kind: kindLabel(ctx), target }));
  await audit(ctx, before, after);
  return { action: 'reassign', done: true, detail: after };
}

/** Runs the rules in order; returns what each did (stored on the sla_events row). */
export async function runEscalations(ctx: EscalationContext, rules: EscalationRule[]): Promise<{ records: ActionRecord[]; ticketChanged: boolean }> {
  const records: ActionRecord[] = [];
  for (const rule of rules) {
    if (rule.action === 'notify') records.push(await notify(ctx, rule));
    else if (rule.action === 'raise_priority') records.push(await raisePriority(ctx));
    else records.push(await reassign(ctx, rule));
  }
  return { records, ticketChanged: records.some((r) => r.done && r.action !== 'notify') };
}

/** The policy's rules for this crossing: same kind, and the same metric unless the rule names none. */
export function rulesFor(rules: EscalationRule[], crossing: SlaCrossing): EscalationRule[] {
  return rules.filter((r) => r.on === crossing.kind && (!r.metric || r.metric === crossing.metric));
}
