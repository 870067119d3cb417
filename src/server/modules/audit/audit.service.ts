import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { verifyAuditChain } from '../../platform/audit-verify.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { type AuditEntryDto, presentAudit } from './audit.presenter.js';
import * as repo from './audit.repo.js';
import type { AuditListQuery } from './audit.schema.js';

/** The audit log of the actor's organization, newest first, filtered. */
export async function listAudit(db: Kysely<DB>, actor: Actor, query: AuditListQuery): Promise<Page<AuditEntryDto>> {
  const cursor = decodeCursor(query.cursor);
  if (cursor && (typeof cursor.v !== 'number' || !Number.isSafeInteger(cursor.v))) {
    throw new AppError('validation', 400, [{ path: ['query', 'cursor'], code: 'invalid_cursor', message: 'invalid cursor' }]);
  }
  const action = query.action
    ? /[.*]$/.test(query.action)
      ? { prefix: query.action.replace(/\*$/, '') }
      : { exact: query.action }
    : undefined;
  const rows = await repo.listAudit(
    db,
    actor.orgId,
    {
      actorId: query.actorId,
      action,
      entityType: query.entityType,
      entityId: query.entityId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      q: query.q,
      beforeSeq: cursor ? (cursor.v as number) : undefined,
    },
    query.limit + 1,
  );
  return toPage(rows, query.limit, (r) => Number(r.seq), (r) => presentAudit(r, actor));
}

export async function getAuditEntry(db: Kysely<DB>, actor: Actor, seq: number): Promise<AuditEntryDto> {
  const row = await repo.findAudit(db, actor.orgId, seq);
  if (!row) throw notFound('audit_entry');
  return presentAudit(row, actor);
}

export async function listActions(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  return repo.distinctActions(db, actor.orgId);
}

/** Verifies the organization's chain; `message` is the verdict in the actor's language. */
export async function verifyChain(db: Kysely<DB>, actor: Actor) {
  const { ok, checked, firstBrokenSeq, reason } = await verifyAuditChain(db, actor.orgId);
  if (ok) return { ok, checked, message: t(actor.locale, 'audit.verify.ok', { checked }) };
  const why = t(actor.locale, `audit.verify.reasons.${reason}`);
  return { ok, checked, firstBrokenSeq, reason, message: t(actor.locale, 'audit.verify.broken', { seq: firstBrokenSeq, reason: why }) };
}
