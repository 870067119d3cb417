import { describe, expect, it } from 'vitest';
import { DATA_SCOPES, FIELD_RULES, MASKABLE_FIELDS, PERMISSIONS, SCOPED_RESOURCES } from '../../../shared/permissions';
import orgEn from '../../i18n/org.en.json';
import orgZh from '../../i18n/org.zh-CN.json';
import { groupPermissions, PERMISSION_GROUPS } from './permission-groups';

type Tree = { [k: string]: string | Tree };
const flat = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v, `${prefix}${k}.`)));

describe('organization catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(flat(orgEn as Tree).sort()).toEqual(flat(orgZh as Tree).sort());
  });

  it('label every permission, scoped resource, data scope, maskable field and rule in both languages', () => {
    for (const cat of [orgZh, orgEn] as unknown as { permissions: Record<string, string>; org: { roles: Record<string, Record<string, string>> } }[]) {
      for (const p of PERMISSIONS) expect(cat.permissions[p], p).toBeTruthy();
      for (const r of SCOPED_RESOURCES) expect(cat.org.roles.resources[r], r).toBeTruthy();
      for (const s of DATA_SCOPES) expect(cat.org.roles.scopes[s], s).toBeTruthy();
      for (const f of MASKABLE_FIELDS) expect(cat.org.roles.fields[f], f).toBeTruthy();
      for (const r of FIELD_RULES) expect(cat.org.roles.rules[r], r).toBeTruthy();
      for (const g of PERMISSION_GROUPS) expect(cat.org.roles.groups[g.key], g.key).toBeTruthy();
    }
  });

  it('puts every catalogue permission in a named group, each exactly once', () => {
    const groups = groupPermissions([...PERMISSIONS]);
    expect(groups.map((g) => g.key)).not.toContain('other');
    expect(groups.flatMap((g) => g.codes).sort()).toEqual([...PERMISSIONS].sort());
    expect(groupPermissions(['later.module.permission']).map((g) => g.key)).toEqual(['other']);
  });
});
