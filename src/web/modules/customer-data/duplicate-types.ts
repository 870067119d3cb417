/**
 * Wire shapes of §2.7 (duplicates page, merge preview, merge, undo), mirroring
 * src/server/modules/customers/merge/merge.schema.ts (the web app imports no server code).
 */

export const DUPLICATE_REASONS = ['id_number', 'credit_code', 'phone', 'email', 'name', 'name_similar'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export type DuplicateMember = {
  id: string;
  name: string;
  kind: 'individual' | 'organization';
  /** Masked by the viewer's field rule (`138****5678`). */
  phones: (string | null)[];
  email: string | null;
  creditCode: string | null;
  lifecycleStatus: string;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: string;
  version: number;
};

export type DuplicateGroup = {
  reason: DuplicateReason;
  reasons: DuplicateReason[];
  /** How many customers share the key; `members` lists at most 20, oldest first. */
  memberCount: number;
  members: DuplicateMember[];
};

export type MergeSide = 'survivor' | 'merged' | 'union';

export type MergeParty = { id: string; name: string; kind: 'individual' | 'organization'; version: number; ownerName: string | null; createdAt: string };

export type MergeFieldComparison = {
  /** `name`, `phones`, `region`, `owner`, `custom.<key>`, `preferences.<key>` … */
  field: string;
  survivor: unknown;
  merged: unknown;
  same: boolean;
  suggested: MergeSide;
  options: MergeSide[];
  union?: unknown;
  overLimit?: boolean;
};

export type MergePreview = {
  survivor: MergeParty;
  merged: MergeParty;
  fields: MergeFieldComparison[];
  related: { name: string; count: number | null }[];
  warnings: string[];
};

export type MergeResult = { mergeId: string; moved: Record<string, number>; survivor: { id: string; name: string } };

export type MergeRecord = {
  id: string;
  survivorId: string;
  mergedId: string;
  survivorName: string;
  mergedName: string;
  role: 'survivor' | 'merged';
  at: string;
  actorName: string | null;
  moved: Record<string, number>;
  undoneAt: string | null;
  undoneByName: string | null;
  canUndo: boolean;
  blockedBy: string | null;
  survivorChangedSince: boolean;
};

export type PhoneValue = { value: string | null; kind: 'mobile' | 'landline'; label: string | null };

/** The part of a presented customer the merge UI reads. */
export type CustomerViewLite = { id: string; name: string; version: number };
