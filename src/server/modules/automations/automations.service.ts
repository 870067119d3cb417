import type { Kysely } from 'kysely';
import type { Action, AutomationDto, AutomationKind, AutomationPreview, Conditions } from '../../../shared/automations.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { previewMatches } from './automation-runner.js';
import { presentAutomation } from './automations.presenter.js';
import * as repo from './automations.repo.js';
import type { AutomationCreate, AutomationUpdate } from './automations.schema.js';
import { checkActions, checkConditions, type RuleIssue } from './rule-engine.js';

/** §5.9 automations: CRUD, order, enable/disable and preview. */

function throwIssues(actor: Actor, issues: RuleIssue[]): void {
  if (issues.length === 0) return;
  throw new AppError(
    'validation',
    400,
    issues.map((i) => ({ path: i.path, code: i.code, message: t(actor.locale, `automations.issues.${i.code}`, i.params ?? {}) })),
  );
}

/** The allowlist, then the references (teams, users, canned replies) and rules across fields. */
async function checkRule(db: Kysely<DB>, actor: Actor, r: { kind: AutomationKind; events: string[]; conditions: unknown; actions: unknown }): Promise<{ conditions: Conditions; actions: Action[] }> {
  const c = checkConditions(r.conditions, ['body', 'conditions']);
  const a = checkActions(r.actions, ['body', 'actions']);
  const issues = [...c.issues, ...a.issues];
  if (r.kind === 'trigger' && r.events.length === 0) issues.push({ path: ['body', 'events'], code: 'events_required' });
  if (r.kind === 'schedule' && r.events.length > 0) issues.push({ path: ['body', 'events'], code: 'events_not_allowed' });
  if (r.kind === 'schedule' && c.conditions.all.length + c.conditions.any.length === 0) issues.push({ path: ['body', 'conditions'], code: 'conditions_required' });
  if (issues.length === 0) {
    const ids = (k: 'teamId' | 'userId' | 'cannedReplyId') =>
      a.actions.flatMap((x) => (k in x ? [(x as Record<string, string>)[k]!] : [])).concat(k === 'userId' ? a.actions.flatMap((x) => (x.type === 'notify' ? (x.userIds ?? []) : [])) : []);
    const [teams, users, replies] = await Promise.all([repo.existingTeams(db, actor.orgId, ids('teamId')), repo.activeUsers(db, actor.orgId, ids('userId')), repo.existingReplies(db, actor.orgId, ids('cannedReplyId'))]);
    a.actions.forEach((x, i) => {
      const at = ['body', 'actions', i];
      if (x.type === 'assign_team' && !teams.has(x.teamId)) issues.push({ path: [...at, 'teamId'], code: 'team_not_found' });
      if (x.type === 'assign_user' && !users.has(x.userId)) issues.push({ path: [...at, 'userId'], code: 'user_not_found' });
      if (x.type === 'notify') x.userIds?.forEach((u, j) => !users.has(u) && issues.push({ path: [...at, 'userIds', j], code: 'user_not_found' }));
      if (x.type === 'reply_template' && !replies.has(x.cannedReplyId)) issues.push({ path: [...at, 'cannedReplyId'], code: 'reply_not_found' });
    });
  }
  throwIssues(actor, issues);
  return { conditions: c.conditions, actions: a.actions };
}

async function mustFind(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findAutomation(db, actor.orgId, id);
  if (!row) throw notFound('automation');
  return row;
}

export async function listAutomations(db: Kysely<DB>, actor: Actor): Promise<AutomationDto[]> {
  return (await repo.listAutomations(db, actor.orgId)).map(presentAutomation);
}

export async function getAutomation(db: Kysely<DB>, actor: Actor, id: string): Promise<AutomationDto> {
  return presentAutomation(await mustFind(db, actor, id));
}

