import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from './csv.js';

describe('privacy CSV', () => {
  it('escapes formula prefixes but leaves plain numbers alone', () => {
    for (const cell of ['=1+2', '+86 138', '-cmd', '@SUM(A1)', '\tx', '\rx']) expect(escapeCell(cell)).toBe(`'${cell}`);
    for (const cell of ['-5.00', '12', '张三', 'a=b']) expect(escapeCell(cell)).toBe(cell);
  });

  it('writes a BOM, a header, CRLF rows, ISO times, JSON objects and empty nulls', () => {
    const csv = toCsv(['a', 'b', 'c'], [{ a: '=x', b: new Date(0), c: { k: 1 } }, { a: null, b: true, c: '张,三' }]);
    expect(csv).toBe('\ufeffa,b,c\r\n\'=x,1970-01-01T00:00:00.000Z,"{""k"":1}"\r\n,true,"张,三"\r\n');
  });
});
