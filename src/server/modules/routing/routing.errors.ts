import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';

/** Error codes of teams and routing; messages live in src/server/i18n/routing.*.json. */
export type RoutingErrorCode =
  | 'routing_assign_empty'
  | 'routing_unknown_team'
  | 'routing_team_inactive'
  | 'routing_unknown_assignee'
  | 'routing_assignee_not_member'
  | 'team_name_taken'
  | 'team_unknown_calendar'
  | 'team_member_inactive_user'
  | 'team_member_exists'
  | 'team_has_open_tickets'
  | 'team_skill_code_empty'
  | 'team_skill_code_too_long'
  | 'team_skill_code_duplicate'
  | 'team_too_many_skills';

/** A 4xx pointing at one body field (`path` may go deeper, e.g. a skill code), so forms show it under the field. */
export function routingFieldError(actor: Actor, code: RoutingErrorCode, field: string | (string | number)[], status = 400, params: Record<string, unknown> = {}): AppError {
  const path = ['body', ...(Array.isArray(field) ? field : [field])];
  return new AppError(code, status, [{ path, code, message: t(actor.locale, `errors.${code}`, params) }]);
}
