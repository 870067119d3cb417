import { type Kysely, sql, type SqlBool, type Updateable } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import type { CursorValue } from '../../platform/http/pagination.js';
import type { KbArticlesTable } from '../tickets/service-desk.tables.js';
import { TITLE_WEIGHT, type ArticleQuery } from './kb-tokens.js';
import type { KbArticleRow, KbCategoryRow } from './kb.tables.js';

export type ArticleFilter = {
  categoryIds?: string[];
  status?: KbArticleRow['status'];
  visibility?: KbArticleRow['visibility'];
};
export type RankedArticle = KbArticleRow & { score: number };

// ---- categories

export function listCategories(db: Kysely<DB>, orgId: string): Promise<KbCategoryRow[]> {
  return db.selectFrom('kb_categories').selectAll().where('org_id', '=', orgId).orderBy('sort').orderBy('name').orderBy('id').execute();
}

export function findCategory(db: Kysely<DB>, orgId: string, id: string): Promise<KbCategoryRow | undefined> {
  return db.selectFrom('kb_categories').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function insertCategory(db: Kysely<DB>, row: Omit<KbCategoryRow, 'created_at'>): Promise<KbCategoryRow> {
  return db.insertInto('kb_categories').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateCategory(db: Kysely<DB>, orgId: string, id: string, patch: Partial<Pick<KbCategoryRow, 'name' | 'name_en' | 'parent_id' | 'sort'>>): Promise<KbCategoryRow | undefined> {
  return db.updateTable('kb_categories').set(patch).where('org_id', '=', orgId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteCategory(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('kb_categories').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function categoryInUse(db: Kysely<DB>, orgId: string, id: string): Promise<{ children: number; articles: number }> {
  const [children, articles] = await Promise.all([
    db.selectFrom('kb_categories').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).where('parent_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('kb_articles').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).where('category_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { children: Number(children.n), articles: Number(articles.n) };
}

// ---- articles

export function findArticle(db: Kysely<DB>, orgId: string, id: string): Promise<KbArticleRow | undefined> {
  return db.selectFrom('kb_articles').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

type ArticleInsert = Omit<KbArticleRow, 'version' | 'created_at' | 'updated_at' | 'view_count' | 'helpful_yes' | 'helpful_no'>;
export function insertArticle(db: Kysely<DB>, row: ArticleInsert): Promise<KbArticleRow> {
  return db.insertInto('kb_articles').values(row).returningAll().executeTakeFirstOrThrow();
}

type ArticlePatch = Partial<Pick<Updateable<KbArticlesTable>, 'title' | 'body' | 'category_id' | 'visibility' | 'status' | 'tags' | 'search_tokens' | 'published_at'>>;
export function updateArticle(db: Kysely<DB>, orgId: string, id: string, version: number, patch: ArticlePatch): Promise<KbArticleRow | undefined> {
  return db
    .updateTable('kb_articles')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteArticle(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('kb_articles').where('org_id', '=', orgId).where('id', '=', id).execute();
}

function filtered(db: Kysely<DB>, orgId: string, f: ArticleFilter) {
  let q = db.selectFrom('kb_articles').where('org_id', '=', orgId);
  if (f.categoryIds) q = q.where('category_id', 'in', f.categoryIds.length > 0 ? f.categoryIds : ['00000000-0000-0000-0000-000000000000']);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.visibility) q = q.where('visibility', '=', f.visibility);
  return q;
}

/** Newest first by `column`, keyset-paginated on (column, id). */
export function listArticles(db: Kysely<DB>, orgId: string, f: ArticleFilter, page: { after: CursorValue | null; limit: number; column: 'updated_at' | 'published_at' }): Promise<KbArticleRow[]> {
  let q = filtered(db, orgId, f).selectAll();
  const { after, column } = page;
  if (after && typeof after.v === 'string') {
    const v = new Date(after.v);
    q = q.where((eb) => eb.or([eb(column, '<', v), eb.and([eb(column, '=', v), eb('id', '<', after.id)])]));
  }
  return q.orderBy(column, 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
}

/**
 * Articles sharing at least one token with the query (GIN `&&`), ranked by how many they share;
 * title tokens count TITLE_WEIGHT times. Keyset-paginated on (score, id).
 */
export function searchArticles(db: Kysely<DB>, orgId: string, f: ArticleFilter, query: ArticleQuery, page: { after: CursorValue | null; limit: number }): Promise<RankedArticle[]> {
  const all = [...query.title, ...query.body];
  const shared = (tokens: string[]) => sql<number>`cardinality(array(select unnest(kb_articles.search_tokens) intersect select unnest(${tokens}::text[])))`;
  const ranked = filtered(db, orgId, f)
    .selectAll()
    .select(sql<number>`(${sql.lit(TITLE_WEIGHT)} * ${shared(query.title)} + ${shared(query.body)})`.as('score'))
    .where(sql<SqlBool>`kb_articles.search_tokens && ${all}::text[]`);
  let q = db.selectFrom(ranked.as('r')).selectAll();
  const { after } = page;
  if (after && typeof after.v === 'number') {
    const v = after.v;
    q = q.where((eb) => eb.or([eb('r.score', '<', v), eb.and([eb('r.score', '=', v), eb('r.id', '<', after.id)])]));
  }
  return q.orderBy('r.score', 'desc').orderBy('r.id', 'desc').limit(page.limit + 1).execute() as Promise<RankedArticle[]>;
}

export async function incrementViews(db: Kysely<DB>, orgId: string, id: string): Promise<void> {
  await db.updateTable('kb_articles').set((eb) => ({ view_count: eb('view_count', '+', 1) })).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** The reader's previous vote, if any. */
export async function findVote(db: Kysely<DB>, orgId: string, articleId: string, voter: string): Promise<boolean | undefined> {
  const row = await db.selectFrom('kb_article_votes').select('helpful').where('org_id', '=', orgId).where('article_id', '=', articleId).where('voter', '=', voter).forUpdate().executeTakeFirst();
  return row?.helpful;
}

export async function upsertVote(db: Kysely<DB>, orgId: string, articleId: string, voter: string, helpful: boolean): Promise<void> {
  await db
    .insertInto('kb_article_votes')
    .values({ org_id: orgId, article_id: articleId, voter, helpful })
    .onConflict((oc) => oc.columns(['org_id', 'article_id', 'voter']).doUpdateSet({ helpful, at: new Date() }))
    .execute();
}

/** Moves the counters by a vote (and takes back the reader's earlier one). */
export function adjustVoteCounts(db: Kysely<DB>, orgId: string, id: string, yes: number, no: number): Promise<KbArticleRow | undefined> {
  return db
    .updateTable('kb_articles')
    .set((eb) => ({ helpful_yes: eb('helpful_yes', '+', yes), helpful_no: eb('helpful_no', '+', no) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
