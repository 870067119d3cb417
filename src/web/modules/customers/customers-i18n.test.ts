import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLASS_MANAGEMENT,
  CLASS_MARKETING,
  CLASS_PRODUCT,
  COMPANY_SIZES,
  CONTACT_ROLES,
  CUSTOMER_KINDS,
  FILTER_FIELDS,
  FILTER_OPS,
  GENDERS,
  LIFECYCLE_STATUSES,
  SOURCE_CHANNELS,
  VIEW_COLUMNS,
} from '../../../shared/customers';
import en from '../../i18n/customers.en.json';
import zh from '../../i18n/customers.zh-CN.json';
import serverEn from '../../../server/i18n/customer-labels.en.json';
import serverZh from '../../../server/i18n/customer-labels.zh-CN.json';
import { PREFERRED_CHANNELS } from './customer-labels';
import { CUSTOMER_SORT_OPTIONS } from './customer-types';

type Tree = { [k: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));
const has = (cat: Tree, key: string) => {
  const keys = new Set(flat(cat));
  return keys.has(key) || keys.has(`${key}_other`);
};

describe('customer catalogues', () => {
  it('label every enum value the customer pages and others show, in both languages', () => {
    const groups: Record<string, readonly string[]> = {
      kind: CUSTOMER_KINDS,
      status: LIFECYCLE_STATUSES,
      classMarketing: CLASS_MARKETING,
      classManagement: CLASS_MANAGEMENT,
      classProduct: CLASS_PRODUCT,
      sourceChannel: SOURCE_CHANNELS,
      companySize: COMPANY_SIZES,
      gender: GENDERS,
      contactRole: CONTACT_ROLES,
      preferredChannel: PREFERRED_CHANNELS,
      columns: VIEW_COLUMNS,
      'filter.fields': FILTER_FIELDS,
      'filter.ops': FILTER_OPS,
      sorts: CUSTOMER_SORT_OPTIONS,
    };
    for (const cat of [zh, en] as unknown as Tree[]) {
      for (const [group, values] of Object.entries(groups)) for (const v of values) expect(has(cat, `customers.${group}.${v}`), `${group}.${v}`).toBe(true);
    }
  });

  it('give the server the lifecycle labels its error messages use', () => {
    for (const cat of [serverZh, serverEn] as unknown as { customers: { status: Record<string, string> } }[]) {
      for (const s of LIFECYCLE_STATUSES) expect(cat.customers.status[s], s).toBeTruthy();
    }
  });

  it('hold every literal key the customer pages ask for', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const used = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/\bt\('(customers\.[A-Za-z0-9_.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const cat of [zh, en] as unknown as Tree[]) for (const key of used) expect(has(cat, key), key).toBe(true);
  });
});
