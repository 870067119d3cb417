import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/customer-data.en.json';
import zh from '../../i18n/customer-data.zh-CN.json';
import { DUPLICATE_REASONS } from './duplicate-types';
import { DUPLICATE_MODES } from './import-types';
import { templateCsv } from './import-template';

type Tree = { [k: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));

const ours = fs.readdirSync(__dirname).filter((f) => /^(import-|duplicate|merge-|export-)/.test(f) && /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
ours.push('import-page.tsx', 'duplicates-page.tsx');

describe('customer data catalogues (import, duplicates, merge, export)', () => {
  it('have the same keys in Chinese and English', () => {
    expect(flat(en as Tree).sort()).toEqual(flat(zh as Tree).sort());
  });

  it('hold every literal key the pages use', () => {
    const keys = new Set(flat(zh as Tree));
    for (const file of new Set(ours)) {
      const src = fs.readFileSync(path.join(__dirname, file), 'utf8');
      for (const m of src.matchAll(/t\('(customerData\.[A-Za-z0-9_.]+)'/g)) expect(keys.has(m[1]), `${file}: ${m[1]}`).toBe(true);
    }
  });

  it('label every duplicate reason and duplicate mode', () => {
    for (const cat of [zh, en]) {
      for (const r of DUPLICATE_REASONS) expect(cat.customerData.reasons[r], r).toBeTruthy();
      for (const m of DUPLICATE_MODES) expect(cat.customerData.modes[m].label, m).toBeTruthy();
    }
  });

  it('builds a template with a BOM, one header row and rows of the same width', () => {
    for (const lang of ['zh-CN', 'en']) {
      const { text } = templateCsv(lang);
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trim().split('\r\n');
      expect(lines.length).toBe(3);
      const width = (line: string) => line.replace(/"[^"]*"/g, 'x').split(',').length;
      expect(new Set(lines.map(width)).size).toBe(1);
    }
  });
});
