import { sql } from 'kysely';
import { defaultOrgId } from '../../platform/orgs.js';
import { recordAudit } from '../../platform/audit.js';
import { lockedFor, recordFailure, type ThrottleKey, type ThrottleRule } from '../../platform/auth/throttle.js';
import type { Kefu } from '../../platform/context.js';
import type { WebFormReceipt, WebFormSubmission } from '../../../shared/web-form.js';
import { tooManyAttempts } from '../auth/auth.guard.js';
import { createTicketFromChannel } from '../channels/channel-tickets.service.js';
import { type CustomerBrief, findCustomerByEmail, findCustomerByPhone } from '../customers/customer-lookup.service.js';
import { announceAssignments } from '../routing/assignment.service.js';
import type { Assignment } from '../routing/routing.service.js';

/**
 * §5.2 the public web form: anyone may open a ticket without signing in. The visitor is matched
 * to a customer in the register by e-mail, else by phone; otherwise the ticket only carries the
 * name and contact details they typed (no customer is created from an anonymous form).
 */

/** Submissions per client address: 10 in a quarter of an hour, then a quarter of an hour's wait. */
export const WEB_FORM_RULE: ThrottleRule = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const addressKey = (ip: string): ThrottleKey => ({ key: `webform:ip:${ip}`, rule: WEB_FORM_RULE });

export type WebFormMeta = { ip: string };


/**
 * What a filled-in honeypot gets: a fresh number from the ticket sequence, shaped like any
 * real answer, so a robot cannot tell it was caught. No ticket ever gets that number.
 */
async function decoyNumber(kefu: Kefu): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('ticket_number_seq')::text AS n`.execute(kefu.db);
  return rows[0]!.n;
}

/**
 * Takes one submission of the form: counts it against the client address (429 with the wait
 * once the limit is reached), drops a robot's quietly, opens the ticket, then announces it.
 */
export async function submitWebForm(kefu: Kefu, body: WebFormSubmission, meta: WebFormMeta): Promise<WebFormReceipt> {
  const key = addressKey(meta.ip);
  const wait = await lockedFor(kefu.db, [key]);
  if (wait > 0) throw tooManyAttempts(wait);
  await recordFailure(kefu.db, [key]);
  if (body.website?.trim()) return { number: await decoyNumber(kefu) };

  const orgId = await defaultOrgId(kefu.db);
  const contact = body.email ?? body.phone ?? '';
  let assignments: Assignment[] = [];
  const made = await kefu.db.transaction().execute(async (tx) => {
    let customer: CustomerBrief | null = null;
    let matchedBy: 'email' | 'phone' | null = null;
    if (body.email) {
      customer = await findCustomerByEmail(tx, orgId, body.email);
      if (customer) matchedBy = 'email';
    }
    if (!customer && body.phone) {
      customer = await findCustomerByPhone(tx, orgId, body.phone);
      if (customer) matchedBy = 'phone';
    }
    const created = await createTicketFromChannel(tx, {
      orgId,
      channel: 'web_form',
      type: body.type,
      subtype: body.subtype ?? null,
      subject: body.subject,
      description: body.body,
      customerId: customer?.id ?? null,
      requesterName: body.name,
      requesterEmail: body.email ?? null,
      requesterPhone: body.phone ?? null,
      via: `web_form:${contact}`,
    });
    await recordAudit(tx, {
      orgId,
      action: 'web_form.submit',
      entityType: 'ticket',
      entityId: created.ticketId,
      actorId: null,
      actorName: `web_form:${contact}`,
      ip: meta.ip,
      after: { number: created.number, type: body.type, customerId: customer?.id ?? null, matchedBy },
    });
    assignments = created.assignments;
    return created;
  });
  await announceAssignments(kefu, orgId, assignments);
  await kefu.events.publish({ orgId, type: 'ticket.created', data: { id: made.ticketId, number: made.number }, permission: 'tickets.read' });
  return { number: made.number };
}
