import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { customerFilter } from '../../../shared/customers';
import { filterFieldSpecs, fromWireFilter, isComplete, toWireFilter } from './filter-fields';

const t = ((key: string) => key) as unknown as TFunction;
const specs = filterFieldSpecs(t, [{ id: '1', key: 'level', label: '等级', type: 'multiselect', options: [{ value: 'a', label: 'A' }], sort: 0, active: true }], 'zh-CN', { departments: false });

describe('filter builder rows', () => {
  it('offer every allowed field but the department without access, custom fields last', () => {
    expect(specs.map((s) => s.field)).not.toContain('departmentId');
    expect(specs[specs.length - 1]).toMatchObject({ field: 'custom.level', kind: 'options', ops: ['has_any', 'empty', 'not_empty'] });
  });

  it('send complete rows only, with dates as instants covering the whole day, valid for the server', () => {
    const rows = [
      { id: 'a', field: 'lifecycleStatus', op: 'in' as const, value: ['active', 'new'] },
      { id: 'b', field: 'createdAt', op: 'lte' as const, value: '2026-03-31' },
      { id: 'c', field: 'createdAt', op: 'gte' as const, value: '2026-03-01' },
      { id: 'd', field: 'tags', op: 'has_any' as const, value: [] },
      { id: 'e', field: 'email', op: 'empty' as const },
    ];
    expect(rows.map(isComplete)).toEqual([true, true, true, false, true]);
    const wire = toWireFilter('any', rows, specs)!;
    expect(customerFilter.safeParse(wire).success).toBe(true);
    expect(wire.match).toBe('any');
    expect(wire.conditions).toHaveLength(4);
    const lte = new Date(wire.conditions[1].value as string);
    const gte = new Date(wire.conditions[2].value as string);
    expect(lte.getHours()).toBe(23);
    expect(gte.getHours()).toBe(0);
    expect(wire.conditions[3]).toEqual({ field: 'email', op: 'empty' });
    // and back: days again
    expect(fromWireFilter(wire, specs).rows[1].value).toBe('2026-03-31');
    expect(toWireFilter('all', [rows[3]], specs)).toBeUndefined();
  });
});
