import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Tree = { [k: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));

function catalogues(dir: string): Map<string, { 'zh-CN'?: Tree; en?: Tree }> {
  const out = new Map<string, { 'zh-CN'?: Tree; en?: Tree }>();
  for (const file of fs.readdirSync(dir)) {
    const m = /^(.+)\.(zh-CN|en)\.json$/.exec(file);
    if (!m) continue;
    const entry = out.get(m[1]) ?? {};
    entry[m[2] as 'zh-CN' | 'en'] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Tree;
    out.set(m[1], entry);
  }
  return out;
}

const web = catalogues(path.resolve('src/web/i18n'));
const server = catalogues(path.resolve('src/server/i18n'));

describe('message catalogues', () => {
  it.each([...web.keys()])('web %s: the same keys in Chinese and English', (area) => {
    const { 'zh-CN': zh, en } = web.get(area)!;
    expect(zh && en, `${area} needs both languages`).toBeTruthy();
    expect(flat(en!).sort()).toEqual(flat(zh!).sort());
  });

  it.each([...server.keys()])('server %s: the same keys in Chinese and English', (area) => {
    const { 'zh-CN': zh, en } = server.get(area)!;
    expect(zh && en, `${area} needs both languages`).toBeTruthy();
    expect(flat(en!).sort()).toEqual(flat(zh!).sort());
  });

  it('web areas never share a top-level key (the web app merges files key by key, so one would hide the other)', () => {
    const owner = new Map<string, string>();
    for (const [area, { 'zh-CN': zh }] of web) {
      for (const key of Object.keys(zh ?? {})) {
        expect(owner.get(key), `top-level key "${key}" in both ${owner.get(key)} and ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
  });

  it('server areas never define the same message twice', () => {
    const owner = new Map<string, string>();
    for (const [area, { 'zh-CN': zh }] of server) {
      for (const key of flat(zh ?? {})) {
        expect(owner.get(key), `"${key}" in both ${owner.get(key)} and ${area}`).toBeUndefined();
        owner.set(key, area);
      }
    }
  });
});
