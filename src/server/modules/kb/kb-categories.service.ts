import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { presentCategory, type KbCategoryDto } from './kb.presenter.js';
import * as repo from './kb.repo.js';
import type { CategoryCreate, CategoryUpdate } from './kb.schema.js';

/** Knowledge-base categories: a tree (parent_id), at most MAX_DEPTH levels. */
const MAX_DEPTH = 5;

export async function listCategories(db: Kysely<DB>, orgId: string): Promise<KbCategoryDto[]> {
  return (await repo.listCategories(db, orgId)).map(presentCategory);
}

/** The category and every category under it (for "articles in this category"). */
export async function categoryAndDescendants(db: Kysely<DB>, orgId: string, id: string): Promise<string[]> {
  const all = await repo.listCategories(db, orgId);
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const c of all) if (c.parent_id === out[i]) out.push(c.id);
  return out;
}

const badParent = () => new AppError('kb_category_parent_invalid', 400, { path: ['body', 'parentId'] });

async function checkParent(db: Kysely<DB>, orgId: string, id: string | null, parentId: string): Promise<void> {
  const all = await repo.listCategories(db, orgId);
  const byId = new Map(all.map((c) => [c.id, c]));
  if (!byId.has(parentId)) throw badParent();
  // walking up from the new parent must not meet the category itself (no cycles)
  let depth = 1;
  for (let at: string | null = parentId; at; at = byId.get(at)?.parent_id ?? null) {
    if (at === id) throw badParent();
    depth += 1;
    if (depth > MAX_DEPTH) throw new AppError('kb_category_too_deep', 400, { path: ['body', 'parentId'], max: MAX_DEPTH });
  }
}

export async function createCategory(db: Kysely<DB>, actor: Actor, input: CategoryCreate): Promise<KbCategoryDto> {
  return db.transaction().execute(async (tx) => {
    if (input.parentId) await checkParent(tx, actor.orgId, null, input.parentId);
    const row = await repo.insertCategory(tx, { org_id: actor.orgId, id: uuidv7(), parent_id: input.parentId ?? null, name: input.name, name_en: input.nameEn || null, sort: input.sort });
    const dto = presentCategory(row);
    await recordAudit(tx, auditBy(actor, { action: 'kb_category.create', entityType: 'kb_category', entityId: row.id, after: dto }));
    return dto;
  });
}

export async function updateCategory(db: Kysely<DB>, actor: Actor, id: string, input: CategoryUpdate): Promise<KbCategoryDto> {
  return db.transaction().execute(async (tx) => {
    const current = await repo.findCategory(tx, actor.orgId, id);
    if (!current) throw notFound('kb_category');
    if (input.parentId) await checkParent(tx, actor.orgId, id, input.parentId);
    const updated = await repo.updateCategory(tx, actor.orgId, id, {
      name: input.name,
      name_en: input.nameEn === undefined ? undefined : input.nameEn || null,
      parent_id: input.parentId,
      sort: input.sort,
    });
    const dto = presentCategory(updated!);
    await recordAudit(tx, auditBy(actor, { action: 'kb_category.update', entityType: 'kb_category', entityId: id, before: presentCategory(current), after: dto }));
    return dto;
  });
}

/** Only an empty category goes: its articles and subcategories would lose their place. */
export async function deleteCategory(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await repo.findCategory(tx, actor.orgId, id);
    if (!current) throw notFound('kb_category');
    const use = await repo.categoryInUse(tx, actor.orgId, id);
    if (use.children > 0 || use.articles > 0) throw conflict('kb_category_not_empty', use);
    await repo.deleteCategory(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'kb_category.delete', entityType: 'kb_category', entityId: id, before: presentCategory(current) }));
  });
}
