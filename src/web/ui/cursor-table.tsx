import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { useCursorList } from './use-cursor-list';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> & {
  list: ReturnType<typeof useCursorList<T>>;
  emptyText?: string;
  /** Shown under the empty-state sentence, e.g. a create button. */
  emptyExtra?: ReactNode;
};

/** A table over a cursor-paginated endpoint: loading state, empty state, previous/next pages. */
export function CursorTable<T extends object>({ list, emptyText, emptyExtra, ...rest }: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <Table<T>
        {...rest}
        dataSource={list.items}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: list.isLoading ? ' ' : <Empty description={emptyText ?? t('common.empty')}>{emptyExtra}</Empty> }}
      />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        <Typography.Text type="secondary">{t('pager.page', { n: list.pageNumber })}</Typography.Text>
        <Button icon={<LeftOutlined />} disabled={!list.hasPrev} onClick={list.prev} data-testid="page-prev">
          {t('pager.prev')}
        </Button>
        <Button disabled={!list.hasNext} onClick={list.next} data-testid="page-next">
          {t('pager.next')} <RightOutlined />
        </Button>
      </Space>
    </>
  );
}
