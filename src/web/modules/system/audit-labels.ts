/** i18n keys of audit actions and entity types; unknown codes fall back to the raw code. */
export const actionKey = (action: string) => `audit.actions.${action.replace(/\./g, '_')}`;
export const entityKey = (type: string) => `audit.entityTypes.${type}`;
export const groupKey = (prefix: string) => `audit.groups.${prefix}`;

/** Entity types the platform records today (offered in the filter; others can be typed). */
export const ENTITY_TYPES = ['user', 'department', 'position', 'role', 'session', 'api_token', 'calendar', 'custom_field', 'picklist', 'picklist_item', 'webhook', 'job', 'job_schedule', 'file'];

/** `user.create` → `user`; audit filters accept `user.` as a prefix for the whole group. */
export const actionGroup = (action: string) => action.split('.')[0];
