import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Kefu, JobContext } from '../../platform/context.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import { PermanentJobError } from '../../platform/jobs.js';
import { OPEN_STATUSES } from '../../../shared/tickets.js';
import type { InboundRequest, ParsedInbound } from './channel-adapter.js';
import { discardFiles, fileStoreOf, recordIncomingFiles, saveIncomingFiles } from './channel-files.js';
import { customerForIdentity, identityOf } from './channel-identities.js';
import { channelRegistry } from './channel-registry.js';
import { type DeliveredMessage, deliverCustomerMessage } from './channel-tickets.service.js';
import { CHANNEL_SEND_JOB, externalKey } from './reply-delivery.js';

type Tx = Kysely<DB>;

/** The organization a webhook is for: the one named (`?org=`), or the only one. */
async function resolveOrg(db: Tx, hint: string | undefined): Promise<string> {
  if (hint) {
    const org = await db.selectFrom('orgs').select('id').where(sql<boolean>`id::text = ${hint}`).executeTakeFirst();
    if (!org) throw notFound('organization');
    return org.id;
  }
  const orgs = await db.selectFrom('orgs').select('id').limit(2).execute();
  if (orgs.length !== 1) throw new AppError('channel_org_required', 400);
  return orgs[0]!.id;
}

/**
 * A webhook call from a messaging platform: unknown channel 404, bad signature 401; each
 * message maps its user to a customer (channel_identities, creating one if new) and goes onto
 * that customer's open ticket of this channel, or a new one. A redelivered message is stored once.
 */
export async function receiveInbound(
  kefu: Kefu,
  channel: string,
  req: InboundRequest,
): Promise<{ results: DeliveredMessage[]; reply?: ParsedInbound['reply'] }> {
  const adapter = channelRegistry(kefu).get(channel);
  if (!adapter) throw notFound('channel');
  if (!adapter.verify(req)) throw new AppError('channel_signature_invalid', 401);
  let parsed: ParsedInbound;
  try {
    parsed = adapter.parse(req);
  } catch {
    throw new AppError('channel_payload_invalid', 400);
  }
  const orgId = await resolveOrg(kefu.db, req.query.org);
  const store = fileStoreOf(kefu);
  const results: DeliveredMessage[] = [];
  for (const m of parsed.messages) {
    const externalId = externalKey(adapter.name, m.externalMessageId);
    const seen = await kefu.db.selectFrom('ticket_messages').select(['id', 'ticket_id']).where('org_id', '=', orgId).where('channel', '=', adapter.ticketChannel).where('external_id', '=', externalId).executeTakeFirst();
    if (seen) {
      results.push({ ticketId: seen.ticket_id, messageId: seen.id, duplicate: true, created: false, status: null });
      continue;
    }
    const { saved } = await saveIncomingFiles(store, m.attachments ?? [], kefu.config.uploadLimit);
    let keep = false;
    try {
      // The identity is settled first (its own short transaction) so the ticket lookup can use the customer.
      const { customerId } = await kefu.db.transaction().execute((tx) => customerForIdentity(tx, { orgId, channel: adapter.name, externalUserId: m.externalUserId, displayName: m.displayName }));
      const open = await kefu.db
        .selectFrom('tickets')
        .select('id')
        .where('org_id', '=', orgId)
        .where('customer_id', '=', customerId)
        .where('channel', '=', adapter.ticketChannel)
        .where('status', 'in', [...OPEN_STATUSES, 'resolved'])
        .where('merged_into_id', 'is', null)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const text = m.text.trim();
      const result = await deliverCustomerMessage(kefu, {
        orgId,
        ticketId: open?.id ?? null,
        message: { channel: adapter.ticketChannel, bodyText: text, authorName: m.displayName ?? null, externalId, at: m.at },
        newTicket: { channel: adapter.ticketChannel, subject: (text.split('\n')[0] || adapter.name).slice(0, 80), description: text, customerId, via: `channel:${adapter.name}` },
        prepare: async (tx, ticketId) => ({ attachments: await recordIncomingFiles(tx, orgId, ticketId, saved) }),
      });
      keep = !result.duplicate;
      results.push(result);
    } finally {
      if (!keep) await discardFiles(store, saved);
    }
  }
  return { results, reply: parsed.reply };
}

/** The send job: the reply's text to the customer's platform user through the adapter. */
export async function sendChannelReply(kefu: Kefu, payload: Record<string, unknown>, ctx: JobContext): Promise<unknown> {
  const db = ctx.db;
  const orgId = String(payload.orgId);
  const messageId = String(payload.messageId);
  const setDelivery = (delivery: 'sent' | 'failed', externalId?: string) =>
    db.updateTable('ticket_messages').set({ delivery, ...(externalId ? { external_id: externalKey(String(payload.adapter), `out:${externalId}`) } : {}) }).where('org_id', '=', orgId).where('id', '=', messageId).execute();
  const message = await db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', (j) => j.onRef('t.org_id', '=', 'm.org_id').onRef('t.id', '=', 'm.ticket_id'))
    .select(['m.body_text', 'm.delivery', 't.customer_id'])
    .where('m.org_id', '=', orgId)
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!message) throw new PermanentJobError(`message ${messageId} no longer exists`);
  if (message.delivery === 'sent') return { alreadySent: true };
  const adapter = channelRegistry(kefu).get(String(payload.adapter));
  const user = message.customer_id ? await identityOf(db, orgId, String(payload.adapter), message.customer_id) : null;
  if (!adapter || !user) {
    await setDelivery('failed');
    throw new PermanentJobError(!adapter ? `channel "${String(payload.adapter)}" is not configured on this server` : 'the customer has no identity on this channel');
  }
  try {
    const sent = await adapter.sendText(user, message.body_text);
    await setDelivery('sent', sent.externalMessageId);
    return { sent: true, externalMessageId: sent.externalMessageId ?? null };
  } catch (err) {
    await setDelivery('failed');
    throw err;
  }
}

export function registerChannelJobs(kefu: Kefu): void {
  kefu.jobs.register(CHANNEL_SEND_JOB, (payload, ctx) => sendChannelReply(kefu, payload, ctx));
}
