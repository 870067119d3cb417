import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../config/config.testing.js';
import { seedDemoScripts } from '../scripts/demo-scripts.js';
import { checkText } from '../scripts/phrases.service.js';
import { seedDemoKb } from './demo-kb.js';

describe('demo knowledge base, scripts and phrases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds searchable articles, shared scripts that render, and the phrase list', async () => {
    await t.db.transaction().execute(async (tx) => {
      expect(await seedDemoKb(tx, t.orgId)).toBe(5);
      expect(await seedDemoScripts(tx, t.orgId)).toMatchObject({ replies: 9, phrases: 18 });
    });
    const hits = (await t.admin({ method: 'GET', url: `/api/v1/kb/articles?q=${encodeURIComponent('投诉')}` })).json().items;
    expect(hits[0].title).toBe('客户投诉处理流程');
    const scripts = (await t.admin({ method: 'GET', url: '/api/v1/canned-replies?kind=script&limit=100' })).json().items;
    expect(scripts.length).toBe(6);
    for (const s of scripts) {
      const res = (await t.admin({ method: 'POST', url: `/api/v1/canned-replies/${s.id}/render`, payload: {} })).json();
      expect(res.unknown, s.title).toEqual([]);
    }
    expect((await checkText(t.db, t.orgId, '这个不归我管，你找别人去')).blocked).toBe(true);
  });
});
