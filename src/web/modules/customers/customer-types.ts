import type { CustomFieldDef } from '../../../shared/custom-fields';
import type { BulkResult, CustomerFilter, CustomerView, DuplicateCandidate, FilterCondition, SavedView, ViewDefinition } from '../../../shared/customers';

/** Wire shapes the customer pages use; the contract itself lives in src/shared/customers.ts. */
export type { BulkResult, CustomerFilter, CustomerView, DuplicateCandidate, FilterCondition, SavedView, ViewDefinition };

/** A custom field definition as `GET /api/v1/custom-fields?entity=customer` lists it. */
export type CustomerFieldDef = CustomFieldDef & { id: string; sort: number; active: boolean };

/** `GET /api/v1/regions`: GB/T 2260 province (2 digits) → city (4) → district (6). */
export type RegionNode = { code: string; name: string; children?: RegionNode[] };

/** A staff user as the pickers show it. */
export type UserOption = { id: string; displayName: string; username?: string; departmentName?: string | null; status?: string };

/** The sort the register is shown in (`?sort=`), newest first by default. */
export type CustomerSort = '-created_at' | 'created_at' | '-updated_at' | 'name' | '-name' | '-last_activity_at';
export const CUSTOMER_SORT_OPTIONS: CustomerSort[] = ['-created_at', 'created_at', '-updated_at', '-last_activity_at', 'name', '-name'];
export const DEFAULT_SORT: CustomerSort = '-created_at';
