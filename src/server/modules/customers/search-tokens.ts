import { pinyin } from 'pinyin-pro';
import { cleanText } from '../../../shared/text-clean.js';
import { type RegionNode, regionTree } from '../regions/regions.data.js';

/**
 * Search tokens live in `customers.search_tokens text[]` behind a GIN index. Each is a kind
 * prefix and a lower-case value:
 * - `n:`  every character and every two-character window of the name (spaces removed)
 * - `py:` prefixes of the full pinyin (zhangwei) and of the pinyin from each later syllable (wei)
 * - `in:` prefixes of the pinyin initials (zw), also from each later syllable (tykj)
 *   Later syllables of a leading place name (深圳市…) and of a trailing legal form (…有限公司)
 *   start none of these, and they run at most one syllable into the legal form (kejiyou, not
 *   kejiyouxiangongsi): those tokens are in every such name, nobody looks a customer up by
 *   them (the full pinyin still starts with the place), and they made most of an organization's
 *   tokens.
 * - `en:` prefixes of each latin word of the English name and of a latin main name
 * - `ph:` phone digits (also a landline's number without its area code), `p4:` last four digits
 * - `em:` e-mail address and its local part, `cc:` credit code (upper case), `wx:` WeChat ID
 */
export type CustomerTokenInput = {
  name: string;
  nameEn?: string | null;
  phones?: string[];
  email?: string | null;
  creditCode?: string | null;
  wechat?: string | null;
};

/**
 * A search-box query: a row matches when its tokens contain every token of at least one
 * alternative (`search_tokens @> alt₁ OR …`). When nameContains is set the alternatives are
 * name bigrams, and the row's name (lower case, spaces removed) must also contain it.
 */
export type SearchQuery = { alternatives: string[][]; nameContains: string | null };

// Bounds keep a long organization name to a few hundred tokens (the index grows with them).
const MAX_SYLLABLES = 12;
const MAX_PINYIN = 24;
const MAX_PINYIN_TAIL = 12;
const MAX_INITIALS = 10;
const MAX_WORD = 24;
const MAX_WORDS = 12;
const MAX_QUERY_BIGRAMS = 32;

const HAN = /\p{Script=Han}/u;
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const LOCAL_PART = /^[a-z0-9._%+-]+$/;

// A company's legal form at the end of its Chinese characters (…集团股份有限公司, …分公司, …（有限合伙）).
const LEGAL_FORM = /(?:集团|股份|有限|责任|分公司|总公司|公司|合伙|企业)+$/u;
const REGION_SUFFIX = /(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县)$/u;
const MAX_PLACE = 8;
// Shorter names are read as people's names.
const MIN_ORG_CHARS = 5;

let placeNames: Set<string> | undefined;

/** Province, city and district names, each also without its 省/市/区/县 (深圳市 and 深圳). */
function places(): Set<string> {
  if (placeNames) return placeNames;
  const names = new Set<string>();
  const walk = (nodes: readonly RegionNode[]) => {
    for (const node of nodes) {
      names.add(node.name);
      const short = node.name.replace(REGION_SUFFIX, '');
      if ([...short].length >= 2) names.add(short);
      if (node.children) walk(node.children);
    }
  };
  walk(regionTree());
  placeNames = names;
  return names;
}

/** How many leading characters are place names (广东省深圳市… → 6, 北京字节… → 2). */
function placePrefixLength(chars: readonly string[]): number {
  let at = 0;
  for (;;) {
    let len = Math.min(MAX_PLACE, chars.length - at);
    while (len >= 2 && !places().has(chars.slice(at, at + len).join(''))) len--;
    if (len < 2) return at;
    at += len;
  }
}

/**
 * Where later-syllable pinyin and initials tokens may start ([from, to)) and how many syllables
 * they may cover (end). A person's name (高明亮 starts like 高明区) and a name that is nothing
 * but a place and a legal form keep them all.
 */
function tailRange(hanChars: readonly string[], syllables: number): { from: number; to: number; end: number } {
  if (hanChars.length < MIN_ORG_CHARS) return { from: 1, to: syllables, end: syllables };
  const legal = LEGAL_FORM.exec(hanChars.join(''));
  const from = Math.max(1, placePrefixLength(hanChars));
  const to = Math.min(syllables, hanChars.length - (legal ? [...legal[0]].length : 0));
  return from < to ? { from, to, end: Math.min(syllables, to + 1) } : { from: 1, to: syllables, end: syllables };
}

function addPrefixes(out: Set<string>, kind: string, text: string, min: number, max: number): void {
  for (let n = min; n <= Math.min(max, text.length); n++) out.add(kind + text.slice(0, n));
}

/** Lower case, diacritics dropped (José → jose): people rarely type the accents. */
const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** Latin words of a text, lower case and folded; O'Brien → obrien. */
function latinWords(text: string): string[] {
  const words = fold(cleanText(text)).replace(/['’]/g, '').match(/[\p{Script=Latin}\d]+/gu) ?? [];
  return [...new Set(words.filter((w) => /\p{Script=Latin}/u.test(w)))].slice(0, MAX_WORDS);
}

function nameTokens(out: Set<string>, name: string): void {
  const chars = [...cleanText(name).toLowerCase().replace(/ /g, '')];
  chars.forEach((c, i) => {
    out.add(`n:${c}`);
    if (i > 0) out.add(`n:${chars[i - 1]}${c}`);
  });
}

function pinyinTokens(out: Set<string>, name: string): void {
  const text = cleanText(name);
  if (!HAN.test(text)) return;
  // surname 'head': the first character reads as a surname, so 曾 is zeng and 单 is shan.
  const syllables = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true })
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s))
    .slice(0, MAX_SYLLABLES);
  if (syllables.length === 0) return;
  addPrefixes(out, 'py:', syllables.join(''), 1, MAX_PINYIN);
  const { from, to, end } = tailRange([...text].filter((c) => HAN.test(c)), syllables.length);
  // From each later syllable, so the given name alone (wei) finds 张伟.
  for (let i = from; i < to; i++) addPrefixes(out, 'py:', syllables.slice(i, end).join(''), 2, MAX_PINYIN_TAIL);
  const initials = syllables.map((s) => s[0]).join('');
  addPrefixes(out, 'in:', initials, 1, MAX_INITIALS);
  // From each later syllable too (2+ letters), so tykj finds 深圳市腾云科技有限公司.
  for (let i = from; i < Math.min(to, end - 1); i++) addPrefixes(out, 'in:', initials.slice(i, end), 2, MAX_INITIALS);
}

