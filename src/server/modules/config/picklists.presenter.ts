import type { ItemRow, PicklistRow } from './picklists.repo.js';

export type PicklistDto = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  hierarchical: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type PicklistItemDto = {
  id: string;
  code: string;
  label: string;
  labelEn: string | null;
  parentId: string | null;
  sort: number;
  active: boolean;
  version: number;
};
export type PicklistNode = PicklistItemDto & { children: PicklistNode[] };

export const presentPicklist = (r: PicklistRow): PicklistDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  hierarchical: r.hierarchical,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const presentItem = (r: ItemRow): PicklistItemDto => ({
  id: r.id,
  code: r.code,
  label: r.label,
  labelEn: r.label_en,
  parentId: r.parent_id,
  sort: r.sort,
  active: r.active,
  version: r.version,
});

/**
 * Items (already ordered by sort) as a tree. Without `includeInactive`, an inactive item and
 * everything under it is left out.
 */
export function buildTree(rows: ItemRow[], includeInactive: boolean): PicklistNode[] {
  const nodes = new Map<string, PicklistNode>();
  for (const r of rows) if (includeInactive || r.active) nodes.set(r.id, { ...presentItem(r), children: [] });
  const roots: PicklistNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id);
    if (!node) continue;
    if (!r.parent_id) roots.push(node);
    else nodes.get(r.parent_id)?.children.push(node);
  }
  return roots;
}
