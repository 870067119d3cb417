import { z } from 'zod';
import { CUSTOMER_KINDS, customerView, LIFECYCLE_STATUSES } from './customers.js';

/**
 * Wire contract of §2.7 (duplicates page, merge preview, merge, undo), shared by the server and
 * the web app.
 */

/** Why customers were grouped, in the order the duplicates page walks them. */
export const DUPLICATE_REASONS = ['id_number', 'credit_code', 'phone', 'email', 'name', 'name_similar'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const duplicatesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Opaque (sealed: it holds the last key of the page, e.g. a phone number). */
  cursor: z.string().max(2000).optional(),
  reason: z.enum(DUPLICATE_REASONS).optional(),
});
export type DuplicatesQuery = z.infer<typeof duplicatesQuery>;

export const duplicateMember = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  /** Each presented through the viewer's field rule for `phone`. */
  phones: z.array(z.string().nullable()),
  email: z.string().nullable(),
  creditCode: z.string().nullable(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const duplicateGroup = z.object({
  /** The reason the group was found by; `reasons` lists every key all members share. */
  reason: z.enum(DUPLICATE_REASONS),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  /** How many customers share the key (members lists at most 20, oldest first). */
  memberCount: z.number().int(),
  members: z.array(duplicateMember),
});
export const duplicatesPage = z.object({ items: z.array(duplicateGroup), nextCursor: z.string().nullable() });
export type DuplicateGroupView = z.infer<typeof duplicateGroup>;
export type DuplicateMemberView = z.infer<typeof duplicateMember>;

export const notDuplicatesBody = z.strictObject({ aId: z.uuid(), bId: z.uuid() });

export const mergePreviewQuery = z.strictObject({ survivorId: z.uuid(), mergedId: z.uuid() });

const side = z.enum(['survivor', 'merged', 'union']);
export type MergeSide = z.infer<typeof side>;
export const mergeBody = z.strictObject({
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  /** Per field (`name`, `phones`, `custom.level`, `preferences.likes` …); omitted fields take the suggestion. */
  choices: z.record(z.string().max(80), side).default({}),
  /** The versions the preview showed: a change since then answers 412. */
  version: z.strictObject({ survivor: z.number().int(), merged: z.number().int() }).optional(),
});
export type MergeBody = z.infer<typeof mergeBody>;

export const mergeParty = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(CUSTOMER_KINDS), version: z.number().int(), ownerName: z.string().nullable(), createdAt: z.string() });
export const mergePreview = z.object({
  survivor: mergeParty,
  merged: mergeParty,
  fields: z.array(
    z.object({
      field: z.string(),
      /** Presented values (personal data through the viewer's field rules). */
      survivor: z.unknown(),
      merged: z.unknown(),
      same: z.boolean(),
      suggested: side,
      options: z.array(side),
      union: z.unknown().optional(),
      overLimit: z.boolean().optional(),
    }),
  ),
  /** Records that will move from the merged customer to the survivor, per participant. */
  related: z.array(z.object({ name: z.string(), count: z.number().int().nullable() })),
  warnings: z.array(z.string()),
});
export type MergePreview = z.infer<typeof mergePreview>;
export type MergeParty = z.infer<typeof mergeParty>;
export type MergeFieldComparison = MergePreview['fields'][number];

export const mergeResult = z.object({ mergeId: z.uuid(), moved: z.record(z.string(), z.number().int()), survivor: customerView });
export const undoResult = z.object({ mergeId: z.uuid(), survivor: customerView, merged: customerView });
export type MergeResult = z.infer<typeof mergeResult>;
export type UndoResult = z.infer<typeof undoResult>;

export const mergeView = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid(),
  survivorName: z.string(),
  mergedName: z.string(),
  /** The customer asked about was the survivor or the merged one. */
  role: z.enum(['survivor', 'merged']),
  at: z.string(),
  actorName: z.string().nullable(),
  moved: z.record(z.string(), z.number().int()),
  undoneAt: z.string().nullable(),
  undoneByName: z.string().nullable(),
  canUndo: z.boolean(),
  /** A later merge that must be undone first. */
  blockedBy: z.uuid().nullable(),
  /** The survivor was edited after the merge: undo restores its card as it was before the merge. */
  survivorChangedSince: z.boolean(),
});
export type MergeView = z.infer<typeof mergeView>;
