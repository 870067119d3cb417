import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, badRequest, conflict, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { buildTree, type PicklistDto, type PicklistNode, presentItem, presentPicklist } from './picklists.presenter.js';
import * as repo from './picklists.repo.js';
import { ITEM_CODE, PICKLIST_CODE, type ItemCreate, type ItemUpdate, type PicklistCreate, type PicklistUpdate, type ReorderInput } from './picklists.schema.js';
import { Issues, isUniqueViolation } from './issues.js';

/** Category trees deeper than this stop being usable in a dropdown. */
export const MAX_DEPTH = 5;

async function mustFindList(db: Kysely<DB>, actor: Actor, code: string): Promise<repo.PicklistRow> {
  const list = await repo.findPicklist(db, actor.orgId, code);
  if (!list) throw notFound('picklist');
  return list;
}

/** Depth of each item (roots are 1) and the ids under each item. */
function treeIndex(items: repo.ItemRow[]) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const children = new Map<string, string[]>();
  for (const i of items) if (i.parent_id) children.set(i.parent_id, [...(children.get(i.parent_id) ?? []), i.id]);
  const depth = (id: string): number => {
    let d = 0;
    for (let cur = byId.get(id); cur && d <= items.length; cur = cur.parent_id ? byId.get(cur.parent_id) : undefined) d++;
    return d;
  };
  const descendants = (id: string): string[] => {
    const out: string[] = [];
    const stack = [...(children.get(id) ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      out.push(next);
      stack.push(...(children.get(next) ?? []));
    }
    return out;
  };
  const height = (id: string): number => 1 + Math.max(0, ...(children.get(id) ?? []).map(height));
  return { byId, children, depth, descendants, height };
}

export async function listPicklists(db: Kysely<DB>, actor: Actor): Promise<(PicklistDto & { itemCount: number })[]> {
  return (await repo.listPicklists(db, actor.orgId)).map((r) => ({ ...presentPicklist(r), itemCount: r.item_count }));
}

export async function getPicklist(db: Kysely<DB>, actor: Actor, code: string, includeInactive: boolean): Promise<PicklistDto & { items: PicklistNode[] }> {
  const list = await mustFindList(db, actor, code);
  return { ...presentPicklist(list), items: buildTree(await repo.listItems(db, actor.orgId, list.id), includeInactive) };
}

export async function listItems(db: Kysely<DB>, actor: Actor, code: string, includeInactive: boolean): Promise<PicklistNode[]> {
  const list = await mustFindList(db, actor, code);
  return buildTree(await repo.listItems(db, actor.orgId, list.id), includeInactive);
}

