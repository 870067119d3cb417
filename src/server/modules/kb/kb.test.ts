import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Injector, type TestApp } from '../config/config.testing.js';
import { getPublicArticle, listPublicArticles } from './kb.service.js';

describe('knowledge base API', () => {
  let t: TestApp;
  let reader: Injector & { userId: string };
  let editor: Injector & { userId: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    reader = await t.userWith(['kb.read']);
    editor = await t.userWith(['kb.read', 'kb.manage'], { locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: Injector, url: string, payload: unknown) => who({ method: 'POST', url, payload: payload as Record<string, unknown> });
  const article = async (payload: Record<string, unknown>) => {
    const res = await post(editor, '/api/v1/kb/articles', payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('builds a category tree and refuses cycles, unknown parents and deleting a category in use', async () => {
    const root = await post(editor, '/api/v1/kb/categories', { name: '宽带业务', nameEn: 'Broadband' });
    expect(root.statusCode).toBe(201);
    ids.root = root.json().id;
    const child = await post(editor, '/api/v1/kb/categories', { name: '故障排查', parentId: ids.root, sort: 2 });
    ids.child = child.json().id;
    expect(child.json()).toMatchObject({ parentId: ids.root, sort: 2 });
    const cycle = await editor({ method: 'PATCH', url: `/api/v1/kb/categories/${ids.root}`, payload: { parentId: ids.child } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error).toMatchObject({ code: 'kb_category_parent_invalid', details: { path: ['body', 'parentId'] } });
    const unknown = await post(editor, '/api/v1/kb/categories', { name: 'x', parentId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(unknown.json().error.code).toBe('kb_category_parent_invalid');
    expect((await post(editor, '/api/v1/kb/categories', { name: '  ' })).statusCode).toBe(400);
    expect((await post(reader, '/api/v1/kb/categories', { name: '读者' })).statusCode).toBe(403);
    const renamed = await editor({ method: 'PATCH', url: `/api/v1/kb/categories/${ids.child}`, payload: { name: '故障处理' } });
    expect(renamed.json().name).toBe('故障处理');
    const list = (await reader({ method: 'GET', url: '/api/v1/kb/categories' })).json().items;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['宽带业务', '故障处理']);
    const inUse = await editor({ method: 'DELETE', url: `/api/v1/kb/categories/${ids.root}` });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({ code: 'kb_category_not_empty', message: expect.stringContaining('subcategories') });
  });

  it('stores Markdown and returns its sanitized HTML; scripts and javascript: URLs never survive', async () => {
    const a = await article({
      title: '宽带无法上网怎么办',
      body: '## 排查步骤\n\n1. 重启光猫和路由器\n2. 检查网线\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[帮助](javascript:alert(1))',
      categoryId: ids.child,
      status: 'published',
      visibility: 'public',
      tags: ['宽带', '故障'],
    });
    ids.broadband = a.id;
    expect(a.body).toContain('<script>');
    expect(a.html).toContain('<h2>排查步骤</h2>');
    expect(a.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(a.html).toContain('帮助</a>');
    expect(a.publishedAt).not.toBeNull();
    const preview = await post(editor, '/api/v1/kb/preview', { body: '**粗体**<script>x</script>' });
    expect(preview.json().html.trim()).toBe('<p><strong>粗体</strong></p>');
    expect((await post(reader, '/api/v1/kb/preview', { body: 'x' })).statusCode).toBe(403);
    expect(a.version).toBe(1);
    const entry = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'kb_article.create').executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({ title: '宽带无法上网怎么办' });
  });

  it('refuses bad input with localized 400s', async () => {
    const bad = async (payload: Record<string, unknown>) => {
      const res = await post(editor, '/api/v1/kb/articles', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      return res.json().error;
    };
    expect((await bad({ title: '' })).details[0].path).toEqual(['body', 'title']);
    expect((await bad({ title: 'x', status: 'live' })).details[0].path).toEqual(['body', 'status']);
    expect((await bad({ title: 'x', visibility: 'everyone' })).code).toBe('validation');
    expect((await bad({ title: 'x', authorId: 'me' })).details[0].code).toBe('unrecognized_keys');
    const cat = await bad({ title: 'x', categoryId: '0190a0a0-0000-7000-8000-000000000000' });
    expect(cat).toMatchObject({ code: 'kb_category_not_found', message: 'The selected category does not exist' });
    expect((await editor({ method: 'GET', url: '/api/v1/kb/articles?cursor=%%%' })).statusCode).toBe(400);
    expect((await editor({ method: 'GET', url: '/api/v1/kb/articles?limit=1000' })).statusCode).toBe(400);
    expect((await reader({ method: 'POST', url: '/api/v1/kb/articles', payload: { title: 'x' } })).statusCode).toBe(403);
  });

  it('searches Chinese text, ranks title hits first and highlights the hits', async () => {
    ids.refund = (await article({ title: '退款流程说明', body: '在订单页面提交**退款**申请，客服会在一个工作日内审核。', status: 'published', visibility: 'public' })).id;
    ids.invoice = (await article({ title: '发票开具', body: '如果订单已经退款，发票会同时作废。', status: 'published' })).id;
    ids.draft = (await article({ title: '退款草稿', body: '还没写完', status: 'draft' })).id;
    const search = async (who: Injector, q: string) => (await who({ method: 'GET', url: `/api/v1/kb/articles?q=${encodeURIComponent(q)}` })).json().items;
    const hits = await search(reader, '如何退款');
    expect(hits.map((h: { id: string }) => h.id)).toEqual([ids.refund, ids.invoice]);
    const [first] = hits;
    expect(first.titleHighlight.marks).toEqual([[0, 2]]);
    const s = first.snippet;
    expect(s.marks.length).toBeGreaterThan(0);
    for (const [a, b] of s.marks) expect(s.text.slice(a, b)).toBe('退款');
    expect(first.snippet.text).not.toContain('**');
    // editors also find drafts; readers do not
    expect((await search(editor, '退款')).map((h: { id: string }) => h.id)).toContain(ids.draft);
    expect((await search(reader, '退款')).map((h: { id: string }) => h.id)).not.toContain(ids.draft);
    // fragments, pinyin and tags
    expect((await search(reader, '光猫')).map((h: { id: string }) => h.id)).toEqual([ids.broadband]);
    expect((await search(reader, 'tuikuan'))[0].id).toBe(ids.refund);
    expect((await search(reader, '的了吗？'))).toEqual([]);
    expect(await search(reader, '量子计算')).toEqual([]);
  });

  it('pages results and filters by a category and everything under it', async () => {
    const first = (await reader({ method: 'GET', url: '/api/v1/kb/articles?q=退款&limit=1' })).json();
    expect(first.items).toHaveLength(1);
    const second = (await reader({ method: 'GET', url: `/api/v1/kb/articles?q=退款&limit=1&cursor=${first.nextCursor}` })).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
    const all = (await reader({ method: 'GET', url: '/api/v1/kb/articles?limit=2' })).json();
    const rest = (await reader({ method: 'GET', url: `/api/v1/kb/articles?limit=2&cursor=${all.nextCursor}` })).json();
    expect([...all.items, ...rest.items].map((a: { id: string }) => a.id).sort()).toEqual([ids.broadband, ids.refund, ids.invoice].sort());
    const inRoot = (await reader({ method: 'GET', url: `/api/v1/kb/articles?categoryId=${ids.root}` })).json().items;
    expect(inRoot.map((a: { id: string }) => a.id)).toEqual([ids.broadband]);
  });

  it('suggests up to five published articles for a ticket text', async () => {
    const res = await reader({ method: 'GET', url: `/api/v1/kb/suggest?text=${encodeURIComponent('客户来电：家里宽带无法上网，已经重启路由器')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].id).toBe(ids.broadband);
    expect(res.json().items.length).toBeLessThanOrEqual(5);
    expect((await reader({ method: 'GET', url: '/api/v1/kb/suggest?text=' })).json().items).toEqual([]);
  });

  it('updates with If-Match, counts views and one helpful vote per reader', async () => {
    const url = `/api/v1/kb/articles/${ids.refund}`;
    expect((await editor({ method: 'PATCH', url, payload: { title: '退款流程' } })).statusCode).toBe(428);
    const ok = await editor({ method: 'PATCH', url, payload: { title: '退款流程（新版）', tags: ['退款'] }, headers: { 'if-match': '"1"' } });
    expect(ok.json()).toMatchObject({ title: '退款流程（新版）', version: 2 });
    expect((await editor({ method: 'PATCH', url, payload: { title: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    await reader({ method: 'POST', url: `${url}/view` });
    await reader({ method: 'POST', url: `${url}/view` });
    const vote = (helpful: boolean, who: Injector = reader) => who({ method: 'POST', url: `${url}/vote`, payload: { helpful } });
    expect((await vote(true)).json()).toMatchObject({ helpfulYes: 1, helpfulNo: 0, myVote: true });
    expect((await vote(true)).json()).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
    expect((await vote(false)).json()).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });
    expect((await vote(true, editor)).json()).toMatchObject({ helpfulYes: 1, helpfulNo: 1 });
    const read = (await reader({ method: 'GET', url })).json();
    expect(read).toMatchObject({ viewCount: 2, myVote: false });
    expect((await reader({ method: 'GET', url: `/api/v1/kb/articles/${ids.draft}` })).statusCode).toBe(404);
    expect((await reader({ method: 'POST', url: `/api/v1/kb/articles/${ids.draft}/vote`, payload: { helpful: true } })).statusCode).toBe(404);
    expect((await vote('yes' as unknown as boolean)).statusCode).toBe(400);
  });

  it('offers the customer portal published public articles only', async () => {
    const page = await listPublicArticles(t.db, t.orgId, {});
    expect(page.items.map((a) => a.id).sort()).toEqual([ids.broadband, ids.refund].sort());
    expect((await listPublicArticles(t.db, t.orgId, { q: '发票' })).items).toEqual([]);
    expect((await listPublicArticles(t.db, t.orgId, { q: '退款' })).items.map((a) => a.id)).toEqual([ids.refund]);
    expect(await getPublicArticle(t.db, t.orgId, ids.invoice)).toBeNull();
    expect(await getPublicArticle(t.db, t.orgId, ids.draft)).toBeNull();
    expect((await getPublicArticle(t.db, t.orgId, ids.broadband))?.html).toContain('<ol>');
  });

  it('deletes articles and then empty categories', async () => {
    expect((await editor({ method: 'DELETE', url: `/api/v1/kb/articles/${ids.broadband}` })).statusCode).toBe(204);
    expect((await editor({ method: 'DELETE', url: `/api/v1/kb/categories/${ids.child}` })).statusCode).toBe(204);
    expect((await editor({ method: 'DELETE', url: `/api/v1/kb/categories/${ids.root}` })).statusCode).toBe(204);
    expect((await editor({ method: 'GET', url: `/api/v1/kb/articles/${ids.broadband}` })).statusCode).toBe(404);
  });
});
