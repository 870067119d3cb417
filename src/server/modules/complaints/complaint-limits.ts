import type { Kysely } from 'kysely';
import { addBusinessMinutes, type BusinessCalendar } from '../../../shared/business-time.js';
import { DEFAULT_COMPLAINT_TIME_LIMITS, type ComplaintSeverity, type TimeLimitsBody } from '../../../shared/complaints.js';
import { COMPLAINT_SEVERITIES, COMPLAINT_STEPS, type ComplaintStep } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { loadBusinessCalendar } from '../config/calendars.service.js';
import './complaints.tables.js';

export type TimeLimits = Record<ComplaintSeverity, Record<ComplaintStep, number>>;

/** When the organization has no default calendar, every minute counts. */
const ROUND_THE_CLOCK: BusinessCalendar = { weekly: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) };

/** The organization's limits: its own rows over the built-in defaults. */
export async function loadTimeLimits(db: Kysely<DB>, orgId: string): Promise<TimeLimits> {
  const limits = structuredClone(DEFAULT_COMPLAINT_TIME_LIMITS) as TimeLimits;
  const rows = await db.selectFrom('complaint_time_limits').select(['severity', 'step', 'minutes']).where('org_id', '=', orgId).execute();
  for (const r of rows) limits[r.severity][r.step] = r.minutes;
  return limits;
}

export function presentTimeLimits(limits: TimeLimits) {
  return {
    items: COMPLAINT_SEVERITIES.flatMap((severity) =>
      COMPLAINT_STEPS.map((step) => ({ severity, step, minutes: limits[severity][step], defaultMinutes: DEFAULT_COMPLAINT_TIME_LIMITS[severity][step] })),
    ),
  };
}

export async function saveTimeLimits(db: Kysely<DB>, actor: Actor, body: TimeLimitsBody) {
  return db.transaction().execute(async (tx) => {
    const before = await loadTimeLimits(tx, actor.orgId);
    const now = new Date();
    for (const l of body.limits) {
      await tx
        .insertInto('complaint_time_limits')
        .values({ org_id: actor.orgId, severity: l.severity, step: l.step, minutes: l.minutes, updated_by: actor.userId, updated_at: now })
        .onConflict((oc) => oc.columns(['org_id', 'severity', 'step']).doUpdateSet({ minutes: l.minutes, updated_by: actor.userId, updated_at: now }))
        .execute();
    }
    const after = await loadTimeLimits(tx, actor.orgId);
    const changed = body.limits.filter((l) => before[l.severity][l.step] !== l.minutes);
    if (changed.length > 0) {
      await recordAudit(tx, auditBy(actor, {
        action: 'complaint.time_limits',
        entityType: 'complaint_time_limits',
        entityId: actor.orgId,
        before: changed.map((l) => ({ severity: l.severity, step: l.step, minutes: before[l.severity][l.step] })),
        after: changed,
      }));
    }
    return presentTimeLimits(after);
  });
}

/** Loads limits and the default calendar once per request or scan. */
export class DueCalculator {
  private limits?: Promise<TimeLimits>;
  private calendar?: Promise<BusinessCalendar>;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly orgId: string,
  ) {}

  limitsFor(): Promise<TimeLimits> {
    this.limits ??= loadTimeLimits(this.db, this.orgId);
    return this.limits;
  }

  async minutes(severity: ComplaintSeverity, step: ComplaintStep): Promise<number> {
    return (await this.limitsFor())[severity][step];
  }

  /** The step's due time: its limit in working minutes from `start` on the default calendar. */
  async due(severity: ComplaintSeverity, step: ComplaintStep, start: Date): Promise<Date> {
    this.calendar ??= loadBusinessCalendar(this.db, this.orgId, null).then((c) => c?.calendar ?? ROUND_THE_CLOCK);
    const minutes = await this.minutes(severity, step);
    try {
      return addBusinessMinutes(await this.calendar, start, minutes);
    } catch (err) {
      // a calendar without working time ahead: fall back to wall-clock minutes
      if (err instanceof RangeError) return new Date(start.getTime() + minutes * 60_000);
      throw err;
    }
  }
}
