import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TICKET_TYPES } from '../../../shared/tickets.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { defineRoute, idParams } from '../../platform/http/route.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Selectable } from 'kysely';
import type { TicketCategoriesTable } from './service-desk.tables.js';
import { invalidField, type TicketCtx } from './tickets.common.js';

/** §5.1 the category tree under each ticket type: routes, rules and queries in one small file. */

type CategoryRow = Selectable<TicketCategoriesTable>;
const categoryView = z.object({
  id: z.string(),
  ticketType: z.enum(TICKET_TYPES),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
});
type CategoryView = z.infer<typeof categoryView>;
const present = (r: CategoryRow): CategoryView => ({ id: r.id, ticketType: r.ticket_type, parentId: r.parent_id, name: r.name, nameEn: r.name_en, sort: r.sort, active: r.active, version: r.version });

const createBody = z.strictObject({
  ticketType: z.enum(TICKET_TYPES),
  parentId: z.uuid().nullish(),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(60).nullish(),
  sort: z.number().int().min(-10_000).max(10_000).default(0),
});
const updateBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  nameEn: z.string().trim().max(60).nullish(),
  sort: z.number().int().min(-10_000).max(10_000).optional(),
  active: z.boolean().optional(),
});

async function listCategories({ kefu, actor }: TicketCtx, type?: string): Promise<CategoryView[]> {
  let q = kefu.db.selectFrom('ticket_categories').selectAll().where('org_id', '=', actor.orgId);
  if (type) q = q.where('ticket_type', '=', type as CategoryRow['ticket_type']);
  return (await q.orderBy('ticket_type').orderBy('sort').orderBy('name').execute()).map(present);
}

async function createCategory(ctx: TicketCtx, body: z.infer<typeof createBody>): Promise<CategoryView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    if (body.parentId) {
      const parent = await tx.selectFrom('ticket_categories').select(['ticket_type']).where('org_id', '=', actor.orgId).where('id', '=', body.parentId).executeTakeFirst();
      if (!parent) throw invalidField(actor, 'parentId', 'ticket_category_unknown');
      if (parent.ticket_type !== body.ticketType) throw invalidField(actor, 'parentId', 'ticket_category_mismatch');
    }
    const row = await tx
      .insertInto('ticket_categories')
      .values({ org_id: actor.orgId, id: uuidv7(), ticket_type: body.ticketType, parent_id: body.parentId ?? null, name: body.name, name_en: body.nameEn || null, sort: body.sort })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_category.create', entityType: 'ticket_category', entityId: row.id, after: present(row) }));
    return present(row);
  });
}

async function updateCategory(ctx: TicketCtx, id: string, version: number, body: z.infer<typeof updateBody>): Promise<CategoryView> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('ticket_categories').selectAll().where('org_id', '=', actor.orgId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('ticket_category');
    if (current.version !== version) throw preconditionFailed();
    const row = await tx
      .updateTable('ticket_categories')
      .set({ name: body.name, name_en: body.nameEn === undefined ? undefined : body.nameEn || null, sort: body.sort, active: body.active, version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_category.update', entityType: 'ticket_category', entityId: id, before: present(current), after: present(row) }));
    return present(row);
  });
}

/** Only an unused leaf can go; a category tickets were filed under is deactivated instead. */
async function deleteCategory(ctx: TicketCtx, id: string): Promise<void> {
  const { kefu, actor } = ctx;
  await kefu.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('ticket_categories').selectAll().where('org_id', '=', actor.orgId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('ticket_category');
    const child = await tx.selectFrom('ticket_categories').select('id').where('org_id', '=', actor.orgId).where('parent_id', '=', id).limit(1).executeTakeFirst();
    const used = await tx.selectFrom('tickets').select('id').where('org_id', '=', actor.orgId).where('category_id', '=', id).limit(1).executeTakeFirst();
    if (child || used) throw new AppError('ticket_category_in_use', 409);
    await tx.deleteFrom('ticket_categories').where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'ticket_category.delete', entityType: 'ticket_category', entityId: id, before: present(current) }));
  });
}

export function registerTicketCategoryRoutes(app: FastifyInstance): void {
  const tags = ['tickets'];
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/ticket-categories',
    summary: 'Ticket categories of every type (or one), in tree order',
    tags,
    permission: ['tickets.read', 'tickets.configure'],
    query: z.strictObject({ type: z.enum(TICKET_TYPES).optional() }),
    response: z.array(categoryView),
    handler: ({ kefu, actor, query }) => listCategories({ kefu, actor }, query.type),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/v1/ticket-categories',
    summary: 'Add a category under a ticket type (optionally under a parent of the same type)',
    tags,
    permission: 'tickets.configure',
    body: createBody,
    response: categoryView,
    handler: ({ kefu, actor, body }) => createCategory({ kefu, actor }, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/v1/ticket-categories/:id',
    summary: 'Rename, reorder or deactivate a category (If-Match)',
    tags,
    permission: 'tickets.configure',
    params: idParams,
    body: updateBody,
    response: categoryView,
    handler: ({ kefu, actor, params, body, ifMatch }) => updateCategory({ kefu, actor }, params.id, ifMatch!, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/v1/ticket-categories/:id',
    summary: 'Delete an unused category without children (else 409: deactivate it)',
    tags,
    permission: 'tickets.configure',
    params: idParams,
    handler: ({ kefu, actor, params }) => deleteCategory({ kefu, actor }, params.id),
  });
}
