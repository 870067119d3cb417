import type { RegionNode } from './customer-types';

/** Region codes as the customer card stores them. */
export type RegionCodes = { provinceCode: string | null; cityCode: string | null; districtCode: string | null };

/** `{ provinceCode: '44', cityCode: '4403', districtCode: '440305' }` → `['44', '4403', '440305']` for the cascader. */
export function regionPathOf(codes: Partial<RegionCodes> | null | undefined): string[] {
  if (!codes) return [];
  return [codes.provinceCode, codes.cityCode, codes.districtCode].filter((c): c is string => !!c);
}

/** The cascader's path back to the three codes (missing levels are null). */
export function regionCodesOf(path: readonly string[] | null | undefined): RegionCodes {
  return { provinceCode: path?.[0] ?? null, cityCode: path?.[1] ?? null, districtCode: path?.[2] ?? null };
}

/** The path of codes from the province down to `code` (codes nest: 44 → 4403 → 440305). */
export function regionPathTo(code: string): string[] {
  const out = [code.slice(0, 2)];
  if (code.length >= 4) out.push(code.slice(0, 4));
  if (code.length >= 6) out.push(code.slice(0, 6));
  return out;
}

/** "广东省 深圳市 南山区" for a path of codes, from the loaded tree. */
export function regionName(tree: RegionNode[] | undefined, path: readonly string[], separator = ' '): string {
  const names: string[] = [];
  let level = tree ?? [];
  for (const code of path) {
    const node = level.find((n) => n.code === code);
    if (!node) break;
    names.push(node.name);
    level = node.children ?? [];
  }
  return names.join(separator);
}
