import { cleanText } from './text-clean.js';

export type CreditCodeErrorCode = 'length' | 'format' | 'checksum';
export type CreditCodeResult = { ok: true; value: string } | { ok: false; code: CreditCodeErrorCode };

/** GB 32100-2015 characters: digits and upper-case letters without I, O, Z, S, V. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/** The check character for the first 17 characters of a credit code (assumed in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Parses a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
 * the last a mod-31 check character. Accepts lower case, full-width characters and spaces.
 */
export function parseCreditCode(input: string): CreditCodeResult {
  const value = cleanText(input).replace(/ /g, '').toUpperCase();
  if ([...value].length !== 18) return { ok: false, code: 'length' };
  if (!FORMAT.test(value)) return { ok: false, code: 'format' };
  if (creditCodeCheckChar(value) !== value[17]) return { ok: false, code: 'checksum' };
  return { ok: true, value };
}
