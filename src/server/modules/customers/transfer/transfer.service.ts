import type { Kysely } from 'kysely';
import { departmentInScope, scopeOf } from '../../../platform/access.js';
import { auditBy, recordAudit } from '../../../platform/audit.js';
import type { DB } from '../../../platform/db-schema.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { type CustomerCtx, problem, validationError } from '../customers.common.js';
import { type Recipient, roundRobin, transferParticipants } from './transfer.registry.js';
import type { TransferBody, TransferPreview, TransferResult } from './transfer.schema.js';
import './transfer.customers.js';

type Person = { id: string; display_name: string; department_id: string | null; status: 'active' | 'disabled' };
type Named = Recipient & { displayName: string };

function findUser(db: Kysely<DB>, orgId: string, id: string): Promise<Person | undefined> {
  return db.selectFrom('users').select(['id', 'display_name', 'department_id', 'status']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/**
 * The person whose work is handed over: any user of the organization, disabled ones included
 * (someone who left is the usual case), whose department the caller's customers scope covers.
 * Outside the scope it is a 404, as for any object the caller may not see.
 */
async function loadFromOwner(ctx: CustomerCtx, db: Kysely<DB>, id: string): Promise<Person> {
  const { actor } = ctx;
  const user = await findUser(db, actor.orgId, id);
  if (!user) throw notFound('user');
  if (id !== actor.userId && scopeOf(actor, 'customers') !== 'all' && !(await departmentInScope(db, actor, 'customers', user.department_id))) {
    throw notFound('user');
  }
  return user;
}

/** `customers.service` checkOwner's rule: an active user whose department the caller's scope covers (or the caller). */
async function checkRecipient(ctx: CustomerCtx, db: Kysely<DB>, user: Person | undefined, field: string, fromId: string): Promise<Named> {
  const { actor } = ctx;
  if (!user || user.status !== 'active') throw validationError([problem(actor, field, 'transfer_unknown_recipient')]);
  if (user.id === fromId) throw validationError([problem(actor, field, 'transfer_to_self')]);
  if (user.id !== actor.userId && scopeOf(actor, 'customers') !== 'all' && !(await departmentInScope(db, actor, 'customers', user.department_id))) {
    throw new AppError('recipient_out_of_scope', 403, [{ path: ['body', ...field.split('.')], code: 'recipient_out_of_scope', message: t(actor.locale, 'errors.recipient_out_of_scope') }]);
  }
  return { userId: user.id, departmentId: user.department_id, displayName: user.display_name };
}

/** The recipients in the order items are dealt to them. */
async function resolveRecipients(ctx: CustomerCtx, db: Kysely<DB>, body: TransferBody): Promise<Named[]> {
  const { actor } = ctx;
  const given = [body.toOwnerId, body.toUserIds, body.toDepartmentId].filter((v) => v !== undefined).length;
  if (given !== 1) throw validationError([problem(actor, 'toOwnerId', 'transfer_target_required')]);
  if (body.toOwnerId) return [await checkRecipient(ctx, db, await findUser(db, actor.orgId, body.toOwnerId), 'toOwnerId', body.fromOwnerId)];
  if (body.toUserIds) {
    const ids = [...new Set(body.toUserIds)];
    const out: Named[] = [];
    for (const [i, id] of ids.entries()) out.push(await checkRecipient(ctx, db, await findUser(db, actor.orgId, id), `toUserIds.${i}`, body.fromOwnerId));
    return out;
  }
  const department = await db.selectFrom('departments').select('id').where('org_id', '=', actor.orgId).where('id', '=', body.toDepartmentId!).executeTakeFirst();
  if (!department) throw validationError([problem(actor, 'toDepartmentId', 'transfer_unknown_department')]);
  if (scopeOf(actor, 'customers') !== 'all' && !(await departmentInScope(db, actor, 'customers', department.id))) {
    throw new AppError('recipient_out_of_scope', 403, [{ path: ['body', 'toDepartmentId'], code: 'recipient_out_of_scope', message: t(actor.locale, 'errors.recipient_out_of_scope') }]);
  }
  const members = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'department_id'])
    .where('org_id', '=', actor.orgId)
    .where('department_id', '=', department.id)
    .where('status', '=', 'active')
    .where('id', '<>', body.fromOwnerId)
    .orderBy('username')
    .execute();
  if (members.length === 0) throw validationError([problem(actor, 'toDepartmentId', 'transfer_no_recipients')]);
  return members.map((m) => ({ userId: m.id, departmentId: m.department_id, displayName: m.display_name }));
}

/** §2.9 what a person holds: one count per registered participant (customers; tickets and tasks once they register). */
export async function previewTransfer(ctx: CustomerCtx, fromOwnerId: string): Promise<TransferPreview> {
  const { kefu, actor } = ctx;
  const from = await loadFromOwner(ctx, kefu.db, fromOwnerId);
  const counts: Record<string, number> = {};
  for (const p of transferParticipants()) counts[p.name] = await p.count(kefu.db, actor.orgId, from.id);
  return { fromOwner: { id: from.id, displayName: from.display_name, status: from.status, departmentId: from.department_id }, counts };
}

/**
 * Hands everything a person holds to one or several others in one transaction and one audit
 * entry, so the customer file survives staff turnover (客户资料不因人员变动而流失).
 */
export async function transferOwnership(ctx: CustomerCtx, body: TransferBody): Promise<TransferResult> {
  const { kefu, actor } = ctx;
  return kefu.db.transaction().execute(async (tx) => {
    const from = await loadFromOwner(ctx, tx, body.fromOwnerId);
    const recipients = await resolveRecipients(ctx, tx, body);
    const dealer = roundRobin(recipients);
    const counts: Record<string, number> = {};
    const perRecipient = new Map(recipients.map((r) => [r.userId, {} as Record<string, number>]));
    for (const p of transferParticipants()) {
      const tally = new Map<string, number>();
      counts[p.name] = await p.transfer(tx, actor.orgId, from.id, dealer.forParticipant(tally), { actorId: actor.userId, reason: body.reason });
      for (const r of recipients) perRecipient.get(r.userId)![p.name] = tally.get(r.userId) ?? 0;
    }
    const split = recipients.map((r) => ({ userId: r.userId, displayName: r.displayName, departmentId: r.departmentId, counts: perRecipient.get(r.userId)! }));
    const mode = body.toOwnerId ? 'user' : body.toUserIds ? 'users' : 'department';
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'customer.transfer',
        entityType: 'user',
        entityId: from.id,
        before: { ownerId: from.id, ownerName: from.display_name, ownerStatus: from.status },
        after: { mode, toDepartmentId: body.toDepartmentId ?? null, counts, split },
        reason: body.reason,
      }),
    );
    return { fromOwnerId: from.id, counts, recipients: split };
  });
}
