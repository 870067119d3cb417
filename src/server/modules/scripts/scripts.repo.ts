import { type Kysely, type Selectable, sql, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { CursorValue } from '../../platform/http/pagination.js';
import type { CannedRepliesTable, ForbiddenPhrasesTable } from '../tickets/service-desk.tables.js';

export type CannedReplyRow = Selectable<CannedRepliesTable>;
export type ForbiddenPhraseRow = Selectable<ForbiddenPhrasesTable>;

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ---- canned replies and scripts

export type ReplyFilter = { userId: string; q?: string; kind?: CannedReplyRow['kind']; category?: string; ticketType?: string; owner?: 'shared' | 'mine'; active?: boolean };

/** Shared replies and the user's own, most used first, keyset-paginated on (usage_count, id). */
export function listReplies(db: Kysely<DB>, orgId: string, f: ReplyFilter, page: { after: CursorValue | null; limit: number }): Promise<CannedReplyRow[]> {
  let q = db.selectFrom('canned_replies').selectAll().where('org_id', '=', orgId);
  if (f.owner === 'shared') q = q.where('owner_id', 'is', null);
  else if (f.owner === 'mine') q = q.where('owner_id', '=', f.userId);
  else q = q.where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', f.userId)]));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.category) q = q.where('category', '=', f.category);
  // an empty ticket_types list means every type
  if (f.ticketType) q = q.where(sql<SqlBool>`(cardinality(ticket_types) = 0 OR ${f.ticketType} = ANY(ticket_types))`);
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where(sql<SqlBool>`(lower(title) LIKE ${p} OR lower(body) LIKE ${p} OR lower(category) LIKE ${p})`);
  }
  const { after } = page;
  if (after && typeof after.v === 'number') {
    const v = after.v;
    q = q.where((eb) => eb.or([eb('usage_count', '<', v), eb.and([eb('usage_count', '=', v), eb('id', '<', after.id)])]));
  }
  return q.orderBy('usage_count', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
}

export async function replyCategories(db: Kysely<DB>, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('canned_replies')
    .select('category')
    .distinct()
    .where('org_id', '=', orgId)
    .where('category', '<>', '')
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
    .orderBy('category')
    .execute();
  return rows.map((r) => r.category);
}

export function findReply(db: Kysely<DB>, orgId: string, id: string): Promise<CannedReplyRow | undefined> {
  return db.selectFrom('canned_replies').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function insertReply(db: Kysely<DB>, row: Omit<CannedReplyRow, 'usage_count' | 'version' | 'created_at' | 'updated_at'>): Promise<CannedReplyRow> {
  return db.insertInto('canned_replies').values(row).returningAll().executeTakeFirstOrThrow();
}

type ReplyPatch = Partial<Pick<CannedReplyRow, 'kind' | 'title' | 'body' | 'category' | 'ticket_types' | 'active'>>;
export function updateReply(db: Kysely<DB>, orgId: string, id: string, version: number, patch: ReplyPatch): Promise<CannedReplyRow | undefined> {
  return db
    .updateTable('canned_replies')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteReply(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('canned_replies').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function countUse(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.updateTable('canned_replies').set((eb) => ({ usage_count: eb('usage_count', '+', 1) })).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** What a template needs from the ticket's customer and the organization. */
export async function templateContext(db: Kysely<DB>, orgId: string, customerId: string | null) {
  const org = await db.selectFrom('orgs').select(['name', 'timezone']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const customer = customerId
    ? await db.selectFrom('customers').select(['name', 'gender']).where('org_id', '=', orgId).where('id', '=', customerId).executeTakeFirst()
    : undefined;
  return { org, customer };
}

// ---- forbidden phrases

export function listPhrases(db: Kysely<DB>, orgId: string, f: { q?: string; severity?: ForbiddenPhraseRow['severity'] }, page: { after: CursorValue | null; limit: number }): Promise<ForbiddenPhraseRow[]> {
  let q = db.selectFrom('forbidden_phrases').selectAll().where('org_id', '=', orgId);
  if (f.severity) q = q.where('severity', '=', f.severity);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where(sql<SqlBool>`(lower(phrase) LIKE ${p} OR lower(suggestion) LIKE ${p})`);
  }
  const { after } = page;
  if (after && typeof after.v === 'string') {
    const v = after.v;
    q = q.where((eb) => eb.or([eb('created_at', '>', new Date(v)), eb.and([eb('created_at', '=', new Date(v)), eb('id', '>', after.id)])]));
  }
  // oldest first: the recommended list keeps its order and new phrases go to the end
  return q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(page.limit + 1).execute();
}

export function activePhrases(db: Kysely<DB>, orgId: string): Promise<Pick<ForbiddenPhraseRow, 'phrase' | 'suggestion' | 'severity'>[]> {
  return db.selectFrom('forbidden_phrases').select(['phrase', 'suggestion', 'severity']).where('org_id', '=', orgId).where('active', '=', true).execute();
}

export async function countPhrases(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db.selectFrom('forbidden_phrases').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findPhrase(db: Kysely<DB>, orgId: string, id: string): Promise<ForbiddenPhraseRow | undefined> {
  return db.selectFrom('forbidden_phrases').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function insertPhrase(db: Kysely<DB>, row: Omit<ForbiddenPhraseRow, 'created_at'>): Promise<ForbiddenPhraseRow> {
  return db.insertInto('forbidden_phrases').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts the phrases the organization does not have yet (case-insensitive); returns how many. */
export async function insertMissingPhrases(db: Kysely<DB>, rows: Omit<ForbiddenPhraseRow, 'created_at'>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('forbidden_phrases')
    .values(rows)
    .onConflict((oc) => oc.expression(sql`org_id, lower(phrase)`).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export function updatePhrase(db: Kysely<DB>, orgId: string, id: string, patch: Partial<Pick<ForbiddenPhraseRow, 'phrase' | 'suggestion' | 'severity' | 'active'>>): Promise<ForbiddenPhraseRow | undefined> {
  return db.updateTable('forbidden_phrases').set(patch).where('org_id', '=', orgId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePhrase(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('forbidden_phrases').where('org_id', '=', orgId).where('id', '=', id).execute();
}
