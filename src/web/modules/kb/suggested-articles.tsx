import { BookOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Empty, List, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page } from '../../ui/api';
import { ArticleReader } from './article-reader';
import { HighlightedText } from './highlighted-text';
import type { KbArticleSummary } from './kb-types';

/**
 * Knowledge-base articles that match a text (a ticket's subject and description), for a narrow
 * side column (~360 px). Clicking one opens it in a drawer without leaving the page.
 */
export function SuggestedArticles({ text }: { text: string }) {
  const { t } = useTranslation();
  const [settled, setSettled] = useState(text);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 500);
    return () => clearTimeout(timer);
  }, [text]);
  const query = useQuery({
    queryKey: ['kb-suggest', settled],
    queryFn: () => api<Page<KbArticleSummary>>('/kb/suggest', { query: { text: settled.slice(0, 5000) } }),
    enabled: settled.trim() !== '',
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  return (
    <Card size="small" title={<><BookOutlined /> {t('kb.suggested')}</>} data-testid="kb-suggested">
      {query.isLoading ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.suggestedEmpty')} />
      ) : (
        <List
          size="small"
          split
          dataSource={items}
          renderItem={(a) => (
            <List.Item style={{ padding: '6px 0', cursor: 'pointer', display: 'block' }} onClick={() => setOpen(a.id)} data-testid={`kb-suggested-${a.id}`}>
              <Typography.Link strong ellipsis style={{ display: 'block' }}>
                <HighlightedText value={a.titleHighlight} />
              </Typography.Link>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 12 }}>
                <HighlightedText value={a.snippet} />
              </Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={640} destroyOnHidden title={t('kb.nav')} extra={open && <Link to={`/kb?article=${open}`}><Button type="link">{t('kb.openInKb')}</Button></Link>}>
        {open && <ArticleReader id={open} />}
      </Drawer>
    </Card>
  );
}
