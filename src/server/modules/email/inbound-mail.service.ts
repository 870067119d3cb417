import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { Kefu } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { t } from '../../platform/i18n.js';
import { findCustomerByEmail } from '../customers/customer-lookup.service.js';
import { discardFiles, fileStoreOf, recordIncomingFiles, saveIncomingFiles, type SavedFile } from '../channels/channel-files.js';
import { type DeliveredMessage, deliverCustomerMessage } from '../channels/channel-tickets.service.js';
import { bareAddress, orgForAddress, supportAddressesOf } from './mail-addresses.js';
import { normalizeContentId, sanitizeMailHtml } from './mail-html.js';

type Tx = Kysely<DB>;

export type MailReceived = DeliveredMessage & { orgId: string };

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value).filter((v) => !!v.address);

/** Message-IDs named by a header value (`<a@b> <c@d>`), angle brackets kept. */
export function messageIds(value: string | string[] | undefined): string[] {
  const all = (Array.isArray(value) ? value : value ? [value] : []).join(' ');
  return [...new Set(all.match(/<[^<>\s]+>/g) ?? [])];
}

/** `[#10234]` in a subject: the ticket number it names. */
export function subjectTicketNumber(subject: string): string | null {
  return /\[#(\d{1,18})\]/.exec(subject)?.[1] ?? null;
}

/** The ticket a mail answers: by the Message-IDs it refers to (ours or stored), following merges. */
async function ticketByReferences(db: Tx, orgId: string, refs: string[]): Promise<string | null> {
  if (refs.length === 0) return null;
  const byMessage = await db
    .selectFrom('ticket_messages')
    .select('ticket_id')
    .where('org_id', '=', orgId)
    .where('email_message_id', 'in', refs)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (byMessage) return byMessage.ticket_id;
  const byThread = await db.selectFrom('tickets').select('id').where('org_id', '=', orgId).where('email_thread_id', 'in', refs).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return byThread?.id ?? null;
}

/**
 * `[#number]` in the subject names a ticket, but only for a sender the ticket already knows
 * (its requester, a CC, its customer's address): a guessed number must not let a stranger
 * write into someone else's ticket.
 */
async function ticketBySubjectTag(db: Tx, orgId: string, subject: string, sender: string): Promise<string | null> {
  const number = subjectTicketNumber(subject);
  if (!number) return null;
  const row = await db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .select('t.id')
    .where('t.org_id', '=', orgId)
    .where('t.number', '=', number)
    .where('t.deleted_at', 'is', null)
    .where(sql<boolean>`(lower(t.requester_email) = ${sender} OR lower(c.email) = ${sender} OR ${sender} = ANY (SELECT lower(x) FROM unnest(t.cc) x))`)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Follows merges to the ticket that lives on (a few hops at most). */
async function followMerges(db: Tx, orgId: string, id: string | null): Promise<string | null> {
  let current = id;
  for (let hop = 0; current && hop < 5; hop++) {
    const row = await db.selectFrom('tickets').select(['id', 'merged_into_id', 'deleted_at']).where('org_id', '=', orgId).where('id', '=', current).executeTakeFirst();
    if (!row || row.deleted_at) return null;
    if (!row.merged_into_id) return row.id;
    current = row.merged_into_id;
  }
  return current;
}

/**
 * One message the SMTP listener accepted (raw RFC 5322 bytes) for the given recipients. For
 * each organization owning a recipient: a reply (In-Reply-To/References naming a message we
 * sent or stored, or a known sender's `[#number]` subject tag) goes onto that ticket — a
 * closed one gets a new ticket linked to it; anything else opens a new ticket. The HTML is
 * sanitized, attachments stored; the Message-ID makes a redelivery a no-op.
 */
export async function receiveMail(kefu: Kefu, raw: Buffer, rcptTo: readonly string[]): Promise<MailReceived[]> {
  const parsed = await simpleParser(raw, { keepCidLinks: true });
  const orgIds = new Set<string>();
  for (const rcpt of rcptTo) {
    const orgId = await orgForAddress(kefu.db, kefu.config, rcpt);
    if (orgId) orgIds.add(orgId);
  }
  const results: MailReceived[] = [];
  for (const orgId of orgIds) {
    const r = await receiveForOrg(kefu, orgId, parsed, raw);
    if (r) results.push({ ...r, orgId });
  }
  return results;
}

async function receiveForOrg(kefu: Kefu, orgId: string, parsed: ParsedMail, raw: Buffer): Promise<DeliveredMessage | null> {
  const support = await supportAddressesOf(kefu.db, kefu.config, orgId);
  const from = addressesOf(parsed.from)[0];
  const sender = bareAddress(from?.address);
  // Our own address as sender: a loop (a bounce of our reply, a forward rule), not a customer.
  if (!sender || support.has(sender)) return null;
  const messageId = messageIds(parsed.messageId)[0] ?? `<${createHash('sha256').update(raw).digest('hex')}@kefu.invalid>`;
  const already = await kefu.db.selectFrom('ticket_messages').select(['id', 'ticket_id']).where('org_id', '=', orgId).where('channel', '=', 'email').where('external_id', '=', messageId).executeTakeFirst();
  if (already) return { ticketId: already.ticket_id, messageId: already.id, duplicate: true, created: false, status: null };

  const inReplyTo = messageIds(parsed.inReplyTo)[0] ?? null;
  const refs = [...new Set([...(inReplyTo ? [inReplyTo] : []), ...messageIds(parsed.references)])];
  const subject = (parsed.subject ?? '').trim();
  const ticketId = await followMerges(kefu.db, orgId, (await ticketByReferences(kefu.db, orgId, refs)) ?? (await ticketBySubjectTag(kefu.db, orgId, subject, sender)));
  const customer = await findCustomerByEmail(kefu.db, orgId, sender);
  const cc = addressesOf(parsed.cc)
    .map((a) => bareAddress(a.address))
    .filter((a): a is string => !!a && !support.has(a) && a !== sender);

  const store = fileStoreOf(kefu);
  const { saved, refused } = await saveIncomingFiles(
    store,
    parsed.attachments.map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, content: a.content, contentId: a.cid ?? a.contentId ?? null })),
    kefu.config.uploadLimit,
  );
  const notes = refused.map((r) => t('zh-CN', 'email.attachment_refused', { name: r.filename, reason: t('zh-CN', `email.refused_${r.reason}`) }));
  const bodyText = [(parsed.text ?? '').trim(), ...notes].filter(Boolean).join('\n\n');
  let stored: SavedFile[] = saved;
  try {
    const result = await deliverCustomerMessage(kefu, {
      orgId,
      ticketId,
      message: { channel: 'email', bodyText, authorName: from?.name || sender, emailMessageId: messageId, inReplyTo, externalId: messageId, at: new Date() },
      newTicket: {
        channel: 'email',
        subject: subject || t('zh-CN', 'email.no_subject'),
        description: bodyText,
        customerId: customer?.id ?? null,
        requesterName: from?.name || null,
        requesterEmail: sender,
        cc,
        emailThreadId: messageId,
        via: 'mail',
      },
      prepare: async (tx, id) => {
        const fileIds = await recordIncomingFiles(tx, orgId, id, saved);
        const inline = new Map(saved.flatMap((s, i) => (s.contentId ? [[normalizeContentId(s.contentId), fileIds[i]!] as const] : [])));
        return { attachments: fileIds, bodyHtml: typeof parsed.html === 'string' && parsed.html ? sanitizeMailHtml(parsed.html, inline) : null };
      },
    });
    if (result.duplicate) await discardFiles(store, stored);
    stored = [];
    return result;
  } finally {
    // Bytes of a delivery that failed never got rows: remove them.
    if (stored.length > 0) await discardFiles(store, stored);
  }
}
