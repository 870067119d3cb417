import type { Kysely } from 'kysely';
import { validateCustomValues } from '../../../shared/custom-fields.js';
import type { AfterSalesSubtype, TicketType } from '../../../shared/tickets.js';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db-schema.js';
import { listCustomFieldDefs } from '../config/custom-fields.service.js';
import { type CustomerBrief, lockCustomerForWork } from '../customers/customer-lookup.service.js';
import { type FieldProblem, problem } from './tickets.common.js';
import * as repo from './tickets.repo.js';

/**
 * Checks of a ticket's classification and references, shared by create and update. Each
 * returns field problems rather than throwing, so a form gets every message at once.
 */

export function checkSubtype(actor: Actor, type: TicketType, subtype: AfterSalesSubtype | null | undefined): FieldProblem[] {
  if (type === 'after_sales' && !subtype) return [problem(actor, 'subtype', 'ticket_subtype_required')];
  if (type !== 'after_sales' && subtype) return [problem(actor, 'subtype', 'ticket_subtype_only_after_sales')];
  return [];
}

export async function checkCategory(db: Kysely<DB>, actor: Actor, type: TicketType, categoryId: string | null | undefined): Promise<FieldProblem[]> {
  if (!categoryId) return [];
  const category = await repo.findCategory(db, actor.orgId, categoryId);
  if (!category || !category.active) return [problem(actor, 'categoryId', 'ticket_category_unknown')];
  if (category.ticket_type !== type) return [problem(actor, 'categoryId', 'ticket_category_mismatch')];
  return [];
}

/** The customer (share-locked for the transaction) if it exists and still takes work. */
export async function checkCustomer(tx: Kysely<DB>, actor: Actor, customerId: string | null | undefined): Promise<{ customer: CustomerBrief | null; problems: FieldProblem[] }> {
  if (!customerId) return { customer: null, problems: [] };
  const customer = await lockCustomerForWork(tx, actor.orgId, customerId);
  if (!customer) return { customer: null, problems: [problem(actor, 'customerId', 'ticket_customer_unknown')] };
  if (customer.mergedIntoId) return { customer: null, problems: [problem(actor, 'customerId', 'ticket_customer_merged')] };
  if (customer.anonymized) return { customer: null, problems: [problem(actor, 'customerId', 'ticket_customer_anonymized')] };
  return { customer, problems: [] };
}

export async function checkContact(db: Kysely<DB>, actor: Actor, customerId: string | null | undefined, contactId: string | null | undefined): Promise<FieldProblem[]> {
  if (!contactId) return [];
  if (!customerId || !(await repo.contactOf(db, actor.orgId, customerId, contactId))) return [problem(actor, 'contactId', 'ticket_contact_unknown')];
  return [];
}

/** Custom values of a ticket of `type`: the fields that apply to every type or to this one. */
export async function checkCustom(
  db: Kysely<DB>,
  actor: Actor,
  type: TicketType,
  values: Record<string, unknown>,
  opts: { partial?: boolean } = {},
): Promise<{ values: Record<string, unknown>; problems: FieldProblem[] }> {
  const defs = (await listCustomFieldDefs(db, actor.orgId, 'ticket')).filter((d) => {
    const types = (d as { ticketTypes?: string[] }).ticketTypes ?? [];
    return types.length === 0 || types.includes(type);
  });
  const result = validateCustomValues(defs, values, actor.locale, opts);
  return {
    values: result.values,
    problems: result.errors.map((e) => ({ field: `custom.${e.key}`, code: e.code, message: e.message })),
  };
}
