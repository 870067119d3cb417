import type { MaskableField } from './permissions.js';

/**
 * Maskers for personal data (§1.2). They keep just enough to recognize a record on the phone
 * ("尾号 5678") and never reveal the length of the hidden part where that would help guessing.
 * Pure functions, shared by the server presenters and the web UI.
 */

const STAR = '*';
const stars = (n: number) => STAR.repeat(Math.max(n, 0));

/** Keeps `head` leading and `tail` trailing characters of a string, masking the rest. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return stars(chars.length || 4);
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

// Mainland area codes: 010 and 02x are three digits, all others four (0755, 0571, 0898 …).
function areaCodeLength(digits: string): number {
  return /^0(10|2\d)/.test(digits) ? 3 : 4;
}

/**
 * Phone numbers: mobile `13812345678` → `138****5678`; landline keeps the area code and the
 * last two digits: `010-62345678` → `010-******78`, `0755-86013388` → `0755-******88`.
 */
export function maskPhone(value: string): string {
  const text = value.normalize('NFKC').trim();
  const digits = text.replace(/\D/g, '');
  const mobile = /^(?:86|0086)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile && !/^0(?!086)/.test(digits)) {
    const m = mobile[1];
    return `${m.slice(0, 3)}****${m.slice(7)}`;
  }
  const dashed = /^(0\d{2,3})[-\s]+([\d\s-]+)$/.exec(text);
  if (dashed) {
    const local = dashed[2].replace(/\D/g, '');
    return `${dashed[1]}-${keepEnds(local, 0, 2)}`;
  }
  if (/^0\d{9,11}$/.test(digits)) {
    const n = areaCodeLength(digits);
    return `${digits.slice(0, n)}-${keepEnds(digits.slice(n), 0, 2)}`;
  }
  // Anything else (foreign, short codes): first three and last two digits at most.
  if (digits.length >= 7) return keepEnds(digits, 3, 2);
  return keepEnds(digits, 0, 2);
}

/**
 * Resident ID numbers (居民身份证): `110101199003071234` → `110101********1234` (region code
 * and last four kept, birth date hidden). 15-digit first-generation numbers keep 6 + 3.
 * Other documents (passport, 港澳通行证) keep the first and last two characters.
 */
export function maskIdNumber(value: string): string {
  const id = value.normalize('NFKC').trim().toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return keepEnds(id, 6, 4);
  if (/^\d{15}$/.test(id)) return keepEnds(id, 6, 3);
  return keepEnds(id, 2, 2);
}

/** Email: `zhangwei@example.com` → `z***@example.com` (always three stars, whatever the length). */
export function maskEmail(value: string): string {
  const text = value.trim();
  const at = text.lastIndexOf('@');
  if (at <= 0) return keepEnds(text, 1, 0);
  const first = [...text.slice(0, at)][0];
  return `${first}***${text.slice(at)}`;
}

const MUNICIPALITY = /^(北京|上海|天津|重庆)(市)?/;
const PROVINCE = /^.{2,12}?(?:省|自治区|特别行政区)/;
const CITY = /^.{1,12}?(?:自治州|地区|盟|市)/;
const DISTRICT = /^.{1,10}?(?:区|县)/;

/**
 * Addresses keep the province and city (for a municipality: the city and its district) and
 * hide the rest: `广东省深圳市南山区科技园科苑路15号` → `广东省深圳市****`,
 * `北京市海淀区中关村大街27号` → `北京市海淀区****`. An address whose region cannot be
 * recognized is hidden entirely.
 */
export function maskAddress(value: string): string {
  const text = value.normalize('NFKC').replace(/\s+/g, '');
  let kept = '';
  const muni = MUNICIPALITY.exec(text);
  if (muni) {
    kept = `${muni[1]}市`;
    const district = DISTRICT.exec(text.slice(muni[0].length));
    if (district) kept += district[0];
  } else {
    const province = PROVINCE.exec(text);
    let rest = text;
    if (province) {
      kept = province[0];
      rest = text.slice(province[0].length);
    }
    const city = CITY.exec(rest);
    if (city) kept += city[0];
  }
  return `${kept}****`;
}

const MASKERS: Record<MaskableField, (value: string) => string> = {
  phone: maskPhone,
  id_number: maskIdNumber,
  email: maskEmail,
  address: maskAddress,
};

/** Masks one value of a maskable field. */
export function maskField(field: MaskableField, value: string): string {
  return MASKERS[field](value);
}
