import { describe, expect, it } from 'vitest';
import { queryTokens, textTokens } from './text-tokens.js';

const finds = (text: string, q: string) => {
  const tokens = new Set(textTokens(text));
  return queryTokens(q).every((t) => tokens.has(t));
};

describe('text tokens', () => {
  it('finds Chinese words, fragments across the segmenter’s word borders, single characters and Latin words', () => {
    const subject = '空调售后维修：申请退货的流程 Order AB-12345';
    expect(finds(subject, '售后')).toBe(true);
    expect(finds(subject, '退货流程')).toBe(false); // 货流 is not in the text
    expect(finds(subject, '退货 流程')).toBe(true);
    expect(finds(subject, '调售')).toBe(true);
    expect(finds(subject, '空')).toBe(true);
    expect(finds(subject, 'order')).toBe(true);
    expect(finds(subject, 'ORDER 12345')).toBe(true);
    expect(finds(subject, '洗衣机')).toBe(false);
  });

  it('normalizes full-width forms and stays bounded on long text', () => {
    expect(finds('ＯＲＤＥＲ　１２３', 'order 123')).toBe(true);
    expect(textTokens('客服'.repeat(5000)).length).toBeLessThanOrEqual(400);
    expect(queryTokens('  ，。 ')).toEqual([]);
  });
});
