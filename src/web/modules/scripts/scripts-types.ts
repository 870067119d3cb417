/** Wire shapes of /api/v1/canned-replies, /forbidden-phrases and /text-check. */
export type ReplyKind = 'reply' | 'script';
export type CannedReply = {
  id: string;
  kind: ReplyKind;
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
export type RenderedReply = { id: string; text: string; unknown: string[]; missing: string[] };

export type PhraseSeverity = 'warn' | 'block';
export type ForbiddenPhrase = { id: string; phrase: string; suggestion: string; severity: PhraseSeverity; active: boolean; createdAt: string };
export type TextHit = { phrase: string; suggestion: string; severity: PhraseSeverity; start: number; end: number };
export type TextCheck = { hits: TextHit[]; blocked: boolean };

/** The fixed variable set of templates (the server's render-template.ts documents the same list). */
export const TEMPLATE_VARIABLES = ['customer.name', 'customer.salutation', 'agent.name', 'ticket.number', 'ticket.subject', 'ticket.status', 'org.name', 'today'] as const;
