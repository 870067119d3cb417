import type { DepartmentRow } from '../../platform/db-schema.js';
import type { DepartmentView } from './departments.schema.js';
import { isoDate } from './org.common.js';

export function presentDepartment(row: DepartmentRow, memberCount: number): DepartmentView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    code: row.code,
    sort: row.sort,
    path: row.path,
    memberCount,
    version: row.version,
    createdAt: isoDate(row.created_at)!,
    updatedAt: isoDate(row.updated_at)!,
  };
}

/** The audited shape of a department (what an administrator changes). */
export const departmentSnapshot = (row: Pick<DepartmentRow, 'name' | 'code' | 'parent_id' | 'sort' | 'path'>) => ({
  name: row.name,
  code: row.code,
  parentId: row.parent_id,
  sort: row.sort,
  path: row.path,
});
