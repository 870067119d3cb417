import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { pinyin } from 'pinyin-pro';

/**
 * Search tokens of a knowledge-base article, stored in `kb_articles.search_tokens` behind a GIN
 * index. PostgreSQL has no Chinese segmenter, so words come from jieba here (the same code on
 * PGlite and PostgreSQL). Each token is a kind prefix and a lower-case value:
 * - `t:` words of the title (jieba cutForSearch, which also yields the shorter words inside
 *   long ones: 路由器 → 路由, 路由器), `b:` words of the body
 * - `g:` two-character windows of the title, so a query that jieba cuts differently, or a
 *   fragment of a word, still finds the title; `c:` its single Han characters
 * - `py:` the full pinyin of the title's Han words (tuikuan), `in:` their initials (tk)
 * Title tokens weigh more in ranking (see TITLE_WEIGHT).
 */
const jieba = Jieba.withDict(dict);

export const TITLE_WEIGHT = 3;
// Bounds keep a long article to a few thousand tokens (the index grows with them).
const MAX_BODY_WORDS = 3000;
const MAX_QUERY_WORDS = 24;
const MAX_TITLE_CHARS = 120;

const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}._+-]*$/u;
// Function words, and words every customer-service article uses, would match nearly every article.
const STOPWORDS = new Set([
  '的', '了', '是', '在', '和', '与', '及', '或', '也', '都', '就', '而', '我', '你', '您', '他', '她', '它', '我们', '你们', '这', '那', '这个', '那个',
  '吗', '呢', '吧', '啊', '呀', '怎么', '怎样', '如何', '什么', '为什么', '哪里', '可以', '能', '会', '要', '请', '有', '没有', '一个', '一下', '问题', '客户', '客服',
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'is', 'are', 'be', 'how', 'what', 'why', 'do', 'i', 'my', 'it', 'with',
]);

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/** Content words of a text: jieba's search cut, lower case, without punctuation, stopwords and lone Han characters. */
export function words(text: string, max = MAX_BODY_WORDS): string[] {
  const out = new Set<string>();
  for (const raw of jieba.cutForSearch(fold(text), true)) {
    const w = raw.trim();
    if (!WORD.test(w) || STOPWORDS.has(w)) continue;
    if ([...w].length === 1 && HAN.test(w)) continue;
    out.add(w);
    if (out.size >= max) break;
  }
  return [...out];
}

function hanChars(text: string): string[] {
  return [...fold(text)].filter((c) => HAN.test(c));
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < chars.length; i++) out.push(chars[i - 1] + chars[i]);
  return out;
}

function pinyinTokens(titleWords: string[]): string[] {
  const out: string[] = [];
  for (const w of titleWords) {
    if (!HAN.test(w)) continue;
    const syllables = pinyin(w, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).filter((s) => /^[a-z]+$/.test(s));
    if (syllables.length === 0) continue;
    out.push(`py:${syllables.join('')}`, `in:${syllables.map((s) => s[0]).join('')}`);
  }
  return out;
}

/** Every search token of an article (deduplicated). `bodyText` is the readable text, not Markdown. */
export function articleTokens(title: string, bodyText: string, tags: string[] = []): string[] {
  const titleText = title.slice(0, MAX_TITLE_CHARS);
  const titleWords = words(`${titleText} ${tags.join(' ')}`);
  const chars = hanChars(titleText);
  const out = new Set<string>([
    ...titleWords.map((w) => `t:${w}`),
    ...bigrams(chars).map((g) => `g:${g}`),
    ...chars.map((c) => `c:${c}`),
    ...pinyinTokens(titleWords),
    ...words(bodyText).map((w) => `b:${w}`),
  ]);
  return [...out];
}

/**
 * What a search-box query or a ticket's text looks for: `title` tokens are compared with the
 * article's title tokens (weighted), `body` with its body tokens; `terms` are the words to
 * highlight. An article matches when it shares at least one token.
 */
export type ArticleQuery = { title: string[]; body: string[]; terms: string[] };

export function articleQuery(text: string, maxWords = MAX_QUERY_WORDS): ArticleQuery {
  const qWords = words(text, maxWords);
  const chars = hanChars(text);
  const title = new Set<string>(qWords.map((w) => `t:${w}`));
  // short Han queries: fragments of words (退 finds 退款, 款流 finds 退款流程)
  if (chars.length <= 6) {
    for (const g of bigrams(chars)) title.add(`g:${g}`);
    if (chars.length === 1) title.add(`c:${chars[0]}`);
  }
  const latin = fold(text).replace(/[^a-z]/g, '');
  if (latin.length >= 2 && latin === fold(text).replace(/\s/g, '')) {
    // pinyin typed for a Chinese title: tuikuan, tk
    title.add(`py:${latin}`);
    title.add(`in:${latin}`);
  }
  const terms = qWords.length > 0 ? qWords : chars.length > 0 ? [chars.join('')] : [];
  return { title: [...title], body: qWords.map((w) => `b:${w}`), terms };
}
