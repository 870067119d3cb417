import { z } from 'zod';

/** Wire contract of /api/v1/picklists. Code formats and tree rules are checked by the service. */
export const PICKLIST_CODE = /^[a-z][a-z0-9_]{0,39}$/;
export const ITEM_CODE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export const picklistParams = z.strictObject({ code: z.string().max(40) });
export const itemParams = z.strictObject({ code: z.string().max(40), id: z.uuid() });

export const picklistCreateBody = z.strictObject({
  code: z.string().max(40),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  hierarchical: z.boolean().default(false),
});
export type PicklistCreate = z.infer<typeof picklistCreateBody>;

export const picklistUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(100).nullable().optional(),
});
export type PicklistUpdate = z.infer<typeof picklistUpdateBody>;

export const itemsQuery = z.strictObject({
  includeInactive: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});

export const itemCreateBody = z.strictObject({
  /** Stable code other records refer to; generated when absent. */
  code: z.string().max(64).optional(),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().max(100).nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type ItemCreate = z.infer<typeof itemCreateBody>;

export const itemUpdateBody = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  labelEn: z.string().trim().max(100).nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
export type ItemUpdate = z.infer<typeof itemUpdateBody>;

export const reorderBody = z.strictObject({
  parentId: z.uuid().nullable().default(null),
  /** Every child of `parentId`, in the new order. */
  ids: z.array(z.uuid()).min(1).max(1000),
});
export type ReorderInput = z.infer<typeof reorderBody>;
