import type { AuditRow } from './audit.repo.js';

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

export const presentAudit = (r: AuditRow): AuditEntryDto => ({
  seq: Number(r.seq),
  id: r.id,
  at: r.at.toISOString(),
  actor: { id: r.actor_id, name: r.actor_name },
  ip: r.ip,
  action: r.action,
  entity: { type: r.entity_type, id: r.entity_id },
  before: r.before ?? null,
  after: r.after ?? null,
  reason: r.reason,
  hash: r.hash,
  prevHash: r.prev_hash,
});
