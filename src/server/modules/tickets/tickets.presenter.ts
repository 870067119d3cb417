import { TICKET_TRANSITIONS, type TicketDetail, type TicketMessage, type TicketSummary } from '../../../shared/tickets.js';
import type { TicketMessageRow, TicketRow } from './service-desk.tables.js';
import type { TicketWithNames } from './tickets.repo.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The earliest running SLA due time: what a list sorts and colours by. */
export function nextDueAt(t: Pick<TicketRow, 'first_response_due_at' | 'next_response_due_at' | 'resolution_due_at'>): string | null {
  const due = [t.first_response_due_at, t.next_response_due_at, t.resolution_due_at].filter((d): d is Date => !!d).map((d) => new Date(d).getTime());
  return due.length > 0 ? new Date(Math.min(...due)).toISOString() : null;
}

export function presentTicketSummary(t: TicketWithNames): TicketSummary {
  return {
    id: t.id,
    number: String(t.number),
    type: t.type,
    subtype: t.subtype,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    customer: t.customer_id ? { id: t.customer_id, name: t.customer_name ?? '' } : null,
    requesterName: t.requester_name,
    customerTier: t.customer_tier,
    team: t.team_id ? { id: t.team_id, name: t.team_name ?? '' } : null,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? '' } : null,
    tags: t.tags,
    slaState: t.sla_state,
    nextDueAt: nextDueAt(t),
    queuedAt: iso(t.queued_at),
    createdAt: iso(t.created_at)!,
    updatedAt: iso(t.updated_at)!,
  };
}

export type DetailExtras = {
  categoryPath: string[];
  mergedInto: { id: string; number: string } | null;
  links: { id: string; number: string | number; subject: string; status: TicketRow['status']; kind: 'related' | 'merged_into' | 'split_from'; ticket_id: string }[];
};

export function presentTicketDetail(t: TicketWithNames, extras: DetailExtras): TicketDetail {
  return {
    ...presentTicketSummary(t),
    description: t.description,
    categoryId: t.category_id,
    categoryPath: extras.categoryPath,
    contactId: t.contact_id,
    requesterEmail: t.requester_email,
    requesterPhone: t.requester_phone,
    cc: t.cc,
    custom: (t.custom ?? {}) as Record<string, unknown>,
    firstResponseDueAt: iso(t.first_response_due_at),
    nextResponseDueAt: iso(t.next_response_due_at),
    resolutionDueAt: iso(t.resolution_due_at),
    firstResponseAt: iso(t.first_response_at),
    resolvedAt: iso(t.resolved_at),
    closedAt: iso(t.closed_at),
    reopenCount: t.reopen_count,
    satisfaction: t.satisfaction,
    satisfactionComment: t.satisfaction_comment,
    mergedInto: extras.mergedInto,
    links: extras.links.map((l) => ({ id: l.id, number: String(l.number), subject: l.subject, status: l.status, kind: l.kind, direction: l.ticket_id === t.id ? 'out' : 'in' })),
    allowedStatuses: t.merged_into_id ? [] : [...TICKET_TRANSITIONS[t.status]],
    version: t.version,
  };
}

export type AttachmentInfo = { id: string; filename: string; size: number; contentType: string };

export function presentMessage(m: TicketMessageRow & { author_display?: string | null }, files: Map<string, AttachmentInfo>): TicketMessage {
  return {
    id: m.id,
    kind: m.kind,
    authorType: m.author_type,
    author: { id: m.author_id, name: m.author_display ?? m.author_name },
    channel: m.channel,
    bodyText: m.body_text,
    bodyHtml: m.body_html,
    attachments: m.attachments.map((id) => files.get(id)).filter((f): f is AttachmentInfo => !!f),
    cc: m.cc,
    delivery: m.delivery,
    createdAt: iso(m.created_at)!,
  };
}
