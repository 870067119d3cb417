import { type Kysely, type Selectable, sql } from 'kysely';
import type { AuditLogTable, DB } from '../../platform/db-schema.js';

export type AuditRow = Selectable<AuditLogTable>;

export type AuditFilter = {
  actorId?: string;
  action?: { exact: string } | { prefix: string };
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  q?: string;
  /** Keyset: entries older than this seq. */
  beforeSeq?: number;
};

/** LIKE pattern text with its wildcards escaped (backslash is PostgreSQL's default escape). */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listAudit(db: Kysely<DB>, orgId: string, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action && 'exact' in f.action) q = q.where('action', '=', f.action.exact);
  if (f.action && 'prefix' in f.action) q = q.where('action', 'like', `${likeEscape(f.action.prefix)}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  if (f.q) q = q.where(sql<string>`(coalesce(actor_name, '') || ' ' || coalesce(entity_id, ''))`, 'ilike', `%${likeEscape(f.q)}%`);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

export function findAudit(db: Kysely<DB>, orgId: string, seq: number): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).where('seq', '=', seq).executeTakeFirst();
}

/** Distinct action names by a loose index scan over (org_id, action): one index probe per name. */
export async function distinctActions(db: Kysely<DB>, orgId: string): Promise<string[]> {
  const r = await sql<{ action: string | null }>`
    WITH RECURSIVE a(action) AS (
      (SELECT action FROM audit_log WHERE org_id = ${orgId} ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT l.action FROM audit_log l WHERE l.org_id = ${orgId} AND l.action > a.action ORDER BY l.action LIMIT 1)
      FROM a WHERE a.action IS NOT NULL
    )
    SELECT action FROM a WHERE action IS NOT NULL`.execute(db);
  return r.rows.map((row) => row.action as string);
}
