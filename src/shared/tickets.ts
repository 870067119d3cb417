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
