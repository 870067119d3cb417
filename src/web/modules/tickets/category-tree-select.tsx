import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketType } from '../../../shared/tickets';
import { useCategories } from './ticket-queries';
import { buildCategoryTree, categoryName, type TicketCategoryNode } from './ticket-types';

type TreeData = { value: string; title: string; key: string; disabled?: boolean; children: TreeData[] };

const toTreeData = (nodes: TicketCategoryNode[], lang: string, keep?: string | null): TreeData[] =>
  nodes
    .filter((n) => n.active || n.id === keep || n.children.length > 0)
    .map((n) => ({ value: n.id, key: n.id, title: categoryName(n, lang), disabled: !n.active, children: toTreeData(n.children, lang, keep) }));

/** Picks one category of a ticket type from its tree; inactive categories are not offered. */
export function CategoryTreeSelect({ type, ...rest }: Omit<TreeSelectProps<string>, 'treeData'> & { type: TicketType | undefined }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const treeData = useMemo(() => (type ? toTreeData(buildCategoryTree(categories.data ?? [], type), i18n.language, rest.value as string | undefined) : []), [categories.data, type, i18n.language, rest.value]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      loading={categories.isLoading}
      treeData={treeData}
      disabled={!type}
      placeholder={type ? t('tickets.form.categoryPlaceholder') : t('tickets.form.categoryPickType')}
      notFoundContent={t('tickets.form.categoryNone')}
      {...rest}
    />
  );
}
