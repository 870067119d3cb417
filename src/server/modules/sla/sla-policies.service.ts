import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { JobQueue } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { EscalationRule } from '../tickets/service-desk.tables.js';
import { presentPolicy, type SlaPolicyDto } from './sla-policies.presenter.js';
import * as repo from './sla-policies.repo.js';
import type { EscalationInput, PolicyCreate, PolicyUpdate } from './sla-policies.schema.js';
import { SlaIssues } from './sla-issues.js';
import { recomputeAfterPolicyChange } from './sla.service.js';

/** §5.6 SLA policies: CRUD and order. Every change recomputes the clocks of open tickets. */

export type SlaDeps = { db: Kysely<DB>; jobs: JobQueue };

const TARGET_OF = { first_response: 'firstResponseMinutes', next_response: 'nextResponseMinutes', resolution: 'resolutionMinutes' } as const;
type Targets = Pick<PolicyCreate, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'>;

/** References must exist and each rule must be able to act; problems are reported per field. */
async function checkPolicy(db: Kysely<DB>, actor: Actor, issues: SlaIssues, p: Targets & { calendarId: string | null; escalations: EscalationInput[] }) {
  if (!p.firstResponseMinutes && !p.nextResponseMinutes && !p.resolutionMinutes) issues.add(['body', 'firstResponseMinutes'], 'target_required');
  if (p.calendarId && !(await repo.calendarExists(db, actor.orgId, p.calendarId))) issues.add(['body', 'calendarId'], 'calendar_not_found');
  const userIds = p.escalations.flatMap((r) => (r.action === 'notify' ? (r.userIds ?? []) : r.action === 'reassign' && r.assigneeId ? [r.assigneeId] : []));
  const teamIds = p.escalations.flatMap((r) => (r.action === 'reassign' && r.teamId ? [r.teamId] : []));
  const [users, teams] = await Promise.all([repo.activeUsers(db, actor.orgId, userIds), repo.existingTeams(db, actor.orgId, teamIds)]);
  p.escalations.forEach((r, i) => {
    const at = ['body', 'escalations', i];
    if (r.metric && !p[TARGET_OF[r.metric]]) issues.add([...at, 'metric'], 'metric_without_target');
    if (r.action === 'notify') r.userIds?.forEach((u, j) => !users.has(u) && issues.add([...at, 'userIds', j], 'user_not_found'));
    if (r.action === 'reassign') {
      if (!r.teamId && !r.assigneeId) issues.add([...at, 'teamId'], 'reassign_target_required');
      if (r.teamId && !teams.has(r.teamId)) issues.add([...at, 'teamId'], 'team_not_found');
      if (r.assigneeId && !users.has(r.assigneeId)) issues.add([...at, 'assigneeId'], 'user_not_found');
    }
  });
  issues.throwIfAny();
}

/** Stored without absent optional keys, so the JSON stays the documented rule shape. */
const toRules = (list: EscalationInput[]): EscalationRule[] => list.map((r) => JSON.parse(JSON.stringify(r)) as EscalationRule);

async function mustFind(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findPolicy(db, actor.orgId, id);
  if (!row) throw notFound('sla_policy');
  return row;
}

export async function listPolicies(db: Kysely<DB>, actor: Actor): Promise<SlaPolicyDto[]> {
  return (await repo.listPolicies(db, actor.orgId)).map(presentPolicy);
}

export async function getPolicy(db: Kysely<DB>, actor: Actor, id: string): Promise<SlaPolicyDto> {
  return presentPolicy(await mustFind(db, actor, id));
}

