import { z } from 'zod';

/**
 * Enums of the service desk (§5), shared by server and web. They mirror the CHECK constraints of
 * migrations/0009_service_desk.sql; labels are i18n keys (`tickets.type.<code>` and so on).
 */

/** §5.1 咨询, 投诉, 售后, 增值, 建议 */
export const TICKET_TYPES = ['inquiry', 'complaint', 'after_sales', 'value_added', 'suggestion'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
/** After-sales work: 安装, 维修, 退货, 换货 */
export const AFTER_SALES_SUBTYPES = ['install', 'repair', 'return', 'exchange'] as const;
export type AfterSalesSubtype = (typeof AFTER_SALES_SUBTYPES)[number];

/** §5.2 where a ticket came from; 'agent' = registered by an agent from the desk. */
export const TICKET_CHANNELS = ['phone', 'email', 'web_form', 'portal', 'chat', 'onsite', 'api', 'wechat', 'wecom', 'agent'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** §5.3 lifecycle */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses in which the ticket still needs work (the agent's queue). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
/** Statuses that stop the SLA clock: waiting on the customer (pending) or a third party (on hold). */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'on_hold'];

/** Allowed status changes; reopening a resolved or closed ticket goes back to open. */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'resolved', 'closed'],
  open: ['pending', 'on_hold', 'resolved', 'closed'],
  pending: ['open', 'on_hold', 'resolved', 'closed'],
  on_hold: ['open', 'pending', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const MESSAGE_KINDS = ['reply', 'note', 'customer', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Customer tiers as §3.2's pyramid names them. Until tiering computes them, a customer marked
 * 头顶客户 (class_management = 'top') counts as VIP and others as ordinary.
 */
export const CUSTOMER_TIERS = ['vip', 'key', 'ordinary', 'small'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** §5.5 */
export const ROUTING_STRATEGIES = ['manual', 'round_robin', 'load_balanced', 'skills'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** §5.6 */
export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_STATES = ['none', 'ok', 'warning', 'breached', 'paused', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const ESCALATION_ACTIONS = ['notify', 'reassign', 'raise_priority'] as const;

/** §5.4 the seed's complaint process, in order */
export const COMPLAINT_STEPS = ['receive', 'register', 'investigate', 'handle', 'survey', 'follow_up', 'close'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
export const COMPLAINT_SEVERITIES = ['minor', 'general', 'serious', 'critical'] as const;
/** 产品质量, 服务, 信息不对称, 期望过高, 其他 */
export const COMPLAINT_ROOT_CAUSES = ['product_quality', 'service', 'information_asymmetry', 'expectation', 'other'] as const;
export type ComplaintRootCause = (typeof COMPLAINT_ROOT_CAUSES)[number];

/** §5.7 */
export const COMMITMENT_STATUSES = ['open', 'fulfilled', 'breached', 'cancelled'] as const;

// ——— wire contract of /api/v1/tickets ———

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish();
const emailList = z
  .array(z.string().trim().toLowerCase().pipe(z.email()))
  .max(20)
  .transform((l) => [...new Set(l)]);
const tagList = z
  .array(z.string().trim().min(1).max(20))
  .max(20)
  .transform((l) => [...new Set(l)]);
const fileIds = z.array(z.uuid()).max(20);

export const createTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES),
  subtype: z.enum(AFTER_SALES_SUBTYPES).nullish(),
  categoryId: z.uuid().nullish(),
  subject: text(200).min(1),
  description: text(20_000).default(''),
  channel: z.enum(TICKET_CHANNELS).default('agent'),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  customerId: z.uuid().nullish(),
  contactId: z.uuid().nullish(),
  requesterName: optionalText(100),
  requesterEmail: z.string().trim().toLowerCase().pipe(z.email()).nullish(),
  requesterPhone: optionalText(40),
  teamId: z.uuid().nullish(),
  assigneeId: z.uuid().nullish(),
  cc: emailList.default([]),
  tags: tagList.default([]),
  custom: z.record(z.string().max(40), z.unknown()).default({}),
  attachments: fileIds.default([]),
});
export type CreateTicketBody = z.infer<typeof createTicketBody>;

export const updateTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  subtype: z.enum(AFTER_SALES_SUBTYPES).nullish(),
  categoryId: z.uuid().nullish(),
  subject: text(200).min(1).optional(),
  description: text(20_000).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  customerId: z.uuid().nullish(),
  contactId: z.uuid().nullish(),
  cc: emailList.optional(),
  tags: tagList.optional(),
  custom: z.record(z.string().max(40), z.unknown()).optional(),
});
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const changeTicketStatusBody = z.strictObject({ status: z.enum(TICKET_STATUSES), reason: text(500).default('') });
export type ChangeTicketStatusBody = z.infer<typeof changeTicketStatusBody>;

export const addMessageBody = z.strictObject({
  kind: z.enum(['reply', 'note']),
  body: text(50_000).min(1),
  cc: emailList.default([]),
  attachments: fileIds.default([]),
  /** Status to leave the ticket in after a reply (e.g. pending: waiting on the customer). */
  statusAfter: z.enum(['open', 'pending', 'on_hold', 'resolved']).nullish(),
  /** Send despite forbidden-phrase warnings the agent has seen. */
  acknowledgeWarnings: z.boolean().default(false),
});
export type AddMessageBody = z.infer<typeof addMessageBody>;

export const linkTicketBody = z.strictObject({ otherId: z.uuid() });
export const mergeTicketBody = z.strictObject({ targetId: z.uuid() });
export const splitTicketBody = z.strictObject({ messageIds: z.array(z.uuid()).min(1).max(200), subject: text(200).min(1) });

/** Standard views of the agent's work, each with a live count. */
export const TICKET_VIEWS = ['mine', 'team_unassigned', 'team', 'all_open', 'breached', 'recent_solved', 'all'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

export type TicketSummary = {
  id: string;
  number: string;
  type: TicketType;
  subtype: AfterSalesSubtype | null;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  customer: { id: string; name: string } | null;
  requesterName: string | null;
  customerTier: string | null;
  team: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  tags: string[];
  slaState: SlaState;
  nextDueAt: string | null;
  queuedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TicketDetail = TicketSummary & {
  description: string;
  categoryId: string | null;
  categoryPath: string[];
  contactId: string | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
  cc: string[];
  custom: Record<string, unknown>;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  satisfaction: number | null;
  satisfactionComment: string | null;
  mergedInto: { id: string; number: string } | null;
  links: { id: string; number: string; subject: string; status: TicketStatus; kind: 'related' | 'merged_into' | 'split_from'; direction: 'out' | 'in' }[];
  allowedStatuses: TicketStatus[];
  version: number;
};

export type TicketMessage = {
  id: string;
  kind: MessageKind;
  authorType: 'agent' | 'customer' | 'system';
  author: { id: string | null; name: string | null };
  channel: string;
  bodyText: string;
  bodyHtml: string | null;
  attachments: { id: string; filename: string; size: number; contentType: string }[];
  cc: string[];
  delivery: 'queued' | 'sent' | 'failed' | null;
  createdAt: string;
};

export type TextCheckHit = { phrase: string; suggestion: string; severity: 'warn' | 'block'; start: number; end: number };

// ——— saved ticket views (§5.9) ———

/**
 * What a saved view keeps: the list's own query parameters (filters and sort) as the list URL
 * carries them. The server checks them with the list's query schema when saved and when listed.
 */
export const TICKET_VIEW_FILTER_KEYS = ['view', 'q', 'status', 'type', 'priority', 'channel', 'assigneeId', 'teamId', 'customerId', 'slaState', 'tag', 'sort'] as const;
export type TicketViewFilterKey = (typeof TICKET_VIEW_FILTER_KEYS)[number];
export const ticketViewFilters = z.partialRecord(z.enum(TICKET_VIEW_FILTER_KEYS), z.string().max(200));
export type TicketViewFilters = z.infer<typeof ticketViewFilters>;

export const TICKET_VIEW_NAME_MAX = 40;
const viewName = z.string().trim().min(1).max(TICKET_VIEW_NAME_MAX);

export const createTicketViewBody = z.strictObject({ name: viewName, shared: z.boolean().default(false), filters: ticketViewFilters });
export type CreateTicketViewBody = z.infer<typeof createTicketViewBody>;
export const updateTicketViewBody = z.strictObject({ name: viewName.optional(), shared: z.boolean().optional(), filters: ticketViewFilters.optional() });
export type UpdateTicketViewBody = z.infer<typeof updateTicketViewBody>;

/** `GET /api/v1/ticket-views`: own views, then those colleagues shared, each with its live count. */
export const ticketSavedViewView = z.object({
  id: z.string(),
  name: z.string(),
  shared: z.boolean(),
  /** The caller created it. */
  mine: z.boolean(),
  /** The caller may rename, share or delete it (its owner, or whoever configures tickets). */
  editable: z.boolean(),
  ownerName: z.string().nullable(),
  filters: ticketViewFilters,
  /** Tickets matching it in the caller's data scope; null when stale or beyond the counted views. */
  count: z.number().int().nullable(),
  /** Its filters no longer hold (a value no longer allowed, a team or customer since deleted). */
  stale: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TicketSavedView = z.infer<typeof ticketSavedViewView>;
