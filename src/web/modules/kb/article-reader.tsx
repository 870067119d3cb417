import { DislikeOutlined, EyeOutlined, LikeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Divider, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { ArticleHtml } from './article-html';
import { STATUS_COLORS, type KbArticle } from './kb-types';

/** The article as readers see it: the server's sanitized HTML, view count and helpful votes. */
export function ArticleReader({ id, actions }: { id: string; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['kb-article', id], queryFn: () => api<KbArticle>(`/kb/articles/${id}`) });
  const counted = useRef<string | null>(null);
  const article = query.data;

  useEffect(() => {
    // one view per opening of a published article
    if (article?.status === 'published' && counted.current !== id) {
      counted.current = id;
      void api(`/kb/articles/${id}/view`, { body: {} }).catch(() => undefined);
    }
  }, [article?.status, id]);

  const vote = async (helpful: boolean) => {
    try {
      const updated = await api<KbArticle>(`/kb/articles/${id}/vote`, { body: { helpful } });
      qc.setQueryData(['kb-article', id], updated);
      message.success(t('kb.voted'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  if (query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!article) return <Empty description={query.error instanceof Error ? query.error.message : t('kb.empty')} />;
  return (
    <article data-testid="kb-reader">
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {article.title}
        </Typography.Title>
        {actions}
      </Space>
      <Space size={[8, 4]} wrap style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[article.status]}>{t(`kb.statuses.${article.status}`)}</Tag>
        <Tag color={article.visibility === 'public' ? 'blue' : 'default'}>{t(`kb.visibilities.${article.visibility}`)}</Tag>
        {article.tags.map((tag) => (
          <Tag key={tag}>#{tag}</Tag>
        ))}
        <Typography.Text type="secondary">
          <EyeOutlined /> {t('kb.views', { count: article.viewCount })} · {t('kb.updated', { time: formatDateTime(article.updatedAt) })}
        </Typography.Text>
      </Space>
      <ArticleHtml html={article.html} />
      {article.status === 'published' && (
        <>
          <Divider />
          <Space wrap>
            <Typography.Text>{t('kb.helpfulQuestion')}</Typography.Text>
            <Button icon={<LikeOutlined />} type={article.myVote === true ? 'primary' : 'default'} onClick={() => void vote(true)} data-testid="kb-vote-yes">
              {t('kb.helpfulYes', { count: article.helpfulYes })}
            </Button>
            <Button icon={<DislikeOutlined />} type={article.myVote === false ? 'primary' : 'default'} danger={article.myVote === false} onClick={() => void vote(false)} data-testid="kb-vote-no">
              {t('kb.helpfulNo', { count: article.helpfulNo })}
            </Button>
          </Space>
        </>
      )}
    </article>
  );
}
