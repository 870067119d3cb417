import type { Actor } from '../../platform/actor.js';
import type { DataScope, FieldRule } from '../../platform/db-schema.js';
import { AppError } from '../../platform/errors.js';

/**
 * Privilege-escalation guard: nobody hands out more than they hold. Whoever may edit roles or
 * assign them can grant only permissions they have themselves, data scopes no wider than
 * their own and field rules no more revealing than their own.
 */

const SCOPE_RANK: Record<DataScope, number> = { self: 0, department: 1, subtree: 2, all: 3 };
const RULE_RANK: Record<FieldRule, number> = { hide: 0, mask: 1, show: 2 };

export type Grant = {
  permissions: readonly string[];
  scopes: Readonly<Record<string, DataScope>>;
  fieldRules: Readonly<Record<string, FieldRule>>;
};

/** What `next` grants beyond both `previous` and the actor's own rights (empty when none). */
export function excessGrant(actor: Actor, next: Grant, previous?: Grant) {
  const permissions = next.permissions.filter((p) => !previous?.permissions.includes(p) && !actor.permissions.has(p));
  const scopes = Object.entries(next.scopes)
    .filter(([res, scope]) => {
      const before = SCOPE_RANK[previous?.scopes[res] ?? 'self'];
      return SCOPE_RANK[scope] > before && SCOPE_RANK[scope] > SCOPE_RANK[actor.scopes[res] ?? 'self'];
    })
    .map(([res]) => res);
  const fieldRules = Object.entries(next.fieldRules)
    .filter(([field, rule]) => {
      const before = RULE_RANK[previous?.fieldRules[field] ?? 'mask'];
      return RULE_RANK[rule] > before && RULE_RANK[rule] > RULE_RANK[actor.fieldRules[field] ?? 'mask'];
    })
    .map(([field]) => field);
  return { permissions, scopes, fieldRules };
}

/** Throws 403 `cannot_grant` naming what exceeds the actor's own rights. */
export function assertGrantable(actor: Actor, next: Grant, previous?: Grant): void {
  const excess = excessGrant(actor, next, previous);
  if (excess.permissions.length + excess.scopes.length + excess.fieldRules.length > 0) {
    throw new AppError('cannot_grant', 403, excess);
  }
}
