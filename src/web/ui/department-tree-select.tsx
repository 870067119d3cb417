import { useQuery } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { fetchAll } from './fetch-all';

/** One department as `GET /api/v1/departments` lists it (flat; the tree is built here). */
export type Department = {
  id: string;
  parentId: string | null;
  name: string;
  code: string | null;
  sort: number;
  path: string;
  memberCount?: number;
  version: number;
};

export type DepartmentNode = Department & { children: DepartmentNode[] };

/** All departments of the organization, cached under the 'departments' key. */
export function useDepartments(enabled = true) {
  return useQuery({ queryKey: ['departments'], queryFn: () => fetchAll<Department>('/departments'), enabled, staleTime: 30_000 });
}

/** Builds the tree from the flat list, siblings by `sort` then name; orphans become roots. */
export function buildDepartmentTree(list: Department[]): DepartmentNode[] {
  const byId = new Map<string, DepartmentNode>(list.map((d) => [d.id, { ...d, children: [] }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (nodes: DepartmentNode[]) => {
    nodes.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    nodes.forEach((n) => order(n.children));
  };
  order(roots);
  return roots;
}

/** "客服中心 / 售后服务部 / 一组" for a department id, from the materialized path. */
export function departmentPathName(list: Department[], id: string | null | undefined): string {
  if (!id) return '';
  const byId = new Map(list.map((d) => [d.id, d]));
  const dept = byId.get(id);
  if (!dept) return '';
  const ids = dept.path.split('/').filter(Boolean);
  return ids.map((x) => byId.get(x)?.name ?? '…').join(' / ');
}

type TreeData = { value: string; title: string; key: string; disabled?: boolean; children: TreeData[] };

function toTreeData(nodes: DepartmentNode[], disabledIds: Set<string>, parentDisabled = false): TreeData[] {
  return nodes.map((n) => {
    const disabled = parentDisabled || disabledIds.has(n.id);
    return { value: n.id, key: n.id, title: n.name, disabled, children: toTreeData(n.children, disabledIds, disabled) };
  });
}

type Props = Omit<TreeSelectProps<string>, 'treeData'> & {
  /** Departments that may not be chosen, with their whole subtree (e.g. moving a department under itself). */
  excludeSubtreeOf?: string[];
};

/** Picks one department from the organization's tree, searchable by name. */
export function DepartmentTreeSelect({ excludeSubtreeOf, ...rest }: Props) {
  const { data = [], isLoading } = useDepartments();
  const treeData = useMemo(() => toTreeData(buildDepartmentTree(data), new Set(excludeSubtreeOf ?? [])), [data, excludeSubtreeOf]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      loading={isLoading}
      treeData={treeData}
      {...rest}
    />
  );
}
