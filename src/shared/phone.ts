import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline';
export type NormalizedPhone = { value: string; kind: PhoneKind };

// What people really type: digits (also full-width, made ASCII by NFKC), spaces, dashes, dots,
// parentheses and a leading + / 00 country prefix. Anything else (letters, 转/ext) is refused
// rather than silently dropped, so "abc13812345678" never becomes a valid number.
const ALLOWED = /^[+]?[\d\s().-]+$/;
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalizes a mainland China phone number.
 * - Mobile (1[3-9] + 9 digits, as allocated per libphonenumber's metadata) → `13812345678`.
 * - Landline with area code → `010-62345678` / `0755-86013388`.
 * Accepts full-width digits, `+86` / `0086` / `86-` prefixes and common separators.
 * Returns null for anything else (too short, unallocated range, foreign number, letters).
 */
export function normalizeCnPhone(input: string): NormalizedPhone | null {
  const text = input.normalize('NFKC').trim();
  if (text.length === 0 || text.length > 40 || !ALLOWED.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (!parsed || parsed.countryCallingCode !== '86' || parsed.ext || !parsed.isValid()) return null;
  const national = parsed.nationalNumber;
  const type = parsed.getType();
  if (MOBILE.test(national) && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) {
    return { value: national, kind: 'mobile' };
  }
  if (type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE') {
    // formatNational gives "010 6234 5678": the first group is the trunk-prefixed area code.
    const [area, ...rest] = parsed.formatNational().split(' ');
    if (!area?.startsWith('0') || rest.length === 0) return null;
    return { value: `${area}-${rest.join('')}`, kind: 'landline' };
  }
  return null;
}

/** True for an 11-digit mainland mobile number in normalized form. */
export const isCnMobile = (value: string) => MOBILE.test(value);
