import { fieldRule, presentField } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { RevealLoader } from '../org/reveal.registry.js';
import type { ContactBody, ContactView } from '../../../shared/customers.js';
import { normalizeCnPhone } from '../../../shared/phone.js';
import { cleanText } from '../../../shared/text-clean.js';
import { z } from 'zod';
import { assertCustomerWritable, type CustomerCtx, type FieldProblem, problem, validationError } from './customers.common.js';
import * as repo from './customers.repo.js';
import type { ContactRow } from './customers.tables.js';

const EMAIL = z.email();

export function presentContact(ctx: CustomerCtx, r: ContactRow): ContactView {
  const masked = (['phone', 'email'] as const).filter((f) => r[f] && fieldRule(ctx.actor, f) !== 'show');
  return {
    id: r.id,
    customerId: r.customer_id,
    name: r.name,
    jobTitle: r.job_title,
    role: r.role as ContactView['role'],
    strength: r.strength,
    phone: presentField(ctx.actor, 'phone', r.phone),
    email: presentField(ctx.actor, 'email', r.email),
    wechat: r.wechat,
    isPrimary: r.is_primary,
    notes: r.notes,
    maskedFields: masked,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Contacts hang off a customer the actor can see; anything else is 404. */
async function visibleCustomer(ctx: CustomerCtx, customerId: string) {
  const customer = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId);
  if (!customer) throw notFound('customer');
  if (customer.anonymized_at) throw new AppError('customer_anonymized', 409);
  return customer;
}

function normalizeContact(ctx: CustomerCtx, body: Partial<ContactBody>) {
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  if (body.name !== undefined) values.name = cleanText(body.name);
  if (body.jobTitle !== undefined) values.job_title = body.jobTitle ? cleanText(body.jobTitle) : null;
  if (body.role !== undefined) values.role = body.role;
  if (body.strength !== undefined) values.strength = body.strength;
  if (body.phone !== undefined) {
    const phone = body.phone ? normalizeCnPhone(body.phone) : null;
    if (body.phone && !phone) problems.push(problem(ctx.actor, 'phone', 'invalid_phone_number', { value: body.phone }));
    values.phone = phone?.value ?? null;
  }
  if (body.email !== undefined) {
    const email = body.email ? cleanText(body.email).toLowerCase() : null;
    if (email && !EMAIL.safeParse(email).success) problems.push(problem(ctx.actor, 'email', 'invalid_email'));
    values.email = email;
  }
  if (body.wechat !== undefined) values.wechat = body.wechat ? cleanText(body.wechat) : null;
  if (body.isPrimary !== undefined) values.is_primary = body.isPrimary;
  if (body.notes !== undefined) values.notes = body.notes;
  if (problems.length > 0) throw validationError(problems);
  return values;
}

export async function listContacts(ctx: CustomerCtx, customerId: string): Promise<ContactView[]> {
  const customer = await repo.findCustomerInScope(ctx.kefu.db, ctx.actor, customerId);
  if (!customer) throw notFound('customer');
  const rows = await ctx.kefu.db
    .selectFrom('customer_contacts')
    .selectAll()
    .where('org_id', '=', ctx.actor.orgId)
    .where('customer_id', '=', customerId)
    .orderBy('is_primary', 'desc')
    .orderBy('strength', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => presentContact(ctx, r));
}

export async function createContact(ctx: CustomerCtx, customerId: string, body: ContactBody): Promise<ContactView> {
  await visibleCustomer(ctx, customerId);
  const values = normalizeContact(ctx, body);
  const id = uuidv7();
  const row = await ctx.kefu.db.transaction().execute(async (tx) => {
    await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
    // one primary contact per customer
    if (body.isPrimary) await tx.updateTable('customer_contacts').set({ is_primary: false }).where('org_id', '=', ctx.actor.orgId).where('customer_id', '=', customerId).execute();
    const inserted = await tx
      .insertInto('customer_contacts')
      .values({ ...(values as { name: string }), org_id: ctx.actor.orgId, id, customer_id: customerId, custom: {} })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(ctx.actor, { action: 'contact.create', entityType: 'customer', entityId: customerId, after: { contactId: id, ...values } }));
    return inserted;
  });
  return presentContact(ctx, row);
}

export async function updateContact(ctx: CustomerCtx, customerId: string, contactId: string, version: number, body: Partial<ContactBody>): Promise<ContactView> {
  await visibleCustomer(ctx, customerId);
  const values = normalizeContact(ctx, body);
  const row = await ctx.kefu.db.transaction().execute(async (tx) => {
    await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
    const current = await tx.selectFrom('customer_contacts').selectAll().where('org_id', '=', ctx.actor.orgId).where('id', '=', contactId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('contact');
    if (current.version !== version) throw preconditionFailed();
    if (body.isPrimary) await tx.updateTable('customer_contacts').set({ is_primary: false }).where('org_id', '=', ctx.actor.orgId).where('customer_id', '=', customerId).execute();
    const updated = await tx
      .updateTable('customer_contacts')
      .set({ ...values, version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', contactId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = Object.fromEntries(Object.keys(values).map((k) => [k, (current as Record<string, unknown>)[k]]));
    await recordAudit(tx, auditBy(ctx.actor, { action: 'contact.update', entityType: 'customer', entityId: customerId, before: { contactId, ...before }, after: { contactId, ...values } }));
    return updated;
  });
  return presentContact(ctx, row);
}

export async function deleteContact(ctx: CustomerCtx, customerId: string, contactId: string): Promise<void> {
  await visibleCustomer(ctx, customerId);
  await ctx.kefu.db.transaction().execute(async (tx) => {
    await assertCustomerWritable(tx, ctx.actor.orgId, customerId);
    const removed = await tx.deleteFrom('customer_contacts').where('org_id', '=', ctx.actor.orgId).where('id', '=', contactId).where('customer_id', '=', customerId).returningAll().executeTakeFirst();
    if (!removed) throw notFound('contact');
    await recordAudit(tx, auditBy(ctx.actor, { action: 'contact.delete', entityType: 'customer', entityId: customerId, before: { contactId, name: removed.name, phone: removed.phone, email: removed.email } }));
  });
}

/** Reveal loader for `contact`: a contact's phone or e-mail, if its customer is in the actor's scope. */
export const loadContactPii: RevealLoader = async (db, actor, id, field) => {
  const contact = await db.selectFrom('customer_contacts').select(['customer_id', 'phone', 'email']).where('org_id', '=', actor.orgId).where('id', '=', id).executeTakeFirst();
  if (!contact || !(await repo.findCustomerInScope(db, actor, contact.customer_id))) return null;
  return { value: field === 'phone' ? contact.phone : field === 'email' ? contact.email : null };
};
