import type { Kysely } from 'kysely';
import type { JobQueue } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { queueReplyMail } from '../email/outbound-mail.js';

type Tx = Kysely<DB>;

export const CHANNEL_SEND_JOB = 'channels.send_reply';

/** The external id stored on a message from a messaging channel: unique per adapter. */
export const externalKey = (adapter: string, id: string) => `${adapter}:${id}`;

/**
 * Queues an agent's reply on a ticket that came through a messaging channel, in the reply's
 * transaction. The adapter is the one the customer last wrote through on this ticket.
 * Returns false when the ticket did not come through a messaging channel.
 */
export async function queueChannelReply(tx: Tx, jobs: JobQueue, orgId: string, ticketId: string, messageId: string): Promise<boolean> {
  const last = await tx
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', (j) => j.onRef('t.org_id', '=', 'm.org_id').onRef('t.id', '=', 'm.ticket_id'))
    .select('m.external_id')
    .where('m.org_id', '=', orgId)
    .where('m.ticket_id', '=', ticketId)
    .where('m.kind', '=', 'customer')
    .where('m.channel', '!=', 'email')
    .whereRef('m.channel', '=', 't.channel')
    .where('m.external_id', 'is not', null)
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const adapter = /^([a-z][a-z0-9_-]{1,31}):/.exec(last?.external_id ?? '')?.[1];
  if (!adapter) return false;
  await tx.updateTable('ticket_messages').set({ delivery: 'queued' }).where('org_id', '=', orgId).where('id', '=', messageId).execute();
  await jobs.enqueue(tx, CHANNEL_SEND_JOB, { orgId, ticketId, messageId, adapter }, { orgId, uniqueKey: `channels.send_reply:${messageId}`, maxAttempts: 6 });
  return true;
}

/**
 * After an agent's public reply is stored: queues its delivery to the customer, in the reply's
 * transaction — through the messaging channel the customer wrote on, else by mail when the
 * ticket has an address. Returns how it goes out (null: it stays in Kefu only).
 * Without an outgoing mail server, replies stay in Kefu, except on a ticket that came by mail:
 * its customer waits for an answer by mail, so the failed delivery must show.
 */
export async function queueReplyDelivery(tx: Tx, jobs: JobQueue, orgId: string, ticketId: string, messageId: string, opts: { mailConfigured: boolean }): Promise<'channel' | 'email' | null> {
  if (await queueChannelReply(tx, jobs, orgId, ticketId, messageId)) return 'channel';
  if (!opts.mailConfigured) {
    const ticket = await tx.selectFrom('tickets').select('channel').where('org_id', '=', orgId).where('id', '=', ticketId).executeTakeFirst();
    if (ticket?.channel !== 'email') return null;
  }
  if (await queueReplyMail(tx, jobs, orgId, ticketId, messageId)) return 'email';
  return null;
}
