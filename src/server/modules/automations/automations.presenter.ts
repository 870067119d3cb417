import type { Action, AutomationDto, Conditions, TriggerEvent } from '../../../shared/automations.js';
import type { AutomationRow } from './automations.repo.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentAutomation(r: AutomationRow): AutomationDto {
  const c = (r.conditions ?? {}) as Partial<Conditions>;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    events: r.events as TriggerEvent[],
    conditions: { all: c.all ?? [], any: c.any ?? [] },
    actions: (r.actions ?? []) as Action[],
    position: r.position,
    active: r.active,
    runCount: r.run_count,
    lastRunAt: iso(r.last_run_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
