import { describe, expect, it } from 'vitest';
import { articleQuery, articleTokens, words } from './kb-tokens.js';
import { snippet } from './snippet.js';

describe('knowledge-base search tokens', () => {
  it('segments Chinese with jieba, keeping 售后 as one word and dropping function words', () => {
    expect(words('如何申请售后退款？')).toEqual(expect.arrayContaining(['申请', '售后', '退款']));
    expect(words('如何申请售后退款？')).not.toContain('如何');
    expect(words('路由器')).toEqual(expect.arrayContaining(['路由', '路由器']));
  });

  it('gives the title words, bigrams, characters and pinyin, and the body words', () => {
    const tokens = articleTokens('宽带退款流程', '登录账户后提交退款申请，客服审核。', ['宽带']);
    expect(tokens).toEqual(expect.arrayContaining(['t:宽带', 't:退款', 't:流程', 'g:带退', 'c:宽', 'py:tuikuan', 'in:tk', 'b:登录', 'b:审核']));
  });

  it('turns a query into title and body tokens that meet the article tokens', () => {
    const tokens = new Set(articleTokens('宽带退款流程', '登录账户后提交申请'));
    const hit = (q: string) => articleQuery(q).title.some((t) => tokens.has(t)) || articleQuery(q).body.some((t) => tokens.has(t));
    expect(hit('退款')).toBe(true);
    expect(hit('怎么退款')).toBe(true);
    expect(hit('带退')).toBe(true);
    expect(hit('退')).toBe(true);
    expect(hit('tuikuan')).toBe(true);
    expect(hit('登录')).toBe(true);
    expect(hit('发票')).toBe(false);
    expect(articleQuery('的了吗').title).toEqual(['g:的了', 'g:了吗']);
  });

  it('cuts a snippet around the first hit and marks every hit in it', () => {
    const text = `${'前言'.repeat(40)}如果需要退款，请在订单页面申请退款。`;
    const s = snippet(text, ['退款']);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.marks.length).toBe(2);
    for (const [a, b] of s.marks) expect(s.text.slice(a, b)).toBe('退款');
    expect(snippet('没有命中', ['退款'])).toEqual({ text: '没有命中', marks: [] });
  });
});
