import { z } from 'zod';
import { AFTER_SALES_SUBTYPES, type TicketStatus, type TicketType } from './tickets.js';

/**
 * §5.11 the customer portal: what a signed-in customer sends and gets back. The portal never
 * sees internal notes, system lines, assignees' teams, SLA clocks or tags.
 */

/** What a customer may open from the portal (增值 is sold by staff, not requested here). */
export const PORTAL_TICKET_TYPES = ['inquiry', 'after_sales', 'complaint', 'suggestion'] as const satisfies readonly TicketType[];
export type PortalTicketType = (typeof PORTAL_TICKET_TYPES)[number];

const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const portalLinkRequest = z.strictObject({ email, orgId: z.uuid().optional() });
export const portalLinkConsume = z.strictObject({ token: z.string().trim().min(20).max(200) });
export const portalLogin = z.strictObject({ email, password: z.string().min(1).max(1024), orgId: z.uuid().optional() });
export const portalPassword = z.strictObject({ password: z.string().min(1).max(1024) });

export const portalTicketCreate = z
  .strictObject({
    type: z.enum(PORTAL_TICKET_TYPES),
    subtype: z.enum(AFTER_SALES_SUBTYPES).nullish(),
    subject: z.string().trim().min(2).max(200),
    body: z.string().trim().min(5).max(10_000),
  })
  .refine((b) => b.type === 'after_sales' || !b.subtype, { path: ['subtype'], message: 'portal_subtype_only_after_sales' });
export type PortalTicketCreate = z.infer<typeof portalTicketCreate>;

export const portalReply = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const portalRating = z.strictObject({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() });
export type PortalRating = z.infer<typeof portalRating>;

export const portalTicketList = z.strictObject({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });

export const portalInvitation = z.strictObject({ email: email.optional() });

export type PortalMe = { email: string; displayName: string; customerName: string; hasPassword: boolean; orgName: string };

/** A customer-facing status: the six §5.3 statuses folded to what a customer needs to know. */
export type PortalTicketSummary = {
  id: string;
  number: string;
  type: TicketType;
  subtype: string | null;
  subject: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  /** The last public message was ours (an agent's): the customer has something to read. */
  awaitingCustomer: boolean;
  satisfaction: number | null;
};

export type PortalMessage = {
  id: string;
  /** `customer`: the customer's own words (the ticket's description comes first as one). */
  from: 'customer' | 'agent';
  authorName: string;
  body: string;
  createdAt: string;
};

export type PortalTicket = PortalTicketSummary & {
  messages: PortalMessage[];
  satisfactionComment: string | null;
  ratedAt: string | null;
  /** The customer may still write (not closed, not merged). */
  canReply: boolean;
  /** Solved: the customer may rate (again, until it is closed). */
  canRate: boolean;
};

export type PortalInvitationResult = { accountId: string; email: string; link: string; expiresAt: string; mailed: boolean };
