import type { Selectable } from 'kysely';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { PositionsTable } from '../../platform/db-schema.js';
import { AppError, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { fieldError, isoDate, transactUnique, type OrgCtx } from './org.common.js';
import * as repo from './positions.repo.js';
import type { CreatePositionBody, PositionView, UpdatePositionBody } from './positions.schema.js';

type PositionRow = Selectable<PositionsTable>;

function present(row: PositionRow & { user_count: number | string | null }): PositionView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    responsibilities: row.responsibilities,
    requirements: row.requirements,
    userCount: Number(row.user_count ?? 0),
    version: row.version,
    createdAt: isoDate(row.created_at)!,
    updatedAt: isoDate(row.updated_at)!,
  };
}

const snapshot = (row: PositionRow) => ({
  code: row.code,
  name: row.name,
  nameEn: row.name_en,
  responsibilities: row.responsibilities,
  requirements: row.requirements,
});

export async function listPositions({ kefu, actor }: OrgCtx): Promise<PositionView[]> {
  return (await repo.listPositions(kefu.db, actor.orgId)).map(present);
}

export async function getPosition({ kefu, actor }: OrgCtx, id: string): Promise<PositionView> {
  const row = await repo.findPosition(kefu.db, actor.orgId, id);
  if (!row) throw notFound('position');
  return present(row);
}

export async function createPosition(ctx: OrgCtx, body: CreatePositionBody): Promise<PositionView> {
  const { actor } = ctx;
  const id = uuidv7();
  await transactUnique(ctx, { code: 'position_code_taken', field: 'code' }, async (tx) => {
    if (await repo.positionWithCode(tx, actor.orgId, body.code)) throw fieldError(actor, 'position_code_taken', 409, 'code');
    const row = await tx
      .insertInto('positions')
      .values({
        org_id: actor.orgId,
        id,
        code: body.code,
        name: body.name,
        name_en: body.nameEn ?? null,
        responsibilities: body.responsibilities ?? '',
        requirements: body.requirements ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auditBy(actor, { action: 'position.create', entityType: 'position', entityId: id, after: snapshot(row) }));
  });
  return getPosition(ctx, id);
}

export async function updatePosition(ctx: OrgCtx, id: string, version: number, body: UpdatePositionBody): Promise<PositionView> {
  const { actor } = ctx;
  await transactUnique(ctx, { code: 'position_code_taken', field: 'code' }, async (tx) => {
    const current = await repo.findPosition(tx, actor.orgId, id);
    if (!current) throw notFound('position');
    if (current.version !== version) throw preconditionFailed();
    if (body.code && body.code !== current.code && (await repo.positionWithCode(tx, actor.orgId, body.code, id))) {
      throw fieldError(actor, 'position_code_taken', 409, 'code');
    }
    const updated = await tx
      .updateTable('positions')
      .set({
        code: body.code ?? current.code,
        name: body.name ?? current.name,
        name_en: body.nameEn === undefined ? current.name_en : body.nameEn,
        responsibilities: body.responsibilities ?? current.responsibilities,
        requirements: body.requirements ?? current.requirements,
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw preconditionFailed();
    await recordAudit(tx, auditBy(actor, { action: 'position.update', entityType: 'position', entityId: id, before: snapshot(current), after: snapshot(updated) }));
  });
  return getPosition(ctx, id);
}

/** Deletes a position nobody holds; one still in use is refused with the count. */
export async function deletePosition({ kefu, actor }: OrgCtx, id: string, version: number | undefined): Promise<void> {
  await kefu.db.transaction().execute(async (tx) => {
    const current = await repo.findPosition(tx, actor.orgId, id);
    if (!current) throw notFound('position');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    const users = Number(current.user_count ?? 0);
    if (users > 0) throw new AppError('position_in_use', 409, { users });
    await tx.deleteFrom('positions').where('org_id', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(tx, auditBy(actor, { action: 'position.delete', entityType: 'position', entityId: id, before: snapshot(current) }));
  });
}
