import type { MaskableField } from '../../../shared/permissions.js';
import { presentField } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { AuditRow } from './audit.repo.js';

/** Keys under which changed records carry personal data, in the spellings modules use. */
const PII_KEYS: Record<string, MaskableField> = {
  phone: 'phone',
  mobile: 'phone',
  telephone: 'phone',
  id_number: 'id_number',
  idNumber: 'id_number',
  email: 'email',
  address: 'address',
};

/**
 * Personal data inside before/after follows the reader's field rules, like everywhere else:
 * an auditor who may not see phone numbers sees `138****5678` in the diff too.
 */
function maskPii(actor: Actor, value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskPii(actor, v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const field = PII_KEYS[k];
      if (field && typeof v === 'string') return [k, presentField(actor, field, v)];
      return [k, maskPii(actor, v, depth + 1)];
    }),
  );
}

export type AuditEntryDto = {
  seq: number;
  id: string;
  at: string;
  actor: { id: string | null; name: string | null };
  ip: string | null;
  action: string;
  entity: { type: string | null; id: string | null };
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
  prevHash: string;
};

export const presentAudit = (r: AuditRow, actor: Actor): AuditEntryDto => ({
  seq: Number(r.seq),
  id: r.id,
  at: r.at.toISOString(),
  actor: { id: r.actor_id, name: r.actor_name },
  ip: r.ip,
  action: r.action,
  entity: { type: r.entity_type, id: r.entity_id },
  before: maskPii(actor, r.before ?? null),
  after: maskPii(actor, r.after ?? null),
  reason: r.reason,
  hash: r.hash,
  prevHash: r.prev_hash,
});
