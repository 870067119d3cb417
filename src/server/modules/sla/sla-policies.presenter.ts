import type { SlaPolicyDto } from '../../../shared/sla.js';
import type { SlaPolicyRow } from '../tickets/service-desk.tables.js';

export type { SlaPolicyDto };


export function presentPolicy(row: SlaPolicyRow): SlaPolicyDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    ticketTypes: row.ticket_types,
    priorities: row.priorities,
    customerTiers: row.customer_tiers,
    calendarId: row.calendar_id,
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    warnPercent: row.warn_percent,
    escalations: row.escalations,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
