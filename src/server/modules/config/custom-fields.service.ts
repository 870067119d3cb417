import type { Kysely } from 'kysely';
import { CUSTOM_FIELD_KEY, type CustomFieldDef, type CustomFieldEntity, type CustomFieldOption, type CustomFieldType } from '../../../shared/custom-fields.js';
import type { Actor } from '../../platform/actor.js';
import { auditBy, recordAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-schema.js';
import { conflict, notFound, preconditionFailed } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import * as repo from './custom-fields.repo.js';
import { type CustomFieldDto, presentCustomField, toStoredOptions } from './custom-fields.presenter.js';
import type { CustomFieldCreate, CustomFieldUpdate } from './custom-fields.schema.js';
import { Issues, isUniqueViolation } from './issues.js';

const SELECT_TYPES: ReadonlySet<CustomFieldType> = new Set(['select', 'multiselect']);

function checkOptions(issues: Issues, type: CustomFieldType, options: CustomFieldOption[] | undefined, creating: boolean): void {
  if (!SELECT_TYPES.has(type)) {
    if (options && options.length > 0) issues.add(['body', 'options'], 'options_not_allowed');
    return;
  }
  if (options === undefined && !creating) return;
  if (!options || options.length === 0) {
    issues.add(['body', 'options'], 'options_required');
    return;
  }
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o.value)) issues.add(['body', 'options', i, 'value'], 'option_duplicate', { value: o.value });
    seen.add(o.value);
  });
}

export async function listCustomFields(db: Kysely<DB>, actor: Actor, filter: { entity?: CustomFieldEntity; active?: boolean }): Promise<CustomFieldDto[]> {
  return (await repo.listCustomFields(db, actor.orgId, filter)).map(presentCustomField);
}

export async function getCustomField(db: Kysely<DB>, actor: Actor, id: string): Promise<CustomFieldDto> {
  const row = await repo.findCustomField(db, actor.orgId, id);
  if (!row) throw notFound('custom_field');
  return presentCustomField(row);
}

/** Definitions of one entity's fields, for validating a record's values with `validateCustomValues`. */
export async function listCustomFieldDefs(db: Kysely<DB>, orgId: string, entity: CustomFieldEntity): Promise<CustomFieldDef[]> {
  return (await repo.listCustomFields(db, orgId, { entity })).map(presentCustomField);
}

export async function createCustomField(db: Kysely<DB>, actor: Actor, input: CustomFieldCreate): Promise<CustomFieldDto> {
  const issues = new Issues(actor.locale);
  if (!CUSTOM_FIELD_KEY.test(input.key)) issues.add(['body', 'key'], 'invalid_key', { value: input.key });
  checkOptions(issues, input.type, input.options, true);
  if (input.entity !== 'ticket' && input.ticketTypes.length > 0) issues.add(['body', 'ticketTypes'], 'ticket_types_not_allowed');
  issues.throwIfAny();
  const taken = () => conflict('custom_field_key_taken', { entity: input.entity, key: input.key });
  try {
    return await db.transaction().execute(async (tx) => {
      if (await repo.keyTaken(tx, actor.orgId, input.entity, input.key)) throw taken();
      const row = await repo.insertCustomField(tx, {
        org_id: actor.orgId,
        id: uuidv7(),
        entity: input.entity,
        key: input.key,
        label: input.label,
        label_en: input.labelEn || null,
        type: input.type,
        options: SELECT_TYPES.has(input.type) ? toStoredOptions(input.options) : [],
        required: input.required,
        sort: input.sort,
        active: input.active,
        ticket_types: input.entity === 'ticket' ? input.ticketTypes : [],
      });
      const dto = presentCustomField(row);
      await recordAudit(tx, auditBy(actor, { action: 'custom_field.create', entityType: 'custom_field', entityId: row.id, after: dto }));
      return dto;
    });
  } catch (err) {
    // two admins adding the same key at once: the unique index decides
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

export async function updateCustomField(db: Kysely<DB>, actor: Actor, id: string, version: number, input: CustomFieldUpdate): Promise<CustomFieldDto> {
  return db.transaction().execute(async (tx) => {
    const current = await repo.findCustomField(tx, actor.orgId, id);
    if (!current) throw notFound('custom_field');
    const issues = new Issues(actor.locale);
    checkOptions(issues, current.type, input.options, false);
    if (current.entity !== 'ticket' && input.ticketTypes && input.ticketTypes.length > 0) issues.add(['body', 'ticketTypes'], 'ticket_types_not_allowed');
    issues.throwIfAny();
    if (current.version !== version) throw preconditionFailed();
    const updated = await repo.updateCustomField(tx, actor.orgId, id, version, {
      label: input.label,
      label_en: input.labelEn === undefined ? undefined : input.labelEn || null,
      options: input.options && SELECT_TYPES.has(current.type) ? toStoredOptions(input.options) : undefined,
      required: input.required,
      sort: input.sort,
      active: input.active,
      ticket_types: input.ticketTypes,
    });
    if (!updated) throw preconditionFailed();
    const dto = presentCustomField(updated);
    await recordAudit(tx, auditBy(actor, { action: 'custom_field.update', entityType: 'custom_field', entityId: id, before: presentCustomField(current), after: dto }));
    return dto;
  });
}

/**
 * Removes a definition. Values already stored under its key stay in the records (they are
 * data, not configuration) but are no longer shown; deactivating is the gentler choice.
 */
export async function deleteCustomField(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const current = await repo.findCustomField(tx, actor.orgId, id);
    if (!current) throw notFound('custom_field');
    if (version !== undefined && current.version !== version) throw preconditionFailed();
    await repo.deleteCustomField(tx, actor.orgId, id);
    await recordAudit(tx, auditBy(actor, { action: 'custom_field.delete', entityType: 'custom_field', entityId: id, before: presentCustomField(current) }));
  });
}