export async function createAutomation(db: Kysely<DB>, actor: Actor, input: AutomationCreate): Promise<AutomationDto> {
  const rule = await checkRule(db, actor, input);
  return db.transaction().execute(async (tx) => {
    await repo.lockPositions(tx, actor.orgId);
    const row = await repo.insertAutomation(tx, {
      org_id: actor.orgId,
      id: uuidv7(),
      name: input.name,
      kind: input.kind,
      events: input.events,
      conditions: JSON.stringify(rule.conditions),
      actions: JSON.stringify(rule.actions),
      position: await repo.nextPosition(tx, actor.orgId, input.kind),
      active: input.active,
      created_by: actor.userId,
    });
    const dto = presentAutomation(row);
    await recordAudit(tx, auditBy(actor, { action: 'automation.create', entityType: 'automation', entityId: row.id, after: dto }));
    return dto;
  });
}

export async function updateAutomation(db: Kysely<DB>, actor: Actor, id: string, version: number, input: AutomationUpdate): Promise<AutomationDto> {
  return db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    const before = presentAutomation(current);
    const rule = await checkRule(tx, actor, {
      kind: current.kind,
      events: input.events ?? current.events,
      conditions: input.conditions === undefined ? before.conditions : input.conditions,
      actions: input.actions === undefined ? before.actions : input.actions,
    });
    if (current.version !== version) throw preconditionFailed();
    const updated = await repo.updateAutomation(tx, actor.orgId, id, version, {
      name: input.name,
      events: input.events,
      conditions: input.conditions === undefined ? undefined : JSON.stringify(rule.conditions),
      actions: input.actions === undefined ? undefined : JSON.stringify(rule.actions),
      active: input.active,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentAutomation(updated);
    const action = input.active !== undefined && Object.keys(input).length === 1 ? (input.active ? 'automation.enable' : 'automation.disable') : 'automation.update';
    await recordAudit(tx, auditBy(actor, { action, entityType: 'automation', entityId: id, before, after: dto }));
    return dto;
  });
}

/** Enable or disable without If-Match (a switch in the list). */
export async function setActive(db: Kysely<DB>, actor: Actor, id: string, active: boolean): Promise<AutomationDto> {
  const current = await mustFind(db, actor, id);
  return updateAutomation(db, actor, id, current.version, { active });
}

export async function deleteAutomation(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    await repo.deleteAutomation(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'automation.delete', entityType: 'automation', entityId: id, before: presentAutomation(current) }));
  });
}

/** Sets the order of one kind's rules: `ids` must list every rule of that kind exactly once. */
export async function reorderAutomations(db: Kysely<DB>, actor: Actor, ids: string[]): Promise<{ items: AutomationDto[]; nextCursor: null }> {
  return db.transaction().execute(async (tx) => {
    await repo.lockPositions(tx, actor.orgId);
    const all = await repo.listAutomations(tx, actor.orgId);
    const first = all.find((a) => a.id === ids[0]);
    const same = first ? all.filter((a) => a.kind === first.kind) : [];
    const known = new Set(same.map((a) => a.id));
    if (!first || new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((i) => !known.has(i))) throwIssues(actor, [{ path: ['body', 'ids'], code: 'reorder_mismatch' }]);
    for (const [position, id] of ids.entries()) await repo.setPosition(tx, actor.orgId, id, position);
    const after = (await repo.listAutomations(tx, actor.orgId)).map(presentAutomation);
    await recordAudit(tx, auditBy(actor, { action: 'automation.reorder', entityType: 'automation', entityId: null, before: same.map((a) => a.id), after: ids }));
    return { items: after, nextCursor: null };
  });
}

/** The open tickets the rule's conditions (or unsaved ones from the editor) match now. */
export async function previewAutomation(db: Kysely<DB>, actor: Actor, id: string | null, conditions: unknown): Promise<AutomationPreview> {
  let c: Conditions;
  if (conditions !== undefined) {
    const checked = checkConditions(conditions, ['body', 'conditions']);
    throwIssues(actor, checked.issues);
    c = checked.conditions;
  } else {
    c = presentAutomation(await mustFind(db, actor, id!)).conditions;
  }
  return previewMatches(db, actor.orgId, c, new Date());
}
