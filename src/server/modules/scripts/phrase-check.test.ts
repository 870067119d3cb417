import { describe, expect, it } from 'vitest';
import { checkPhrases, findPhrases, type PhraseRule } from './phrase-check.js';

const rules: PhraseRule[] = [
  { phrase: '不知道', suggestion: '我帮您查询一下', severity: 'warn' },
  { phrase: '不归我管', suggestion: '我帮您转给负责的同事', severity: 'block' },
  { phrase: 'no way', suggestion: 'let me see what I can do', severity: 'warn' },
];
const slice = (text: string, h: { start: number; end: number }) => text.slice(h.start, h.end);

describe('forbidden phrase checker', () => {
  it('finds every occurrence with positions in the original text', () => {
    const text = '我不知道，这个也不知道。';
    const hits = findPhrases(text, rules);
    expect(hits.map((h) => [h.start, h.end])).toEqual([
      [1, 4],
      [8, 11],
    ]);
    expect(hits.every((h) => slice(text, h) === '不知道')).toBe(true);
    expect(hits[0]).toMatchObject({ phrase: '不知道', suggestion: '我帮您查询一下', severity: 'warn' });
  });

  it('sees through spaces and punctuation slipped between the characters', () => {
    for (const text of ['说实话 不 知 道 啊', '不-知-道', '不，知。道', '不\n知\t道', '不　知　道']) {
      const [hit] = findPhrases(text, rules);
      expect(hit, text).toBeDefined();
      expect(slice(text, hit).replace(/[^\p{Script=Han}]/gu, ''), text).toBe('不知道');
      expect(text[hit.start]).toBe('不');
      expect(text[hit.end - 1]).toBe('道');
    }
  });

  it('ignores case and full-width forms (NFKC)', () => {
    const text = '对不起，ＮＯ　ＷＡＹ！ No Way.';
    const hits = findPhrases(text, rules);
    expect(hits.map((h) => slice(text, h))).toEqual(['ＮＯ　ＷＡＹ', 'No Way']);
  });

  it('does not match a latin phrase inside a longer word', () => {
    expect(findPhrases('Please take notice: nowayout', rules)).toEqual([]);
    expect(findPhrases('There is no way.', rules)).toHaveLength(1);
  });

  it('keeps offsets right after characters outside the BMP', () => {
    const text = '𠮷田先生，不知道';
    const [hit] = findPhrases(text, rules);
    expect(slice(text, hit)).toBe('不知道');
    expect(hit.start).toBe(6);
  });

  it('reports blocked only when a blocking phrase is present', () => {
    expect(checkPhrases('这事不知道', rules).blocked).toBe(false);
    const res = checkPhrases('不知道，这不归我管', rules);
    expect(res.blocked).toBe(true);
    expect(res.hits.map((h) => h.phrase)).toEqual(['不知道', '不归我管']);
    expect(checkPhrases('您好，请稍等', rules)).toEqual({ hits: [], blocked: false });
  });

  it('never matches an empty or punctuation-only phrase', () => {
    expect(findPhrases('！！！', [{ phrase: '！', suggestion: '', severity: 'block' }])).toEqual([]);
  });
});
