import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import { categoryAndDescendants } from './kb-categories.service.js';
import { articleQuery, articleTokens } from './kb-tokens.js';
import { markdownToText } from './markdown.js';
import { type KbArticleDto, type KbArticleSummaryDto, presentArticle, presentSummary } from './kb.presenter.js';
import * as repo from './kb.repo.js';
import type { ArticleCreate, ArticleListQuery, ArticleUpdate } from './kb.schema.js';
import type { KbArticleRow } from './kb.tables.js';

export type ArticleListOptions = { q?: string; categoryId?: string; status?: KbArticleRow['status']; visibility?: KbArticleRow['visibility']; cursor?: string; limit?: number };

const SUGGESTIONS = 5;
const tokensOf = (title: string, body: string, tags: string[]) => articleTokens(title, markdownToText(body), tags);

async function checkCategory(db: Kysely<DB>, orgId: string, id: string | null | undefined): Promise<void> {
  if (id && !(await repo.findCategory(db, orgId, id))) throw new AppError('kb_category_not_found', 400, { path: ['body', 'categoryId'] });
}

/** One list code path for agents and the portal: ranked search when q has tokens, else newest first. */
async function list(db: Kysely<DB>, orgId: string, o: ArticleListOptions, newestBy: 'updated_at' | 'published_at'): Promise<Page<KbArticleSummaryDto>> {
  const limit = o.limit ?? 20;
  const after = decodeCursor(o.cursor);
  const filter: repo.ArticleFilter = {
    status: o.status,
    visibility: o.visibility,
    categoryIds: o.categoryId ? await categoryAndDescendants(db, orgId, o.categoryId) : undefined,
  };
  const query = o.q ? articleQuery(o.q) : null;
  if (query && query.title.length + query.body.length > 0) {
    const rows = await repo.searchArticles(db, orgId, filter, query, { after, limit });
    return toPage(rows, limit, (r) => Number(r.score), (r) => presentSummary(r, query.terms));
  }
  // a query with nothing searchable in it (only punctuation or function words) finds nothing
  if (query) return { items: [], nextCursor: null };
  const rows = await repo.listArticles(db, orgId, filter, { after, limit, column: newestBy });
  return toPage(rows, limit, (r) => (r[newestBy] ? new Date(r[newestBy]).toISOString() : null), (r) => presentSummary(r, []));
}

/** Agents: readers (kb.read) see published articles; editors (kb.manage) see every status. */
export function listArticles(db: Kysely<DB>, actor: Actor, q: ArticleListQuery): Promise<Page<KbArticleSummaryDto>> {
  const status = can(actor, 'kb.manage') ? q.status : 'published';
  return list(db, actor.orgId, { ...q, status }, 'updated_at');
}

async function visibleArticle(db: Kysely<DB>, actor: Actor, id: string): Promise<KbArticleRow> {
  const row = await repo.findArticle(db, actor.orgId, id);
  if (!row || (row.status !== 'published' && !can(actor, 'kb.manage'))) throw notFound('kb_article');
  return row;
}

export async function getArticle(db: Kysely<DB>, actor: Actor, id: string): Promise<KbArticleDto> {
  const row = await visibleArticle(db, actor, id);
  return presentArticle(row, (await repo.findVote(db, actor.orgId, id, `user:${actor.userId}`)) ?? null);
}

/** Counts a reading of a published article (the reader calls it once per opening). */
export async function recordView(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await visibleArticle(db, actor, id);
  if (row.status === 'published') await repo.incrementViews(db, actor.orgId, id);
}

/** Helpful yes/no: one vote per reader, which they may change. */
export async function voteArticle(db: Kysely<DB>, orgId: string, voter: string, id: string, helpful: boolean, mayRead: (row: KbArticleRow) => boolean): Promise<KbArticleRow> {
  return db.transaction().execute(async (tx) => {
    const row = await repo.findArticle(tx, orgId, id);
    if (!row || !mayRead(row) || row.status !== 'published') throw notFound('kb_article');
    const before = await repo.findVote(tx, orgId, id, voter);
    if (before === helpful) return row;
    await repo.upsertVote(tx, orgId, id, voter, helpful);
    const yes = (helpful ? 1 : 0) - (before === true ? 1 : 0);
    const no = (helpful ? 0 : 1) - (before === false ? 1 : 0);
    return (await repo.adjustVoteCounts(tx, orgId, id, yes, no))!;
  });
}

