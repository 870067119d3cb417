import { fieldRule } from '../../platform/access.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { fieldError, type OrgCtx } from './org.common.js';
import { revealable } from './reveal.registry.js';
import type { RevealBody } from './reveal.schema.js';

/**
 * Shows one masked value in full (§1.2). The caller needs `pii.reveal` (checked by the route)
 * and a reason; the object must lie in their scope (else 404). The reveal is audited with the
 * entity, field and reason — never the value — before the value leaves the server.
 */
export async function reveal({ kefu, actor }: OrgCtx, body: RevealBody): Promise<{ value: string | null }> {
  const target = revealable(body.entity);
  if (!target) throw fieldError(actor, 'not_revealable', 400, 'entity');
  if (!target.fields.includes(body.field)) throw fieldError(actor, 'not_revealable', 400, 'field');
  // "hide" means this role is not to see the field at all, not even on request.
  if (fieldRule(actor, body.field) === 'hide') throw fieldError(actor, 'field_hidden', 403, 'field');
  return kefu.db.transaction().execute(async (tx) => {
    const loaded = await target.loader(tx, actor, body.id, body.field, kefu);
    if (!loaded) throw notFound(body.entity);
    await recordAudit(
      tx,
      auditBy(actor, {
        action: 'pii.reveal',
        entityType: body.entity,
        entityId: body.id,
        after: { field: body.field },
        reason: body.reason,
      }),
    );
    return { value: loaded.value };
  });
}
