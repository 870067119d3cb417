import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

/** Wire contract of /api/v1/kb. */
export const KB_VISIBILITIES = ['internal', 'public'] as const;
export const KB_STATUSES = ['draft', 'published', 'archived'] as const;

const name = z.string().trim().min(1).max(100);
const tags = z
  .array(z.string().trim().min(1).max(30))
  .max(20)
  .transform((l) => [...new Set(l)]);

export const categoryCreateBody = z.strictObject({
  name,
  nameEn: z.string().trim().max(100).nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  sort: z.number().int().min(-100_000).max(100_000).default(0),
});
export type CategoryCreate = z.infer<typeof categoryCreateBody>;

export const categoryUpdateBody = z.strictObject({
  name: name.optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  sort: z.number().int().min(-100_000).max(100_000).optional(),
});
export type CategoryUpdate = z.infer<typeof categoryUpdateBody>;

export const articleCreateBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(200_000).default(''),
  categoryId: z.uuid().nullable().optional(),
  visibility: z.enum(KB_VISIBILITIES).default('internal'),
  status: z.enum(KB_STATUSES).default('draft'),
  tags: tags.default([]),
});
export type ArticleCreate = z.infer<typeof articleCreateBody>;

export const articleUpdateBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().max(200_000).optional(),
  categoryId: z.uuid().nullable().optional(),
  visibility: z.enum(KB_VISIBILITIES).optional(),
  status: z.enum(KB_STATUSES).optional(),
  tags: tags.optional(),
});
export type ArticleUpdate = z.infer<typeof articleUpdateBody>;

export const articleListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  categoryId: z.uuid().optional(),
  status: z.enum(KB_STATUSES).optional(),
  visibility: z.enum(KB_VISIBILITIES).optional(),
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ArticleListQuery = z.infer<typeof articleListQuery>;

export const suggestQuery = z.strictObject({
  text: z.string().max(5000).default(''),
});

export const voteBody = z.strictObject({ helpful: z.boolean() });

export const previewBody = z.strictObject({ body: z.string().max(200_000) });
