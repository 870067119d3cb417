/** Wire shapes of /api/v1/picklists (see src/server/modules/config). */
export type Picklist = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  hierarchical: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  itemCount?: number;
};

export type PicklistItem = {
  id: string;
  code: string;
  label: string;
  labelEn: string | null;
  parentId: string | null;
  sort: number;
  active: boolean;
  version: number;
  children: PicklistItem[];
};

/** Same rules as the server. */
export const PICKLIST_CODE = /^[a-z][a-z0-9_]{0,39}$/;
export const ITEM_CODE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** Levels a hierarchical list may have (server: MAX_DEPTH). */
export const MAX_DEPTH = 5;

/** Every node of a tree, depth first, with its depth (1 = top level). */
export function flatten(nodes: PicklistItem[], depth = 1, out: { item: PicklistItem; depth: number }[] = []) {
  for (const n of nodes) {
    out.push({ item: n, depth });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** The tree without inactive items (and without what hangs under them). */
export function activeOnly(nodes: PicklistItem[]): PicklistItem[] {
  return nodes.filter((n) => n.active).map((n) => ({ ...n, children: activeOnly(n.children) }));
}

/** Ids of `id` and everything under it. */
export function subtreeIds(nodes: PicklistItem[], id: string): Set<string> {
  const hit = flatten(nodes).find((x) => x.item.id === id)?.item;
  return new Set(hit ? flatten([hit]).map((x) => x.item.id) : []);
}

/** A label in the UI language (English falls back to Chinese). */
export const itemLabel = (x: { label: string; labelEn: string | null }, en: boolean) => (en ? x.labelEn || x.label : x.label);
