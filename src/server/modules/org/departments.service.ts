import { auditBy, recordAudit } from '../../platform/audit.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import * as repo from './departments.repo.js';
import { departmentSnapshot, presentDepartment } from './departments.presenter.js';
import type { CreateDepartmentBody, DepartmentView, UpdateDepartmentBody } from './departments.schema.js';
import { fieldError, transactUnique, type OrgCtx } from './org.common.js';

export async function listDepartments({ kefu, actor }: OrgCtx): Promise<DepartmentView[]> {
  const rows = await repo.listDepartments(kefu.db, actor.orgId);
  return rows.map((r) => presentDepartment(r, Number(r.member_count)));
}

export async function getDepartment({ kefu, actor }: OrgCtx, id: string): Promise<DepartmentView> {
  const row = await repo.findDepartment(kefu.db, actor.orgId, id);
  if (!row) throw notFound('department');
  return presentDepartment(row, await repo.memberCount(kefu.db, actor.orgId, id));
}

export async function createDepartment(ctx: OrgCtx, body: CreateDepartmentBody): Promise<DepartmentView> {
  const { actor } = ctx;
  const id = uuidv7();
  const parentId = body.parentId ?? null;
  await transactUnique(ctx, { code: 'department_code_taken', field: 'code' }, async (tx) => {
    await repo.lockOrgTree(tx, actor.orgId);
    let path = `/${id}/`;
    if (parentId) {
      const parent = await repo.findDepartment(tx, actor.orgId, parentId);
      if (!parent) throw fieldError(actor, 'unknown_department', 400, 'parentId');
      path = `${parent.path}${id}/`;
    }
    if (await repo.siblingNamed(tx, actor.orgId, parentId, body.name)) throw fieldError(actor, 'department_name_taken', 409, 'name');
    if (body.code && (await repo.departmentWithCode(tx, actor.orgId, body.code))) throw fieldError(actor, 'department_code_taken', 409, 'code');
    const row = await tx
      .insertInto('departments')
      .values({ org_id: actor.orgId, id, parent_id: parentId, name: body.name, code: body.code ?? null, sort: body.sort ?? 0, path })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(actor, { action: 'department.create', entityType: 'department', entityId: id, after: departmentSnapshot(row) }));
  });
  return getDepartment(ctx, id);
}

/**
 * Renames, re-codes, re-sorts or moves a department. A move takes the whole subtree along:
 * every descendant's materialized path is rewritten in the same transaction, and a move
 * under itself or under one of its own descendants is refused.
 */
export async function updateDepartment(ctx: OrgCtx, id: string, version: number, body: UpdateDepartmentBody): Promise<DepartmentView> {
  const { kefu, actor } = ctx;
  await kefu.db.transaction().execute(async (tx) => {
    await repo.lockOrgTree(tx, actor.orgId);
    const current = await repo.findDepartment(tx, actor.orgId, id);
    if (!current) throw notFound('department');
    if (current.version !== version) throw preconditionFailed();
    const parentId = body.parentId === undefined ? current.parent_id : body.parentId;
    let path = current.path;
    if (parentId !== current.parent_id) {
      let parentPath = '/';
      if (parentId) {
        if (parentId === id) throw fieldError(actor, 'department_cycle', 409, 'parentId');
        const parent = await repo.findDepartment(tx, actor.orgId, parentId);
        if (!parent) throw fieldError(actor, 'unknown_department', 400, 'parentId');
        // The new parent lies in this department's own subtree: the move would make a loop.
        if (parent.path.startsWith(current.path)) throw fieldError(actor, 'department_cycle', 409, 'parentId');
        parentPath = parent.path;
      }
      path = `${parentPath}${id}/`;
    }
    const name = body.name ?? current.name;
    if ((name !== current.name || parentId !== current.parent_id) && (await repo.siblingNamed(tx, actor.orgId, parentId, name, id))) {
      throw fieldError(actor, 'department_name_taken', 409, 'name');
    }
    const code = body.code === undefined ? current.code : body.code;
    if (code && code !== current.code && (await repo.departmentWithCode(tx, actor.orgId, code, id))) {
      throw fieldError(actor, 'department_code_taken', 409, 'code');
    }
    const moved = path !== current.path ? await repo.rewriteSubtreePaths(tx, actor.orgId, current.path, path) : 0;
    const updated = await tx
      .updateTable('departments')
      .set({ name, code, parent_id: parentId, sort: body.sort ?? current.sort, version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    await recordAudit(
      tx,
      auditBy(actor, {
        action: moved > 0 ? 'department.move' : 'department.update',
        entityType: 'department',
        entityId: id,
        before: departmentSnapshot(current),
        after: { ...departmentSnapshot(updated), ...(moved > 0 ? { movedDepartments: moved } : {}) },
      }),
    );
  });
  return getDepartment(ctx, id);
}

/** Soft-deletes an empty department; one with sub-departments or members is refused. */
export async function deleteDepartment(ctx: OrgCtx, id: string, version: number | undefined): Promise<void> {
  const { kefu, actor } = ctx;
  await kefu.db.transaction().execute(async (tx) => {
    await repo.lockOrgTree(tx, actor.orgId);
    const current = await repo.findDepartment(tx, actor.orgId, id);
    if (!current) throw notFound('department');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    const children = await repo.childCount(tx, actor.orgId, id);
    if (children > 0) throw new AppError('department_has_children', 409, { children });
    const members = await repo.memberCount(tx, actor.orgId, id);
    if (members > 0) throw new AppError('department_has_members', 409, { members });
    await tx
      .updateTable('departments')
      .set({ deleted_at: new Date(), version: current.version + 1, updated_at: new Date() })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, auditBy(actor, { action: 'department.delete', entityType: 'department', entityId: id, before: departmentSnapshot(current) }));
  });
}
