/** Wire shapes of /api/v1/kb. */
export type KbVisibility = 'internal' | 'public';
export type KbStatus = 'draft' | 'published' | 'archived';
export type Highlighted = { text: string; marks: [number, number][] };
export type KbCategory = { id: string; parentId: string | null; name: string; nameEn: string | null; sort: number };

type ArticleBase = {
  id: string;
  categoryId: string | null;
  title: string;
  visibility: KbVisibility;
  status: KbStatus;
  tags: string[];
  viewCount: number;
  helpfulYes: number;
  helpfulNo: number;
  publishedAt: string | null;
  version: number;
  updatedAt: string;
};
export type KbArticle = ArticleBase & { body: string; html: string; myVote?: boolean | null };
export type KbArticleSummary = ArticleBase & { titleHighlight: Highlighted; snippet: Highlighted };

export const STATUS_COLORS: Record<KbStatus, string> = { draft: 'default', published: 'green', archived: 'orange' };
