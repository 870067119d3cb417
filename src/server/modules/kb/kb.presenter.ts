import { markdownToText, renderMarkdown } from './markdown.js';
import { highlight, type Highlighted, snippet } from './snippet.js';
import type { KbArticleRow, KbCategoryRow } from './kb.tables.js';

export type KbCategoryDto = { id: string; parentId: string | null; name: string; nameEn: string | null; sort: number; createdAt: string };

/** One article in full: the Markdown source (for the editor) and its sanitized HTML (for reading). */
export type KbArticleDto = {
  id: string;
  categoryId: string | null;
  title: string;
  body: string;
  html: string;
  visibility: KbArticleRow['visibility'];
  status: KbArticleRow['status'];
  tags: string[];
  authorId: string | null;
  viewCount: number;
  helpfulYes: number;
  helpfulNo: number;
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The caller's own vote (true helpful, false not helpful), when known. */
  myVote?: boolean | null;
};

/** An entry of a result list: no body, a highlighted title and an excerpt with the hits marked. */
export type KbArticleSummaryDto = Omit<KbArticleDto, 'body' | 'html' | 'myVote'> & { titleHighlight: Highlighted; snippet: Highlighted; score?: number };

export const presentCategory = (r: KbCategoryRow): KbCategoryDto => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  nameEn: r.name_en,
  sort: r.sort,
  createdAt: r.created_at.toISOString(),
});

function base(r: KbArticleRow) {
  return {
    id: r.id,
    categoryId: r.category_id,
    title: r.title,
    visibility: r.visibility,
    status: r.status,
    tags: r.tags ?? [],
    authorId: r.author_id,
    viewCount: r.view_count,
    helpfulYes: r.helpful_yes,
    helpfulNo: r.helpful_no,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export const presentArticle = (r: KbArticleRow, myVote?: boolean | null): KbArticleDto => ({
  ...base(r),
  body: r.body,
  html: renderMarkdown(r.body),
  ...(myVote === undefined ? {} : { myVote }),
});

export function presentSummary(r: KbArticleRow & { score?: number }, terms: string[]): KbArticleSummaryDto {
  return {
    ...base(r),
    titleHighlight: highlight(r.title, terms),
    snippet: snippet(markdownToText(r.body), terms),
    ...(r.score === undefined ? {} : { score: Number(r.score) }),
  };
}
