import { describe, expect, it } from 'vitest';
import { cnIdCheckChar, parseCnIdNumber } from './cn-id-number.js';

// Written out independently of the implementation, straight from GB 11643-1999:
// check = (12 − Σ aᵢ·2^(17−i) mod 11) mod 11, with 10 written as X.
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

const TODAY = new Date(2024, 5, 15); // 2024-06-15, local time
const VALID = withCheck('11010519491231002');

/** A number whose check character is X, found by varying the sequence digits. */
function endingInX(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const id = withCheck(`44030519900307${String(seq).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X found');
}

describe('parseCnIdNumber', () => {
  it('accepts a valid number and reads birthday, gender and region', () => {
    expect(VALID).toBe('11010519491231002X');
    expect(parseCnIdNumber(VALID, TODAY)).toEqual({
      ok: true,
      value: VALID,
      birthday: '1949-12-31',
      gender: 'female', // 17th digit 2 is even
      regionCode: '110105',
    });
  });

  it('reads an odd 17th digit as male', () => {
    const id = withCheck('44030519900307123');
    expect(parseCnIdNumber(id, TODAY)).toMatchObject({ ok: true, gender: 'male', birthday: '1990-03-07', regionCode: '440305' });
  });

  it('normalizes a lower-case x', () => {
    const id = endingInX();
    expect(parseCnIdNumber(id.toLowerCase(), TODAY)).toMatchObject({ ok: true, value: id });
  });

  it('accepts full-width digits and spaces', () => {
    const id = withCheck('32010619850612345');
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(parseCnIdNumber(` ${fullWidth.slice(0, 6)}\u3000${fullWidth.slice(6, 14)} ${fullWidth.slice(14)} `, TODAY)).toMatchObject({ ok: true, value: id });
  });

  it('agrees with the table-based check character', () => {
    for (const base of ['11010519491231002', '44030519900307123', '32010619850612345', '65010220000229001']) {
      expect(base + cnIdCheckChar(base)).toBe(withCheck(base));
    }
  });

  it.each([
    ['17 digits', VALID.slice(0, 17), 'length'],
    ['15 digits (first generation)', '110105491231002', 'length'],
    ['19 digits', `${VALID}1`, 'length'],
    ['empty', '', 'length'],
    ['letters in the middle', `${VALID.slice(0, 8)}AB${VALID.slice(10)}`, 'format'],
    ['O typed for 0', VALID.replace('0', 'O'), 'format'],
    ['X not at the end', `X${VALID.slice(1)}`, 'format'],
    ['dashes', `${VALID.slice(0, 6)}-${VALID.slice(6)}`, 'format'],
    ['wrong check digit', `${VALID.slice(0, 17)}5`, 'checksum'],
    ['two digits swapped', `${VALID.slice(0, 6)}${VALID[7]}${VALID[6]}${VALID.slice(8)}`, 'checksum'],
    ['19990231 birthday', withCheck('11010519990231001'), 'birthday'],
    ['month 13', withCheck('11010519991301001'), 'birthday'],
    ['day 00', withCheck('11010519990100001'), 'birthday'],
    ['29 February of a non-leap year', withCheck('11010519000229001'), 'birthday'],
    ['born before 1900', withCheck('11010518991231001'), 'birthday'],
    ['born tomorrow', withCheck('11010520240616001'), 'birthday'],
  ])('refuses %s', (_label, input, code) => {
    expect(parseCnIdNumber(input, TODAY)).toEqual({ ok: false, code });
  });

  it('accepts 29 February of a leap year, 1900-01-01 and today', () => {
    expect(parseCnIdNumber(withCheck('65010220000229001'), TODAY).ok).toBe(true);
    expect(parseCnIdNumber(withCheck('11010519000101001'), TODAY).ok).toBe(true);
    expect(parseCnIdNumber(withCheck('11010520240615001'), TODAY).ok).toBe(true);
  });
});
