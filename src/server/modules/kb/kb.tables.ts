import type { Generated, Selectable } from 'kysely';
import type { KbArticlesTable, KbCategoriesTable } from '../tickets/service-desk.tables.js';

/** Migration 0012: one vote per reader and article. */
export interface KbArticleVotesTable {
  org_id: string;
  article_id: string;
  voter: string;
  helpful: boolean;
  at: Generated<Date>;
}

declare module '../../platform/db-schema.js' {
  interface DB {
    kb_article_votes: KbArticleVotesTable;
  }
}

export type KbArticleRow = Selectable<KbArticlesTable>;
export type KbCategoryRow = Selectable<KbCategoriesTable>;
