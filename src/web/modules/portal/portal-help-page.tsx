import { FileTextOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, List, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page } from '../../ui/api';
import { formatDate } from '../../ui/format';
import { HighlightedText } from '../kb/highlighted-text';
import type { KbArticleSummary } from '../kb/kb-types';
import { portalKeys } from './portal-queries';

/** The public help centre: published public articles, searched the way the agents' knowledge base is. */
export default function PortalHelpPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const query = useInfiniteQuery({
    queryKey: portalKeys.articles(q),
    queryFn: ({ pageParam }) => api<Page<KbArticleSummary>>('/portal/articles', { query: { q: q || undefined, cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const body = () => {
    if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
    if (query.isError) return <Result status="warning" title={t('portal.error.load')} extra={<Button onClick={() => void query.refetch()}>{t('portal.error.retry')}</Button>} />;
    if (items.length === 0) return <Empty description={q ? t('portal.help.noMatch') : t('portal.help.empty')} data-testid="portal-help-empty" />;
    return (
      <>
        <List
          dataSource={items}
          data-testid="portal-articles"
          renderItem={(a) => (
            <List.Item key={a.id}>
              <List.Item.Meta
                avatar={<FileTextOutlined style={{ fontSize: 18, color: '#1677ff', marginTop: 4 }} />}
                title={
                  <Link to={`/portal/help/${a.id}`} data-testid="portal-article-link">
                    <HighlightedText value={a.titleHighlight} />
                  </Link>
                }
                description={
                  <>
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      <HighlightedText value={a.snippet} />
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDate(a.publishedAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {query.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('portal.list.more')}
            </Button>
          </div>
        )}
      </>
    );
  };

  return (
    <Card title={t('portal.help.title')}>
      <Input.Search
        defaultValue={q}
        allowClear
        enterButton
        size="large"
        placeholder={t('portal.help.search')}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
        style={{ marginBottom: 16 }}
        data-testid="portal-help-search"
      />
      {body()}
    </Card>
  );
}
