import { cleanText } from './text-clean.js';

export type CnIdNumberErrorCode = 'length' | 'format' | 'checksum' | 'birthday';
export type CnIdNumber = {
  ok: true;
  /** 18 characters, digits and an upper-case X check character. */
  value: string;
  birthday: string;
  gender: 'male' | 'female';
  /** The 6-digit GB/T 2260 code of the place of first registration (not re-checked against the list). */
  regionCode: string;
};
export type CnIdNumberResult = CnIdNumber | { ok: false; code: CnIdNumberErrorCode };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits of a resident ID number. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Parses a mainland resident ID number (居民身份证号码, GB 11643-1999), 18 characters only:
 * 15-digit first-generation numbers expired in 2013 and are refused with `length`.
 * Accepts full-width digits, spaces and a lower-case x. The birthday must be a real date between
 * 1900-01-01 and `today` (local calendar date, default now).
 */
export function parseCnIdNumber(input: string, today: Date = new Date()): CnIdNumberResult {
  const value = cleanText(input).replace(/ /g, '').toUpperCase();
  // Letters anywhere are a format error whatever the length: "length" would send people
  // counting digits when the problem is the O they typed for a 0.
  if (!/^[0-9X]*$/.test(value)) return { ok: false, code: 'format' };
  if (value.length !== 18) return { ok: false, code: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'format' };
  if (cnIdCheckChar(value) !== value[17]) return { ok: false, code: 'checksum' };

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  // Date.UTC rolls 1999-02-31 over to March; a real date survives the round trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, code: 'birthday' };
  }
  const birthday = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const todayText = `${pad(today.getFullYear(), 4)}-${pad(today.getMonth() + 1, 2)}-${pad(today.getDate(), 2)}`;
  if (birthday < '1900-01-01' || birthday > todayText) return { ok: false, code: 'birthday' };

  return {
    ok: true,
    value,
    birthday,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}