export async function createPicklist(db: Kysely<DB>, actor: Actor, input: PicklistCreate): Promise<PicklistDto> {
  const issues = new Issues(actor.locale);
  if (!PICKLIST_CODE.test(input.code)) issues.add(['body', 'code'], 'invalid_key', { value: input.code });
  issues.throwIfAny();
  const taken = () => conflict('picklist_code_taken', { code: input.code });
  try {
    return await db.transaction().execute(async (tx) => {
      if (await repo.findPicklist(tx, actor.orgId, input.code)) throw taken();
      const row = await repo.insertPicklist(tx, { org_id: actor.orgId, id: uuidv7(), code: input.code, name: input.name, name_en: input.nameEn || null, hierarchical: input.hierarchical });
      const dto = presentPicklist(row);
      await recordAudit(tx, auditBy(actor, { action: 'picklist.create', entityType: 'picklist', entityId: row.id, after: dto }));
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

export async function updatePicklist(db: Kysely<DB>, actor: Actor, code: string, version: number, input: PicklistUpdate): Promise<PicklistDto> {
  return db.transaction().execute(async (tx) => {
    const current = await mustFindList(tx, actor, code);
    if (current.version !== version) throw preconditionFailed();
    const updated = await repo.updatePicklist(tx, actor.orgId, current.id, version, {
      name: input.name,
      name_en: input.nameEn === undefined ? undefined : input.nameEn || null,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentPicklist(updated);
    await recordAudit(tx, auditBy(actor, { action: 'picklist.update', entityType: 'picklist', entityId: current.id, before: presentPicklist(current), after: dto }));
    return dto;
  });
}

/** Checks that `parentId` can hold a subtree of `height` levels in this list. */
function checkParent(list: repo.PicklistRow, index: ReturnType<typeof treeIndex>, parentId: string, height: number): repo.ItemRow {
  if (!list.hierarchical) throw badRequest('picklist_not_hierarchical');
  const parent = index.byId.get(parentId);
  if (!parent) throw new AppError('picklist_parent_invalid', 400, { parentId });
  if (!parent.active) throw conflict('picklist_parent_inactive', { parentId });
  if (index.depth(parentId) + height > MAX_DEPTH) throw new AppError('picklist_too_deep', 400, { max: MAX_DEPTH });
  return parent;
}

export async function createItem(db: Kysely<DB>, actor: Actor, code: string, input: ItemCreate): Promise<PicklistNode> {
  const issues = new Issues(actor.locale);
  if (input.code !== undefined && !ITEM_CODE.test(input.code)) issues.add(['body', 'code'], 'invalid_item_code', { value: input.code });
  issues.throwIfAny();
  const itemCode = input.code ?? `i_${randomBytes(5).toString('hex')}`;
  const taken = () => conflict('picklist_item_code_taken', { code: itemCode });
  try {
    return await db.transaction().execute(async (tx) => {
      const list = await mustFindList(tx, actor, code);
      await repo.lockPicklist(tx, actor.orgId, list.id);
      const items = await repo.listItems(tx, actor.orgId, list.id);
      const parentId = input.parentId ?? null;
      if (parentId) checkParent(list, treeIndex(items), parentId, 1);
      if (items.some((i) => i.code === itemCode)) throw taken();
      const siblings = items.filter((i) => i.parent_id === parentId);
      const sort = input.sort ?? Math.max(0, ...siblings.map((s) => s.sort)) + 10;
      const row = await repo.insertItem(tx, {
        org_id: actor.orgId,
        id: uuidv7(),
        picklist_id: list.id,
        parent_id: parentId,
        code: itemCode,
        label: input.label,
        label_en: input.labelEn || null,
        sort,
      });
      const dto = presentItem(row);
      await recordAudit(tx, auditBy(actor, { action: 'picklist_item.create', entityType: 'picklist_item', entityId: row.id, after: { picklist: list.code, ...dto } }));
      return { ...dto, children: [] };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

/**
 * Edits an item. Moving it checks the target is in the same list, not inside the item itself,
 * and keeps the tree within MAX_DEPTH. Deactivating hides its whole subtree too; reactivating
 * needs an active parent.
 */
export async function updateItem(db: Kysely<DB>, actor: Actor, code: string, id: string, version: number, input: ItemUpdate): Promise<PicklistNode> {
  return db.transaction().execute(async (tx) => {
    const list = await mustFindList(tx, actor, code);
    await repo.lockPicklist(tx, actor.orgId, list.id);
    const items = await repo.listItems(tx, actor.orgId, list.id);
    const index = treeIndex(items);
    const current = index.byId.get(id);
    if (!current) throw notFound('picklist_item');
    if (current.version !== version) throw preconditionFailed();
    const moving = input.parentId !== undefined && input.parentId !== current.parent_id;
    if (moving && input.parentId) {
      if (input.parentId === id || index.descendants(id).includes(input.parentId)) throw new AppError('picklist_parent_invalid', 400, { parentId: input.parentId });
      checkParent(list, index, input.parentId, index.height(id));
    }
    const parentId = moving ? (input.parentId ?? null) : current.parent_id;
    if (input.active === true && !current.active && parentId && !index.byId.get(parentId)?.active) throw conflict('picklist_parent_inactive', { parentId });
    const cascaded = input.active === false && current.active ? index.descendants(id).filter((d) => index.byId.get(d)!.active) : [];
    const updated = await repo.updateItem(tx, actor.orgId, id, version, {
      label: input.label,
      label_en: input.labelEn === undefined ? undefined : input.labelEn || null,
      parent_id: moving ? parentId : undefined,
      sort: input.sort,
      active: input.active,
    });
    if (!updated) throw preconditionFailed();
    await repo.setItemsActive(tx, actor.orgId, cascaded, false);
    const dto = presentItem(updated);
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'picklist_item.update',
        entityType: 'picklist_item',
        entityId: id,
        before: { picklist: list.code, ...presentItem(current) },
        after: { picklist: list.code, ...dto, ...(cascaded.length ? { deactivatedDescendants: cascaded.map((d) => index.byId.get(d)!.code) } : {}) },
      }),
    );
    const fresh = await repo.listItems(tx, actor.orgId, list.id);
    const find = (nodes: PicklistNode[]): PicklistNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const hit = find(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    return find(buildTree(fresh, true)) ?? { ...dto, children: [] };
  });
}

/** Puts every child of one parent in the given order (sort 10, 20, …). */
export async function reorderItems(db: Kysely<DB>, actor: Actor, code: string, input: ReorderInput): Promise<PicklistNode[]> {
  return db.transaction().execute(async (tx) => {
    const list = await mustFindList(tx, actor, code);
    await repo.lockPicklist(tx, actor.orgId, list.id);
    const items = await repo.listItems(tx, actor.orgId, list.id);
    const siblings = items.filter((i) => i.parent_id === input.parentId);
    const wanted = new Set(input.ids);
    if (wanted.size !== input.ids.length || siblings.length !== wanted.size || siblings.some((s) => !wanted.has(s.id))) {
      throw new AppError('picklist_reorder_mismatch', 400, { expected: siblings.map((s) => s.id) });
    }
    const before = siblings.map((s) => s.code);
    const byId = new Map(siblings.map((s) => [s.id, s]));
    for (const [i, itemId] of input.ids.entries()) {
      const sort = (i + 1) * 10;
      if (byId.get(itemId)!.sort !== sort) await repo.setItemSort(tx, actor.orgId, itemId, sort);
    }
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'picklist_item.reorder',
        entityType: 'picklist',
        entityId: list.id,
        before: { parentId: input.parentId, order: before },
        after: { parentId: input.parentId, order: input.ids.map((i) => byId.get(i)!.code) },
      }),
    );
    return buildTree(await repo.listItems(tx, actor.orgId, list.id), true);
  });
}
