import { auditBy, recordAudit } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { CustomerCtx } from '../customers.common.js';
import * as repo from '../customers.repo.js';
import { anonymizeCustomer } from './anonymize.js';
import type { AnonymizeResult } from './privacy.schema.js';

/**
 * Anonymizes a customer on request (PIPL art. 47 deletion). The audit entry names the fields
 * that were cleared and never their values. Earlier audit entries keep what they recorded then
 * (masked phones, ID number masks, names): the log is a hash chain, so rewriting them would
 * break its verification; they are read only by auditors under `audit.read`.
 */
export async function anonymizeOnRequest(ctx: CustomerCtx, customerId: string, reason: string): Promise<AnonymizeResult> {
  const { kefu, actor } = ctx;
  const visible = await repo.findCustomerInScope(kefu.db, actor, customerId);
  if (!visible) throw notFound('customer');
  // A merged-away record follows its survivor: anonymizing the survivor takes it along.
  if (visible.merged_into_id) throw new AppError('customer_merged', 409, { mergedIntoId: visible.merged_into_id });
  if (visible.anonymized_at) throw new AppError('customer_anonymized', 409);
  return kefu.db.transaction().execute(async (tx) => {
    const outcome = await anonymizeCustomer(tx, { orgId: actor.orgId, customerId, actorId: actor.userId, via: 'request' });
    if (!outcome) throw new AppError('customer_anonymized', 409);
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'customer.anonymize',
        entityType: 'customer',
        entityId: customerId,
        after: { clearedFields: outcome.clearedFields, cascaded: outcome.cascaded, anonymizedAt: outcome.anonymizedAt.toISOString() },
        reason,
      }),
    );
    return { id: customerId, anonymizedAt: outcome.anonymizedAt.toISOString(), clearedFields: outcome.clearedFields, cascaded: outcome.cascaded };
  });
}
