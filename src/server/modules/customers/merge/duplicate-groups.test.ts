import { describe, expect, it } from 'vitest';
import { clusterIndexes, coveredEarlier, keptMembers, neighbourPairs, pairKey, sharedReasons } from './duplicate-groups.js';
import { applyChoices, compareCustomers, type MergeRow } from './merge-fields.js';
import { DUPLICATE_REASONS } from './merge.schema.js';

const member = (id: string, extra: Partial<Parameters<typeof sharedReasons>[0][number]> = {}) => ({ id, phones: [], email: null, credit_code: null, id_number_hash: null, name: id, ...extra });

describe('duplicate groups (pure)', () => {
  it('lists every key all members share, in page order', () => {
    const a = member('a', { phones: ['13800000001', '13800000002'], email: 'x@a.cn', name: 'Wang Wei' });
    const b = member('b', { phones: ['13800000002'], email: 'X@a.cn', name: 'wangwei' });
    expect(sharedReasons([a, b])).toEqual(['phone', 'email', 'name']);
    expect(sharedReasons([a, member('c', { phones: ['13800000009'] })])).toEqual([]);
  });

  it('drops members judged not duplicates of everyone else in the group', () => {
    const marks = new Set([pairKey('b', 'a')]);
    expect(keptMembers(['a', 'b'], marks)).toEqual([]);
    expect(keptMembers(['a', 'b', 'c'], marks)).toEqual(['a', 'b', 'c']);
    expect(keptMembers(['a', 'b', 'c'], new Set([pairKey('a', 'b'), pairKey('a', 'c')]))).toEqual(['b', 'c']);
  });

  it('knows a group already shown under an earlier reason', () => {
    expect(coveredEarlier('email', ['phone', 'email'], DUPLICATE_REASONS)).toBe(true);
    expect(coveredEarlier('phone', ['phone', 'email'], DUPLICATE_REASONS)).toBe(false);
    expect(coveredEarlier('name_similar', ['name'], DUPLICATE_REASONS)).toBe(true);
  });

  it('pairs each name key with its next neighbours sharing the first two characters', () => {
    const keys = ['张伟明', '张伟民', '张伟民a', '张华强', '李小龙', '李小鹏', '𠮷野家a', '𠮷野家b'];
    expect(neighbourPairs(keys, 2, keys.length)).toEqual([[0, 1], [0, 2], [1, 2], [4, 5], [6, 7]]);
    // anchors stop where the next page (overlapping by the window) takes over
    expect(neighbourPairs(keys, 2, 4)).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(clusterIndexes(8, [[4, 5], [1, 2], [0, 1]])).toEqual([[0, 1, 2], [4, 5]]);
  });
});

const row = (extra: Partial<MergeRow>): MergeRow =>
  ({
    kind: 'individual', name: '张三', name_en: null, gender: null, birthday: null, phones: [], email: null, wechat: null,
    province_code: null, city_code: null, district_code: null, address: null, company: null, job_title: null,
    credit_code: null, industry: null, company_size: null, legal_rep: null, registered_capital_fen: null,
    id_number_enc: null, id_number_hash: null, id_number_masked: null, source_channel: null, owner_id: null,
    department_id: null, lifecycle_status: 'potential', class_marketing: null, class_management: null, class_product: null,
    is_internal: false, tags: [], custom: {}, preferences: {}, remark: '', ...extra,
  }) as MergeRow;

describe('merge fields (pure)', () => {
  it('suggests the survivor’s value unless empty, unites phones and tags, compares custom values key by key', () => {
    const s = row({ email: null, phones: [{ value: '13800000001', kind: 'mobile' }], tags: ['VIP'], custom: { level: 'gold' } });
    const m = row({ name: '张叁', email: 'z@a.cn', phones: [{ value: '13800000002', kind: 'mobile' }], tags: ['VIP', '老客户'], custom: { level: 'silver', size: 3 } });
    const byField = Object.fromEntries(compareCustomers(s, m).map((c) => [c.field, c]));
    expect(byField.name.suggested).toBe('survivor');
    expect(byField.email.suggested).toBe('merged');
    expect(byField.phones).toMatchObject({ suggested: 'union', same: false });
    expect(byField['custom.level'].suggested).toBe('survivor');
    expect(byField['custom.size'].suggested).toBe('merged');
    const applied = applyChoices(s, m, { name: 'merged' });
    expect(applied.problems).toEqual([]);
    expect(applied.values).toMatchObject({ name: '张叁', email: 'z@a.cn', tags: ['VIP', '老客户'], custom: { level: 'gold', size: 3 } });
    expect(applied.values.phones.map((p) => p.value)).toEqual(['13800000001', '13800000002']);
  });

  it('refuses unknown fields, impossible choices and a union over the form’s limit', () => {
    const phones = (from: number) => Array.from({ length: 3 }, (_, i) => ({ value: `1380000000${from + i}`, kind: 'mobile' as const }));
    const s = row({ phones: phones(0) });
    const m = row({ phones: phones(5) });
    const problems = applyChoices(s, m, { nope: 'merged', name: 'union', phones: 'union' }).problems.map((p) => p.code);
    expect(problems.sort()).toEqual(['merge_invalid_choice', 'merge_too_many_phones', 'merge_unknown_field']);
    expect(applyChoices(s, m, {}).values.phones).toHaveLength(3);
  });
});
