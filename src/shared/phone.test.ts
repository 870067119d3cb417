import { describe, expect, it } from 'vitest';
import { normalizeCnPhone } from './phone.js';

describe('normalizeCnPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６ １９９ １２３４ ５６７８', '19912345678'],
    ['  17712345678 ', '17712345678'],
  ])('normalizes mobile %s', (input, value) => {
    expect(normalizeCnPhone(input)).toEqual({ value, kind: 'mobile' });
  });

  it.each([
    ['010-62345678', '010-62345678'],
    ['(010) 6234 5678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['0755-86013388', '0755-86013388'],
    ['+86 21 6234 5678', '021-62345678'],
    ['（０２０）８７６５４３２１', '020-87654321'],
  ])('normalizes landline %s', (input, value) => {
    expect(normalizeCnPhone(input)).toEqual({ value, kind: 'landline' });
  });

  it.each([
    '',
    '12345678901', // 12x is not a mobile range
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '10086', // service short code
    'abc13812345678',
    '138一二三四5678',
    '010-62345678 转 123',
    '+1 650 253 0000', // not a mainland number
    '<script>13812345678</script>',
  ])('refuses %s', (input) => {
    expect(normalizeCnPhone(input)).toBeNull();
  });
});
