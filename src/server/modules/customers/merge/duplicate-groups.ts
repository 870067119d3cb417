import type { DuplicateReason } from './merge.schema.js';

/**
 * Pure pieces of the duplicates page (§2.7): which keys a group's members share, which members
 * stay once "not duplicates" judgements are applied, and the name buckets for similarity.
 */

export type MemberKeys = {
  id: string;
  phones: readonly string[];
  email: string | null;
  credit_code: string | null;
  id_number_hash: string | null;
  name: string;
};

/** The name key the database groups on: `replace(lower(name), ' ', '')`. */
export const dbNameKey = (name: string) => name.toLowerCase().replaceAll(' ', '');

/** Exact reasons every member shares one value of, in page order. */
export function sharedReasons(members: readonly MemberKeys[]): DuplicateReason[] {
  if (members.length < 2) return [];
  const all = (value: (m: MemberKeys) => string | null) => {
    const first = value(members[0]);
    return first !== null && first !== '' && members.every((m) => value(m) === first);
  };
  const out: DuplicateReason[] = [];
  if (all((m) => m.id_number_hash)) out.push('id_number');
  if (all((m) => m.credit_code)) out.push('credit_code');
  const common = members.slice(1).reduce((acc, m) => acc.filter((p) => m.phones.includes(p)), [...members[0].phones]);
  if (common.length > 0) out.push('phone');
  if (all((m) => m.email?.toLowerCase() ?? null)) out.push('email');
  if (all((m) => dbNameKey(m.name))) out.push('name');
  return out;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Members that still have someone in the group not judged "not a duplicate" of them; a pair
 * judged so is never proposed again, while a third member may still be proposed with either.
 */
export function keptMembers(ids: readonly string[], notDuplicates: ReadonlySet<string>): string[] {
  return ids.filter((a) => ids.some((b) => b !== a && !notDuplicates.has(pairKey(a, b))));
}

/**
 * A group found under `reason` whose members all share an earlier reason's key is already
 * inside that earlier group on the page: proposing it twice would only add noise.
 */
export function coveredEarlier(reason: DuplicateReason, shared: readonly DuplicateReason[], order: readonly DuplicateReason[]): boolean {
  const at = order.indexOf(reason);
  return shared.some((r) => r !== reason && order.indexOf(r) < at);
}

/** The first two characters (code points, as PostgreSQL's `left()` counts them). */
export const prefixOf = (key: string) => Array.from(key).slice(0, 2).join('');

export type KeyRow = { k: string; n: number; ids: string[] };

/**
 * Sorted-neighbourhood blocking over distinct name keys in key order: each key is compared with
 * the next `window` keys that start with the same two characters. Only keys before `anchorsEnd`
 * start a pair, so with pages overlapping by `window` keys every pair is checked exactly once.
 * Returns index pairs into `keys`.
 */
export function neighbourPairs(keys: readonly string[], window: number, anchorsEnd: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < Math.min(anchorsEnd, keys.length); i++) {
    const p = prefixOf(keys[i]);
    for (let j = i + 1; j <= i + window && j < keys.length; j++) if (prefixOf(keys[j]) === p) out.push([i, j]);
  }
  return out;
}

/** Connected groups of key indexes linked by similar pairs (union-find), each sorted, by first index. */
export function clusterIndexes(count: number, pairs: readonly [number, number][]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const [a, b] of pairs) parent[find(a)] = find(b);
  const byRoot = new Map<number, number[]>();
  for (const [a, b] of pairs) for (const i of [a, b]) byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), i]);
  return [...byRoot.values()].map((g) => [...new Set(g)].sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
}
