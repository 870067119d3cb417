import type { CannedReplyRow, ForbiddenPhraseRow } from './scripts.repo.js';

export type CannedReplyDto = {
  id: string;
  kind: CannedReplyRow['kind'];
  title: string;
  body: string;
  category: string;
  ticketTypes: string[];
  shared: boolean;
  ownerId: string | null;
  usageCount: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type ForbiddenPhraseDto = { id: string; phrase: string; suggestion: string; severity: ForbiddenPhraseRow['severity']; active: boolean; createdAt: string };

export const presentReply = (r: CannedReplyRow): CannedReplyDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  category: r.category,
  ticketTypes: r.ticket_types ?? [],
  shared: r.owner_id === null,
  ownerId: r.owner_id,
  usageCount: r.usage_count,
  active: r.active,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const presentPhrase = (r: ForbiddenPhraseRow): ForbiddenPhraseDto => ({
  id: r.id,
  phrase: r.phrase,
  suggestion: r.suggestion,
  severity: r.severity,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});
