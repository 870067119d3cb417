import { type Kysely, sql } from 'kysely';
import { METRIC_DEFS, RECOMMENDED_STANDARDS, type ServiceMetric, type ServiceStandardDto, type StandardChannel, type StandardsReport } from '../../../shared/service-metrics.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, conflict, notFound, preconditionFailed } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ServiceStandardsTable } from '../tickets/service-desk.tables.js';
import type { Selectable } from 'kysely';
import { measureStandard } from './standards-report.js';
import type { StandardCreate, StandardUpdate } from './standards.schema.js';
import './standards.tables.js';

/** §5.10 service standards: targets per channel, the recommended set, and the report against actuals. */

type Row = Selectable<ServiceStandardsTable>;

export function presentStandard(r: Row): ServiceStandardDto {
  return {
    id: r.id,
    channel: r.channel as StandardChannel,
    metric: r.metric as ServiceMetric,
    target: Number(r.target),
    goalPercent: Number(r.goal_percent),
    description: r.description,
    active: r.active,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function checkChannel(actor: Actor, channel: StandardChannel, metric: ServiceMetric): void {
  const allowed = METRIC_DEFS[metric].channels;
  if (allowed && !allowed.includes(channel)) {
    throw new AppError('validation', 400, [{ path: ['body', 'channel'], code: 'channel_not_allowed', message: t(actor.locale, 'standards.issues.channel_not_allowed', { allowed: allowed.join(', ') }) }]);
  }
}

const list = (db: Kysely<DB>, orgId: string) => db.selectFrom('service_standards').selectAll().where('org_id', '=', orgId).orderBy(sql`channel = 'all'`).orderBy('channel').orderBy('metric').execute();

async function mustFind(db: Kysely<DB>, actor: Actor, id: string): Promise<Row> {
  const row = await db.selectFrom('service_standards').selectAll().where('org_id', '=', actor.orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('service_standard');
  return row;
}

export async function listStandards(db: Kysely<DB>, actor: Actor): Promise<ServiceStandardDto[]> {
  return (await list(db, actor.orgId)).map(presentStandard);
}

export async function getStandard(db: Kysely<DB>, actor: Actor, id: string): Promise<ServiceStandardDto> {
  return presentStandard(await mustFind(db, actor, id));
}

export async function createStandard(db: Kysely<DB>, actor: Actor, input: StandardCreate): Promise<ServiceStandardDto> {
  checkChannel(actor, input.channel, input.metric);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('service_standards')
      .values({ org_id: actor.orgId, id: uuidv7(), channel: input.channel, metric: input.metric, target: input.target, goal_percent: input.goalPercent, description: input.description, active: input.active })
      .onConflict((oc) => oc.columns(['org_id', 'channel', 'metric']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('standard_exists', { channel: input.channel, metric: input.metric });
    const dto = presentStandard(row);
    await recordAudit(tx, auditBy(actor, { action: 'service_standard.create', entityType: 'service_standard', entityId: row.id, after: dto }));
    return dto;
  });
}

export async function updateStandard(db: Kysely<DB>, actor: Actor, id: string, version: number, input: StandardUpdate): Promise<ServiceStandardDto> {
  return db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    if (current.version !== version) throw preconditionFailed();
    const row = await tx
      .updateTable('service_standards')
      .set({ target: input.target, goal_percent: input.goalPercent, description: input.description, active: input.active, version: sql`version + 1`, updated_at: sql`now()` })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw preconditionFailed();
    const dto = presentStandard(row);
    await recordAudit(tx, auditBy(actor, { action: 'service_standard.update', entityType: 'service_standard', entityId: id, before: presentStandard(current), after: dto }));
    return dto;
  });
}

export async function deleteStandard(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await mustFind(tx, actor, id);
    await tx.deleteFrom('service_standards').where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'service_standard.delete', entityType: 'service_standard', entityId: id, before: presentStandard(current) }));
  });
}

/** Adds the recommended standards the organization does not have yet (same channel and metric). */
export async function loadRecommended(db: Kysely<DB>, actor: Actor): Promise<{ added: number; items: ServiceStandardDto[] }> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .insertInto('service_standards')
      .values(RECOMMENDED_STANDARDS.map((s) => ({ org_id: actor.orgId, id: uuidv7(), channel: s.channel, metric: s.metric, target: s.target, goal_percent: s.goalPercent, description: s.description })))
      .onConflict((oc) => oc.columns(['org_id', 'channel', 'metric']).doNothing())
      .returning('id')
      .execute();
    if (rows.length > 0) await recordAudit(tx, auditBy(actor, { action: 'service_standard.load_recommended', entityType: 'service_standard', entityId: null, after: { added: rows.length } }));
    return { added: rows.length, items: (await list(tx, actor.orgId)).map(presentStandard) };
  });
}

/** Each active standard measured over [from, to). */
export async function standardsReport(db: Kysely<DB>, actor: Actor, from: Date, to: Date, now: Date): Promise<StandardsReport> {
  const standards = (await list(db, actor.orgId)).filter((s) => s.active).map(presentStandard);
  const ctx = { db, orgId: actor.orgId, from, to, now, calendar: undefined };
  const items = [];
  let calendarName: string | null = null;
  for (const s of standards) {
    const r = await measureStandard(ctx, s);
    if (r.calendar) calendarName = r.calendar;
    items.push(r.result);
  }
  return { from: from.toISOString(), to: to.toISOString(), calendar: calendarName, items };
}
