import { ArrowLeftOutlined, DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../ui/api';
import { formatDate } from '../../ui/format';
import { ArticleHtml } from '../kb/article-html';
import type { KbArticle } from '../kb/kb-types';
import { portalKeys } from './portal-queries';

/** One public article; a signed-in customer says whether it helped. */
export default function PortalArticlePage({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [vote, setVote] = useState<boolean | null>(null);
  const query = useQuery({ queryKey: portalKeys.article(id), queryFn: () => api<KbArticle>(`/portal/articles/${id}`), retry: false });
  const back = (
    <div style={{ marginBottom: 8 }}>
      <Link to="/portal/help">
        <ArrowLeftOutlined /> {t('portal.help.back')}
      </Link>
    </div>
  );
  if (query.isPending) return <Card>{back}<Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return <Card>{back}<Result status={missing ? '404' : 'warning'} title={missing ? t('portal.help.notFound') : t('portal.error.load')} /></Card>;
  }
  const a = query.data;
  const send = async (helpful: boolean) => {
    await api(`/portal/articles/${a.id}/vote`, { body: { helpful } });
    setVote(helpful);
  };
  return (
    <Card data-testid="portal-article">
      {back}
      <Typography.Title level={3} style={{ marginTop: 12 }}>
        {a.title}
      </Typography.Title>
      <Typography.Text type="secondary">{formatDate(a.publishedAt)}</Typography.Text>
      <div style={{ marginTop: 16 }}>
        <ArticleHtml html={a.html} />
      </div>
      <div style={{ marginTop: 32, paddingTop: 16, borderTop: '1px solid #f0f0f0' }}>
        {vote !== null ? (
          <Typography.Text type="success">{t('portal.help.voted')}</Typography.Text>
        ) : signedIn ? (
          <Space>
            <Typography.Text>{t('portal.help.helpful')}</Typography.Text>
            <Button icon={<LikeOutlined />} onClick={() => void send(true)} data-testid="portal-article-yes">
              {t('portal.help.yes')}
            </Button>
            <Button icon={<DislikeOutlined />} onClick={() => void send(false)}>
              {t('portal.help.no')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('portal.help.signInToVote')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