function wordTokens(out: Set<string>, text: string): void {
  // O'Brien is found by obrien and by brien.
  const words = [...latinWords(text), ...latinWords(text.replace(/['’]/g, ' '))];
  for (const word of words) addPrefixes(out, 'en:', word, 1, MAX_WORD);
}

function phoneTokens(out: Set<string>, phone: string): void {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return;
  out.add(`ph:${digits}`);
  if (digits.length >= 4) out.add(`p4:${digits.slice(-4)}`);
  // A normalized landline is 010-62345678; people often type it without the area code.
  const dash = phone.indexOf('-');
  if (digits.startsWith('0') && dash > 0) {
    const local = phone.slice(dash + 1).replace(/\D/g, '');
    if (local.length >= 5) out.add(`ph:${local}`);
  }
}

/** Every search token of a customer (deduplicated; order means nothing). */
export function customerSearchTokens(input: CustomerTokenInput): string[] {
  const out = new Set<string>();
  nameTokens(out, input.name);
  pinyinTokens(out, input.name);
  wordTokens(out, input.name);
  if (input.nameEn) wordTokens(out, input.nameEn);
  for (const phone of input.phones ?? []) phoneTokens(out, phone);
  const email = input.email ? cleanText(input.email).toLowerCase() : '';
  if (email) {
    out.add(`em:${email}`);
    const local = email.slice(0, email.lastIndexOf('@'));
    if (local) out.add(`em:${local}`);
  }
  const creditCode = input.creditCode ? cleanText(input.creditCode).replace(/ /g, '').toUpperCase() : '';
  if (creditCode) out.add(`cc:${creditCode}`);
  const wechat = input.wechat ? cleanText(input.wechat).toLowerCase() : '';
  if (wechat) out.add(`wx:${wechat}`);
  return [...out];
}

/** The digits of a phone-like query, or null. A +86 landline (+86 10 6234 5678) gets its trunk 0 back. */
function queryDigits(text: string): string | null {
  const compact = text.replace(/[\s()-]/g, '');
  const country = /^(?:\+86|0086)/.exec(compact);
  const digits = country ? compact.slice(country[0].length) : compact;
  if (!/^\d+$/.test(digits)) return null;
  if (country && !/^1\d{10}$/.test(digits) && !digits.startsWith('0')) return `0${digits}`;
  return digits;
}

/** Alternatives for latin text: pinyin, initials, English words, WeChat ID, e-mail local part. */
function latinAlternatives(text: string): string[][] {
  const out: string[][] = [];
  const letters = fold(text.replace(/ü/g, 'v')).replace(/['’]/g, '');
  if (/^[a-z ]+$/.test(letters)) {
    const joined = letters.replace(/ /g, '');
    out.push([`py:${joined.slice(0, MAX_PINYIN)}`]);
    if (joined.length <= MAX_INITIALS) out.push([`in:${joined}`]);
  }
  const words = latinWords(text);
  if (words.length > 0) out.push(words.map((w) => `en:${w.slice(0, MAX_WORD)}`));
  if (!text.includes(' ')) {
    out.push([`wx:${text}`]);
    if (LOCAL_PART.test(text)) out.push([`em:${text}`]);
  }
  return out;
}

/** Turns what was typed in the search box into token alternatives (see SearchQuery). */
export function searchQueryAlternatives(q: string): SearchQuery {
  const text = cleanText(q).toLowerCase();
  const compact = text.replace(/ /g, '');
  if (compact.length === 0) return { alternatives: [], nameContains: null };

  const digits = queryDigits(text);
  if (digits !== null) {
    if (digits.length === 4) return { alternatives: [[`p4:${digits}`]], nameContains: null };
    // 18 digits could also be a credit code made only of digits.
    const alternatives = [[`ph:${digits}`]];
    if (digits.length === 18) alternatives.push([`cc:${digits}`]);
    return { alternatives, nameContains: null };
  }
  if (text.includes('@')) {
    // "zhang@" is someone typing an address: search the local part so far.
    const value = compact.endsWith('@') ? compact.slice(0, -1) : compact;
    return { alternatives: value ? [[`em:${value}`]] : [], nameContains: null };
  }
  const upper = compact.toUpperCase();
  if (CREDIT_CODE.test(upper)) return { alternatives: [[`cc:${upper}`], ...latinAlternatives(text)], nameContains: null };

  if (HAN.test(compact)) {
    const chars = [...compact];
    if (chars.length === 1) return { alternatives: [[`n:${compact}`]], nameContains: null };
    const bigrams = new Set<string>();
    for (let i = 1; i < chars.length && bigrams.size < MAX_QUERY_BIGRAMS; i++) bigrams.add(`n:${chars[i - 1]}${chars[i]}`);
    return { alternatives: [[...bigrams]], nameContains: compact };
  }
  return { alternatives: latinAlternatives(text), nameContains: null };
}
