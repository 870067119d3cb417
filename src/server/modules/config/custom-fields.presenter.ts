import type { CustomFieldDef, CustomFieldOption } from '../../../shared/custom-fields.js';
import type { CustomFieldRow, StoredOption } from './custom-fields.repo.js';

export type CustomFieldDto = CustomFieldDef & {
  id: string;
  entity: CustomFieldRow['entity'];
  labelEn: string | null;
  options: CustomFieldOption[];
  required: boolean;
  sort: number;
  active: boolean;
  ticketTypes: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

export const toStoredOptions = (options: CustomFieldOption[]): StoredOption[] =>
  options.map((o) => (o.labelEn ? { value: o.value, label: o.label, label_en: o.labelEn } : { value: o.value, label: o.label }));

export const presentCustomField = (r: CustomFieldRow): CustomFieldDto => ({
  id: r.id,
  entity: r.entity,
  key: r.key,
  label: r.label,
  labelEn: r.label_en,
  type: r.type,
  options: (r.options ?? []).map((o) => ({ value: o.value, label: o.label, labelEn: o.label_en ?? null })),
  required: r.required,
  sort: r.sort,
  active: r.active,
  ticketTypes: r.ticket_types ?? [],
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