export async function voteAsAgent(db: Kysely<DB>, actor: Actor, id: string, helpful: boolean): Promise<KbArticleDto> {
  const row = await voteArticle(db, actor.orgId, `user:${actor.userId}`, id, helpful, () => true);
  return presentArticle(row, helpful);
}

export async function createArticle(db: Kysely<DB>, actor: Actor, input: ArticleCreate): Promise<KbArticleDto> {
  return db.transaction().execute(async (tx) => {
    await checkCategory(tx, actor.orgId, input.categoryId);
    const row = await repo.insertArticle(tx, {
      org_id: actor.orgId,
      id: uuidv7(),
      category_id: input.categoryId ?? null,
      title: input.title,
      body: input.body,
      visibility: input.visibility,
      status: input.status,
      tags: input.tags,
      search_tokens: tokensOf(input.title, input.body, input.tags),
      author_id: actor.userId,
      published_at: input.status === 'published' ? new Date() : null,
    });
    const dto = presentArticle(row);
    await recordAudit(tx, auditBy(actor, { action: 'kb_article.create', entityType: 'kb_article', entityId: row.id, after: auditView(dto) }));
    return dto;
  });
}

// The audit log keeps what changed, not the rendered HTML twice.
const auditView = ({ html, ...rest }: KbArticleDto) => (void html, rest);

export async function updateArticle(db: Kysely<DB>, actor: Actor, id: string, version: number, input: ArticleUpdate): Promise<KbArticleDto> {
  return db.transaction().execute(async (tx) => {
    const current = await repo.findArticle(tx, actor.orgId, id);
    if (!current) throw notFound('kb_article');
    if (current.version !== version) throw preconditionFailed();
    await checkCategory(tx, actor.orgId, input.categoryId);
    const title = input.title ?? current.title;
    const body = input.body ?? current.body;
    const tags = input.tags ?? current.tags;
    const publishing = input.status === 'published' && current.status !== 'published';
    const updated = await repo.updateArticle(tx, actor.orgId, id, version, {
      title: input.title,
      body: input.body,
      category_id: input.categoryId,
      visibility: input.visibility,
      status: input.status,
      tags: input.tags,
      search_tokens: tokensOf(title, body, tags),
      published_at: publishing ? new Date() : undefined,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentArticle(updated);
    await recordAudit(tx, auditBy(actor, { action: 'kb_article.update', entityType: 'kb_article', entityId: id, before: auditView(presentArticle(current)), after: auditView(dto) }));
    return dto;
  });
}

export async function deleteArticle(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await repo.findArticle(tx, actor.orgId, id);
    if (!current) throw notFound('kb_article');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    await repo.deleteArticle(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'kb_article.delete', entityType: 'kb_article', entityId: id, before: auditView(presentArticle(current)) }));
  });
}

/**
 * Up to five published articles that share the most tokens with a text (a ticket's subject and
 * description), title tokens weighted. Internal articles are included: the reader is an agent.
 */
export async function suggestArticles(db: Kysely<DB>, actor: Actor, text: string): Promise<KbArticleSummaryDto[]> {
  const query = articleQuery(text, 64);
  if (query.title.length + query.body.length === 0) return [];
  const rows = await repo.searchArticles(db, actor.orgId, { status: 'published' }, query, { after: null, limit: SUGGESTIONS });
  return rows.slice(0, SUGGESTIONS).map((r) => presentSummary(r, query.terms));
}

/** Customer portal: published public articles only, searchable and by category. */
export function listPublicArticles(db: Kysely<DB>, orgId: string, o: { q?: string; categoryId?: string; cursor?: string; limit?: number }): Promise<Page<KbArticleSummaryDto>> {
  return list(db, orgId, { ...o, status: 'published', visibility: 'public' }, 'published_at');
}

/** Customer portal: one published public article, or null (the portal answers 404). */
export async function getPublicArticle(db: Kysely<DB>, orgId: string, id: string): Promise<KbArticleDto | null> {
  const row = await repo.findArticle(db, orgId, id);
  if (!row || row.status !== 'published' || row.visibility !== 'public') return null;
  return presentArticle(row);
}
