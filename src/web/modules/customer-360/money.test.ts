import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, formatFenPlain, formatQuantity, yuanInputProps, yuanToFen } from './money';

describe('money', () => {
  it('formats fen as Chinese yuan with thousands separators', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-123456789)).toBe('-¥1,234,567.89');
    expect(formatFen(100_000_000_00)).toBe('¥100,000,000.00');
    expect(formatFen(null)).toBe('—');
  });

  it('converts between yuan and fen without binary noise', () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1234.5)).toBe(123450);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(null)).toBeNull();
    expect(fenToYuan(123450)).toBe(1234.5);
  });

  it('groups digits in the yuan input and parses them back', () => {
    expect(yuanInputProps.formatter(1234567.5)).toBe('1,234,567.50');
    expect(yuanInputProps.formatter('1234567.5', { userTyping: true, input: '1234567.5' })).toBe('1,234,567.5');
    expect(yuanInputProps.formatter(-3, { userTyping: false, input: '' })).toBe('-3.00');
    expect(formatFenPlain(123450)).toBe('1,234.50');
    expect(yuanInputProps.parser('¥1,234,567.50')).toBe('1234567.50');
    expect(formatQuantity(1500)).toBe('1,500');
    expect(formatQuantity(1.25)).toBe('1.25');
  });
});
