import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Input, List, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { ArticleEditor } from './article-editor';
import { ArticleReader } from './article-reader';
import { ALL, CategoryTree } from './category-tree';
import { HighlightedText } from './highlighted-text';
import { STATUS_COLORS, type KbArticle, type KbArticleSummary, type KbCategory, type KbStatus } from './kb-types';

/** 知识库: category tree, search with highlighted hits, the reader, and the editor for managers. */
export default function KbPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('kb.manage');
  const [params, setParams] = useSearchParams();
  const [category, setCategory] = useState(ALL);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<KbStatus | undefined>(undefined);
  const [editing, setEditing] = useState<KbArticle | 'new' | null>(null);
  const selected = params.get('article');
  const select = (id: string | null) => setParams(id ? { article: id } : {}, { replace: true });

  const categories = useQuery({ queryKey: ['kb-categories'], queryFn: () => api<Page<KbCategory>>('/kb/categories') });
  const list = useCursorList<KbArticleSummary>('kb-articles', '/kb/articles', { q: q || undefined, categoryId: category === ALL ? undefined : category, status }, 15);
  const reload = () => Promise.all([qc.invalidateQueries({ queryKey: ['kb-articles'] }), qc.invalidateQueries({ queryKey: ['kb-article'] })]);

  const edit = async (id: string) => setEditing(await api<KbArticle>(`/kb/articles/${id}`));
  const remove = async (id: string) => {
    try {
      await api(`/kb/articles/${id}`, { method: 'DELETE' });
      message.success(t('common.deleted'));
      select(null);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const current = list.items.find((a) => a.id === selected);

  return (
    <PageCard
      title={t('kb.nav')}
      description={t('kb.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="kb-article-create">
            {t('kb.newArticle')}
          </Button>
        )
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={6} xl={5}>
          <Typography.Text type="secondary">{t('kb.categories')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <CategoryTree categories={categories.data?.items ?? []} selected={category} onSelect={setCategory} manage={manage} />
          </div>
        </Col>
        <Col xs={24} md={18} xl={7}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.Search allowClear placeholder={t('kb.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} enterButton data-testid="kb-search" />
            {manage && (
              <Select allowClear style={{ width: '100%' }} placeholder={t('kb.status')} value={status} onChange={setStatus} options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(`kb.statuses.${s}`) }))} />
            )}
            <List<KbArticleSummary>
              loading={list.isFetching}
              dataSource={list.items}
              data-testid="kb-results"
              locale={{ emptyText: list.isLoading ? ' ' : <Empty description={q ? t('kb.emptySearch', { q }) : t('kb.empty')} /> }}
              renderItem={(a) => (
                <List.Item
                  onClick={() => select(a.id)}
                  style={{ cursor: 'pointer', display: 'block', padding: '10px 12px', borderRadius: 6, background: a.id === selected ? '#e6f4ff' : undefined }}
                  data-testid={`kb-result-${a.id}`}
                >
                  <Typography.Text strong>
                    <HighlightedText value={a.titleHighlight} />
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0', fontSize: 13 }}>
                    <HighlightedText value={a.snippet} />
                  </Typography.Paragraph>
                  <Space size={4} wrap>
                    {a.status !== 'published' && <Tag color={STATUS_COLORS[a.status]}>{t(`kb.statuses.${a.status}`)}</Tag>}
                    <Tag color={a.visibility === 'public' ? 'blue' : 'default'}>{t(`kb.visibilities.${a.visibility}`)}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('kb.views', { count: a.viewCount })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
              <Typography.Text type="secondary">{t('pager.page', { n: list.pageNumber })}</Typography.Text>
              <Button size="small" disabled={!list.hasPrev} onClick={list.prev}>
                {t('pager.prev')}
              </Button>
              <Button size="small" disabled={!list.hasNext} onClick={list.next}>
                {t('pager.next')}
              </Button>
            </Space>
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Card style={{ minHeight: 400 }}>
            {selected ? (
              <ArticleReader
                id={selected}
                actions={
                  manage && (
                    <Space size={0}>
                      <Button type="link" icon={<EditOutlined />} onClick={() => void edit(selected)} data-testid="kb-article-edit">
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('kb.deleteArticleConfirm', { title: current?.title ?? '' })} okButtonProps={{ danger: true }} onConfirm={() => remove(selected)}>
                        <Button type="link" danger icon={<DeleteOutlined />}>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  )
                }
              />
            ) : (
              <Empty description={t('kb.pickArticle')} style={{ marginTop: 120 }} />
            )}
          </Card>
        </Col>
      </Row>
      <ArticleEditor
        open={editing !== null}
        article={editing === 'new' ? null : editing}
        categories={categories.data?.items ?? []}
        defaultCategoryId={category === ALL ? null : category}
        onClose={() => setEditing(null)}
        onSaved={(a) => {
          setEditing(null);
          select(a.id);
          void reload();
        }}
      />
    </PageCard>
  );
}
