import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { contactBody, contactView, invoiceBody, orderBody, paymentBody, productBody, updateContactBody } from '../../../shared/customers.js';
import * as consumption from './consumption.service.js';
import * as contacts from './contacts.service.js';
import { customerOverview } from './customer-overview.service.js';

const tags = ['customers'];
const childParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });
const anyObject = z.record(z.string(), z.unknown());

/** §2.2 contacts, §2.3 consumption data, §2.5 the 360 overview. */
export function registerCustomerDetailRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/overview',
    summary: 'The customer 360: card, contacts, consumption summary, portrait, feedback and status history',
    tags,
    permission: 'customers.read',
    params: idParams,
    handler: ({ kefu, actor, params }) => customerOverview({ kefu, actor }, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/customers/:id/contacts',
    summary: 'Contacts of an organization customer (the key-account contact map)',
    tags,
    permission: 'customers.read',
    params: idParams,
    response: z.array(contactView),
    handler: ({ kefu, actor, params }) => contacts.listContacts({ kefu, actor }, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/customers/:id/contacts',
    summary: 'Add a contact with role and relationship strength',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: contactBody,
    response: contactView,
    handler: ({ kefu, actor, params, body }) => contacts.createContact({ kefu, actor }, params.id, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/customers/:id/contacts/:childId',
    summary: 'Update a contact (If-Match)',
    tags,
    permission: 'customers.update',
    params: childParams,
    body: updateContactBody,
    response: contactView,
    handler: ({ kefu, actor, params, body, ifMatch }) => contacts.updateContact({ kefu, actor }, params.id, params.childId, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/customers/:id/contacts/:childId',
    summary: 'Remove a contact',
    tags,
    permission: 'customers.update',
    params: childParams,
    handler: ({ kefu, actor, params }) => contacts.deleteContact({ kefu, actor }, params.id, params.childId),
  });

  for (const [path, list, create, body] of [
    ['orders', consumption.listOrders, consumption.createOrder, orderBody],
    ['invoices', consumption.listInvoices, consumption.createInvoice, invoiceBody],
    ['payments', consumption.listPayments, consumption.createPayment, paymentBody],
  ] as const) {
    defineRoute(app, {
      method: 'GET',
      url: `/api/v1/customers/:id/${path}`,
      summary: `The customer’s ${path}, newest first`,
      tags,
      permission: 'customers.read',
      params: idParams,
      response: z.array(anyObject),
      handler: ({ kefu, actor, params }) => list({ kefu, actor }, params.id),
    });
    defineRoute(app, {
      method: 'POST',
      url: `/api/v1/customers/:id/${path}`,
      summary: `Record one of the customer’s ${path} (lands on the 360 timeline)`,
      tags,
      permission: 'customers.update',
      params: idParams,
      body: body as unknown as z.ZodType<unknown>,
      response: anyObject,
      handler: ({ kefu, actor, params, body: input }) => (create as (ctx: { kefu: typeof kefu; actor: typeof actor }, id: string, b: unknown) => Promise<Record<string, unknown>>)({ kefu, actor }, params.id, input),
    });
  }

  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/products',
    summary: 'The product catalogue (search by name or SKU prefix)',
    tags,
    permission: 'customers.read',
    query: z.strictObject({ q: z.string().trim().max(64).optional() }),
    response: z.array(anyObject),
    handler: ({ kefu, actor, query }) => consumption.listProducts({ kefu, actor }, query.q),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/products',
    summary: 'Add a product to the catalogue',
    tags,
    permission: 'customers.update',
    body: productBody,
    response: anyObject,
    handler: ({ kefu, actor, body }) => consumption.createProduct({ kefu, actor }, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/products/:id',
    summary: 'Update a product (If-Match)',
    tags,
    permission: 'customers.update',
    params: idParams,
    body: productBody.partial(),
    response: anyObject,
    handler: ({ kefu, actor, params, body, ifMatch }) => consumption.updateProduct({ kefu, actor }, params.id, ifMatch!, body),
  });
}
