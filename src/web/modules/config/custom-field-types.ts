import type { CustomFieldEntity, CustomFieldOption, CustomFieldType } from '../../../shared/custom-fields';

/** Wire shape of /api/v1/custom-fields (see src/server/modules/config). */
export type CustomField = {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  labelEn: string | null;
  type: CustomFieldType;
  options: CustomFieldOption[];
  required: boolean;
  sort: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export const TYPE_COLORS: Record<CustomFieldType, string> = {
  text: 'default',
  number: 'cyan',
  date: 'purple',
  select: 'blue',
  multiselect: 'geekblue',
  boolean: 'green',
};

export const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';