export async function createPolicy(deps: SlaDeps, actor: Actor, input: PolicyCreate): Promise<SlaPolicyDto> {
  await checkPolicy(deps.db, actor, new SlaIssues(actor.locale), input);
  return deps.db.transaction().execute(async (tx) => {
    await repo.lockPositions(tx, actor.orgId);
    const row = await repo.insertPolicy(tx, {
      org_id: actor.orgId,
      id: uuidv7(),
      position: await repo.nextPosition(tx, actor.orgId),
      name: input.name,
      ticket_types: input.ticketTypes,
      priorities: input.priorities,
      customer_tiers: input.customerTiers,
      calendar_id: input.calendarId,
      first_response_minutes: input.firstResponseMinutes,
      next_response_minutes: input.nextResponseMinutes,
      resolution_minutes: input.resolutionMinutes,
      warn_percent: input.warnPercent,
      escalations: toRules(input.escalations),
      active: input.active,
    });
    const dto = presentPolicy(row);
    await recordAudit(tx, auditBy(actor, { action: 'sla_policy.create', entityType: 'sla_policy', entityId: row.id, after: dto }));
    await recomputeAfterPolicyChange(tx, deps.jobs, actor.orgId, new Date());
    return dto;
  });
}

export async function updatePolicy(deps: SlaDeps, actor: Actor, id: string, version: number, input: PolicyUpdate): Promise<SlaPolicyDto> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    const merged = {
      firstResponseMinutes: input.firstResponseMinutes === undefined ? current.first_response_minutes : input.firstResponseMinutes,
      nextResponseMinutes: input.nextResponseMinutes === undefined ? current.next_response_minutes : input.nextResponseMinutes,
      resolutionMinutes: input.resolutionMinutes === undefined ? current.resolution_minutes : input.resolutionMinutes,
      calendarId: input.calendarId === undefined ? null : input.calendarId,
      escalations: input.escalations ?? (current.escalations as EscalationInput[]),
    };
    await checkPolicy(tx, actor, new SlaIssues(actor.locale), merged);
    if (current.version !== version) throw preconditionFailed();
    const updated = await repo.updatePolicy(tx, actor.orgId, id, version, {
      name: input.name,
      ticket_types: input.ticketTypes,
      priorities: input.priorities,
      customer_tiers: input.customerTiers,
      calendar_id: input.calendarId,
      first_response_minutes: input.firstResponseMinutes,
      next_response_minutes: input.nextResponseMinutes,
      resolution_minutes: input.resolutionMinutes,
      warn_percent: input.warnPercent,
      escalations: input.escalations ? toRules(input.escalations) : undefined,
      active: input.active,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentPolicy(updated);
    await recordAudit(tx, auditBy(actor, { action: 'sla_policy.update', entityType: 'sla_policy', entityId: id, before: presentPolicy(current), after: dto }));
    await recomputeAfterPolicyChange(tx, deps.jobs, actor.orgId, new Date());
    return dto;
  });
}

export async function deletePolicy(deps: SlaDeps, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    await repo.deletePolicy(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'sla_policy.delete', entityType: 'sla_policy', entityId: id, before: presentPolicy(current) }));
    await recomputeAfterPolicyChange(tx, deps.jobs, actor.orgId, new Date());
  });
}

/** Sets the evaluation order: `ids` must list every policy of the organization exactly once. */
export async function reorderPolicies(deps: SlaDeps, actor: Actor, ids: string[]): Promise<{ items: SlaPolicyDto[]; nextCursor: null }> {
  return deps.db.transaction().execute(async (tx) => {
    await repo.lockPositions(tx, actor.orgId);
    const before = await repo.listPolicies(tx, actor.orgId);
    const known = new Set(before.map((p) => p.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      const issues = new SlaIssues(actor.locale);
      issues.add(['body', 'ids'], 'reorder_mismatch');
      issues.throwIfAny();
    }
    for (const [position, id] of ids.entries()) await repo.setPosition(tx, actor.orgId, id, position);
    const after = (await repo.listPolicies(tx, actor.orgId)).map(presentPolicy);
    await recordAudit(
      tx,
      auditBy(actor, { action: 'sla_policy.reorder', entityType: 'sla_policy', entityId: null, before: before.map((p) => p.id), after: after.map((p) => p.id) }),
    );
    await recomputeAfterPolicyChange(tx, deps.jobs, actor.orgId, new Date());
    return { items: after, nextCursor: null };
  });
}
