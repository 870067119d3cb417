/** Wire shapes of the organization endpoints (see src/server/modules/org/*.schema.ts). */
import type { Department } from '../../ui/department-tree-select';

export type { Department };

export type RoleRef = { id: string; code: string; name: string };

export type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  /** As the server presents it: full, masked (138****5678) or null when hidden. */
  phone: string | null;
  /** Fields holding a value this viewer sees masked or hidden (revealable). */
  maskedFields: string[];
  departmentId: string | null;
  departmentName?: string | null;
  positionId: string | null;
  positionName?: string | null;
  roles: RoleRef[];
  skills: string[];
  status: 'active' | 'disabled';
  locale: 'zh-CN' | 'en';
  totpEnabled?: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
};

export type Position = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  responsibilities: string;
  requirements: string;
  userCount: number;
  version: number;
};

export type DataScope = 'self' | 'department' | 'subtree' | 'all';
export type FieldRule = 'show' | 'mask' | 'hide';

export type Role = {
  id: string;
  code: string;
  name: string;
  description: string;
  permissions: string[];
  scopes: Record<string, DataScope>;
  fieldRules: Record<string, FieldRule>;
  isSystem: boolean;
  userCount?: number;
  version: number;
};

export type PermissionCatalogue = {
  permissions: string[];
  groups: { key: string; permissions: string[] }[];
  scopedResources: string[];
  scopes: DataScope[];
  maskableFields: string[];
  fieldRules: FieldRule[];
};
