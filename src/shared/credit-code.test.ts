import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, parseCreditCode } from './credit-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Written out independently of the implementation: weight i is 3^i mod 31.
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * (3 ** i % 31);
  return first17 + CHARSET[(31 - (sum % 31)) % 31];
}

const PUBLISHED = '91350100M000100Y43';
const COMPUTED = withCheck('91440300MA5D8Y1K2');

describe('parseCreditCode', () => {
  it('accepts the published example', () => {
    expect(parseCreditCode(PUBLISHED)).toEqual({ ok: true, value: PUBLISHED });
  });

  it('accepts a code whose check character is computed here', () => {
    expect(parseCreditCode(COMPUTED)).toEqual({ ok: true, value: COMPUTED });
    expect(creditCodeCheckChar(COMPUTED)).toBe(COMPUTED[17]);
  });

  it('accepts lower case, full-width characters and spaces', () => {
    expect(parseCreditCode(PUBLISHED.toLowerCase())).toEqual({ ok: true, value: PUBLISHED });
    expect(parseCreditCode(' 9135 0100 M000 100Y 43 ')).toEqual({ ok: true, value: PUBLISHED });
    expect(parseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, value: PUBLISHED });
    expect(parseCreditCode(`\u200B${PUBLISHED}\u200B`)).toEqual({ ok: true, value: PUBLISHED });
  });

  it.each([
    ['17 characters', PUBLISHED.slice(0, 17), 'length'],
    ['19 characters', `${PUBLISHED}3`, 'length'],
    ['empty', '', 'length'],
    ['wrong check character', `${PUBLISHED.slice(0, 17)}4`, 'checksum'],
    ['two characters swapped', `${PUBLISHED.slice(0, 8)}${PUBLISHED[9]}${PUBLISHED[8]}${PUBLISHED.slice(10)}`, 'checksum'],
    ['I', `${PUBLISHED.slice(0, 8)}I${PUBLISHED.slice(9)}`, 'format'],
    ['O', `${PUBLISHED.slice(0, 8)}O${PUBLISHED.slice(9)}`, 'format'],
    ['Z', `${PUBLISHED.slice(0, 8)}Z${PUBLISHED.slice(9)}`, 'format'],
    ['S', `${PUBLISHED.slice(0, 8)}S${PUBLISHED.slice(9)}`, 'format'],
    ['V', `${PUBLISHED.slice(0, 8)}V${PUBLISHED.slice(9)}`, 'format'],
    ['a dash', `${PUBLISHED.slice(0, 8)}-${PUBLISHED.slice(9)}`, 'format'],
    ['Chinese', `${PUBLISHED.slice(0, 16)}公司`, 'format'],
  ])('refuses %s', (_label, input, code) => {
    expect(parseCreditCode(input)).toEqual({ ok: false, code });
  });
});
