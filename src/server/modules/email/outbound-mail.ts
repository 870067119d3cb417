import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Kefu, JobContext, JobQueue } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { t } from '../../platform/i18n.js';
import { uuidv7 } from '../../platform/ids.js';
import { PermanentJobError } from '../../platform/jobs.js';
import { fileStoreOf } from '../channels/channel-files.js';
import { bareAddress, fromAddressOf, supportAddressesOf } from './mail-addresses.js';

type Tx = Kysely<DB>;

export const SEND_REPLY_JOB = 'email.send_reply';

/**
 * Queues the mail of an agent's public reply, in the reply's transaction: delivery becomes
 * 'queued' and the send job commits with the message (or neither does). Returns false when
 * the ticket has no address to write to.
 */
export async function queueReplyMail(tx: Tx, jobs: JobQueue, orgId: string, ticketId: string, messageId: string): Promise<boolean> {
  const ticket = await tx
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .select(['t.requester_email', 'c.email'])
    .where('t.org_id', '=', orgId)
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket || !bareAddress(ticket.requester_email ?? ticket.email)) return false;
  await tx.updateTable('ticket_messages').set({ delivery: 'queued' }).where('org_id', '=', orgId).where('id', '=', messageId).execute();
  await jobs.enqueue(tx, SEND_REPLY_JOB, { orgId, ticketId, messageId }, { orgId, uniqueKey: `email.send_reply:${messageId}`, maxAttempts: 6 });
  return true;
}

const setDelivery = (db: Tx, orgId: string, id: string, delivery: 'sent' | 'failed') =>
  db.updateTable('ticket_messages').set({ delivery }).where('org_id', '=', orgId).where('id', '=', id).execute();

/** `Re: <subject> [#number]`, without piling up prefixes or tags. */
export function replySubject(subject: string, number: string): string {
  const base = subject.replace(/\s*\[#\d+\]\s*/g, ' ').trim();
  return `${/^re:/i.test(base) ? base : `Re: ${base}`} [#${number}]`;
}

/**
 * The send job: one reply as one mail, From the support address, To the requester, CC the
 * ticket's and the reply's CC, threaded under the conversation (In-Reply-To/References) with a
 * Message-ID stored on the message before sending, so retries reuse it and the customer's answer
 * threads back. Never reports a mail as sent that the relay did not take.
 */
export async function sendReplyMail(kefu: Kefu, payload: Record<string, unknown>, ctx: JobContext): Promise<unknown> {
  const db = ctx.db;
  const orgId = String(payload.orgId);
  const messageId = String(payload.messageId);
  const message = await db.selectFrom('ticket_messages').selectAll().where('org_id', '=', orgId).where('id', '=', messageId).executeTakeFirst();
  if (!message) throw new PermanentJobError(`message ${messageId} no longer exists`);
  if (message.delivery === 'sent') return { alreadySent: true, messageId: message.email_message_id };
  const fail = async (text: string) => {
    await setDelivery(db, orgId, messageId, 'failed');
    throw new PermanentJobError(text);
  };
  if (!kefu.config.smtpUrl) return fail(t('en', 'email.no_smtp_url'));
  const ticket = await db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (j) => j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.customer_id'))
    .select(['t.id', 't.number', 't.subject', 't.requester_email', 't.requester_name', 't.cc', 't.email_thread_id', 'c.email as customer_email'])
    .where('t.org_id', '=', orgId)
    .where('t.id', '=', message.ticket_id)
    .executeTakeFirst();
  if (!ticket) return fail(`ticket ${message.ticket_id} no longer exists`);
  const to = bareAddress(ticket.requester_email ?? ticket.customer_email);
  if (!to) return fail(t('en', 'email.no_recipient'));
  const from = await fromAddressOf(db, kefu.config, orgId);
  if (!from) return fail(t('en', 'email.no_from'));
  const support = await supportAddressesOf(db, kefu.config, orgId);
  const cc = [...new Set([...ticket.cc, ...message.cc].map((a) => bareAddress(a)).filter((a): a is string => !!a && a !== to && !support.has(a)))];

  const domain = bareAddress(from)?.split('@')[1] ?? 'kefu.invalid';
  let ownId = message.email_message_id;
  if (!ownId) {
    ownId = `<${uuidv7()}@${domain}>`;
    await db.updateTable('ticket_messages').set({ email_message_id: ownId }).where('org_id', '=', orgId).where('id', '=', messageId).where('email_message_id', 'is', null).execute();
    const again = await db.selectFrom('ticket_messages').select('email_message_id').where('org_id', '=', orgId).where('id', '=', messageId).executeTakeFirstOrThrow();
    ownId = again.email_message_id!;
  }
  const earlier = await db
    .selectFrom('ticket_messages')
    .select(['email_message_id', 'kind'])
    .where('org_id', '=', orgId)
    .where('ticket_id', '=', ticket.id)
    .where('email_message_id', 'is not', null)
    .where('id', '!=', messageId)
    .where('created_at', '<=', message.created_at)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const references = [...new Set([...(ticket.email_thread_id ? [ticket.email_thread_id] : []), ...earlier.map((m) => m.email_message_id!)])].slice(-20);
  const lastCustomer = [...earlier].reverse().find((m) => m.kind === 'customer')?.email_message_id;
  const inReplyTo = lastCustomer ?? references[references.length - 1];
  if (!ticket.email_thread_id) {
    await db.updateTable('tickets').set({ email_thread_id: ownId }).where('org_id', '=', orgId).where('id', '=', ticket.id).where('email_thread_id', 'is', null).execute();
  }
  const files =
    message.attachments.length > 0
      ? await db.selectFrom('files').select(['filename', 'content_type', 'storage_key']).where('org_id', '=', orgId).where('id', 'in', message.attachments).where('deleted_at', 'is', null).execute()
      : [];
  const store = fileStoreOf(kefu);
  const transport = nodemailer.createTransport(kefu.config.smtpUrl);
  try {
    const info = await transport.sendMail({
      from,
      to: ticket.requester_name ? { name: ticket.requester_name, address: to } : to,
      cc,
      subject: replySubject(ticket.subject, String(ticket.number)),
      text: message.body_text,
      messageId: ownId,
      inReplyTo,
      references,
      attachments: files.map((f) => ({ filename: f.filename, contentType: f.content_type, path: store.pathFor(f.storage_key) })),
    });
    await setDelivery(db, orgId, messageId, 'sent');
    return { messageId: ownId, accepted: info.accepted, response: info.response };
  } catch (err) {
    // Delivery shows 'failed' now; the queue retries and a later success turns it 'sent'.
    await setDelivery(db, orgId, messageId, 'failed');
    throw err;
  } finally {
    transport.close();
  }
}

export function registerEmailJobs(kefu: Kefu): void {
  kefu.jobs.register(SEND_REPLY_JOB, (payload, ctx) => sendReplyMail(kefu, payload, ctx));
}
