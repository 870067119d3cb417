import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { isUniqueViolation } from '../config/issues.js';
import { RECOMMENDED_PHRASES } from './default-content.js';
import { checkPhrases, normalizePhrase, type PhraseHit } from './phrase-check.js';
import { type ForbiddenPhraseDto, presentPhrase } from './scripts.presenter.js';
import * as repo from './scripts.repo.js';
import type { PhraseCreate, PhraseListQuery, PhraseUpdate } from './scripts.schema.js';

/** Forbidden phrases (反面用语) and the check of outgoing text against them. */

/**
 * The organization's active forbidden phrases found in `text`, with positions in the text;
 * `blocked` when any of them has severity 'block'. The tickets service calls this before
 * sending a public reply.
 */
export async function checkText(db: Kysely<DB>, orgId: string, text: string): Promise<{ hits: PhraseHit[]; blocked: boolean }> {
  if (!text.trim()) return { hits: [], blocked: false };
  return checkPhrases(text, await repo.activePhrases(db, orgId));
}

const taken = (phrase: string) => conflict('forbidden_phrase_taken', { path: ['body', 'phrase'], phrase });

export async function listPhrases(db: Kysely<DB>, actor: Actor, q: PhraseListQuery): Promise<Page<ForbiddenPhraseDto> & { total: number }> {
  const rows = await repo.listPhrases(db, actor.orgId, q, { after: decodeCursor(q.cursor), limit: q.limit });
  return { ...toPage(rows, q.limit, (r) => r.created_at.toISOString(), presentPhrase), total: await repo.countPhrases(db, actor.orgId) };
}

async function withUnique<T>(phrase: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // the unique index on lower(phrase) decides between two admins adding the same phrase
    if (isUniqueViolation(err)) throw taken(phrase);
    throw err;
  }
}

function assertMatchable(phrase: string): void {
  // a phrase of only spaces and punctuation would never match anything (the checker skips them)
  if (normalizePhrase(phrase).length === 0) throw new AppError('forbidden_phrase_empty', 400, { path: ['body', 'phrase'] });
}

export async function createPhrase(db: Kysely<DB>, actor: Actor, input: PhraseCreate): Promise<ForbiddenPhraseDto> {
  assertMatchable(input.phrase);
  return withUnique(input.phrase, () =>
    db.transaction().execute(async (tx) => {
      const row = await repo.insertPhrase(tx, { org_id: actor.orgId, id: uuidv7(), phrase: input.phrase, suggestion: input.suggestion, severity: input.severity, active: input.active });
      const dto = presentPhrase(row);
      await recordAudit(tx, auditBy(actor, { action: 'forbidden_phrase.create', entityType: 'forbidden_phrase', entityId: row.id, after: dto }));
      return dto;
    }),
  );
}

export async function updatePhrase(db: Kysely<DB>, actor: Actor, id: string, input: PhraseUpdate): Promise<ForbiddenPhraseDto> {
  if (input.phrase !== undefined) assertMatchable(input.phrase);
  return withUnique(input.phrase ?? '', () =>
    db.transaction().execute(async (tx) => {
      const current = await repo.findPhrase(tx, actor.orgId, id);
      if (!current) throw notFound('forbidden_phrase');
      const updated = await repo.updatePhrase(tx, actor.orgId, id, input);
      const dto = presentPhrase(updated!);
      await recordAudit(tx, auditBy(actor, { action: 'forbidden_phrase.update', entityType: 'forbidden_phrase', entityId: id, before: presentPhrase(current), after: dto }));
      return dto;
    }),
  );
}

export async function deletePhrase(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await repo.findPhrase(tx, actor.orgId, id);
    if (!current) throw notFound('forbidden_phrase');
    await repo.deletePhrase(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'forbidden_phrase.delete', entityType: 'forbidden_phrase', entityId: id, before: presentPhrase(current) }));
  });
}

/** Adds the recommended list (phrases already present are kept as they are); returns how many were added. */
export async function loadRecommendedPhrases(db: Kysely<DB>, orgId: string): Promise<number> {
  return repo.insertMissingPhrases(
    db,
    RECOMMENDED_PHRASES.map((p) => ({ org_id: orgId, id: uuidv7(), phrase: p.phrase, suggestion: p.suggestion, severity: p.severity, active: true })),
  );
}

export async function loadRecommendedAsAdmin(db: Kysely<DB>, actor: Actor): Promise<{ added: number }> {
  return db.transaction().execute(async (tx) => {
    const added = await loadRecommendedPhrases(tx, actor.orgId);
    await recordAudit(tx, auditBy(actor, { action: 'forbidden_phrase.load_recommended', entityType: 'forbidden_phrase', after: { added } }));
    return { added };
  });
}
