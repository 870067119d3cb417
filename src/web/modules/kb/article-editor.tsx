import { useQuery } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Empty, Form, Input, Radio, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { ArticleHtml } from './article-html';
import { categoryLabel } from './category-tree';
import type { KbArticle, KbCategory, KbStatus, KbVisibility } from './kb-types';

type Values = { title: string; body: string; categoryId: string | null; visibility: KbVisibility; status: KbStatus; tags: string[] };
const FIELDS = ['title', 'body', 'categoryId', 'visibility', 'status', 'tags'];

function usePreview(body: string) {
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), 400);
    return () => clearTimeout(timer);
  }, [body]);
  // the server renders and sanitizes, so the preview is exactly what readers will see
  return useQuery({ queryKey: ['kb-preview', settled], queryFn: () => api<{ html: string }>('/kb/preview', { body: { body: settled } }), enabled: settled.trim() !== '', staleTime: Infinity });
}

type TreeOption = { value: string; title: string; children: TreeOption[] };
const toTreeSelect = (categories: KbCategory[], en: boolean, parentId: string | null): TreeOption[] =>
  categories.filter((c) => c.parentId === parentId).map((c) => ({ value: c.id, title: categoryLabel(c, en), children: toTreeSelect(categories, en, c.id) }));

/** Create or edit an article: Markdown on the left, the rendered preview on the right. */
export function ArticleEditor({ open, article, categories, defaultCategoryId, onClose, onSaved }: { open: boolean; article: KbArticle | null; categories: KbCategory[]; defaultCategoryId: string | null; onClose: () => void; onSaved: (a: KbArticle) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const body = Form.useWatch('body', form) ?? '';
  const visibility = Form.useWatch('visibility', form) ?? 'internal';
  const preview = usePreview(body);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      article
        ? { title: article.title, body: article.body, categoryId: article.categoryId, visibility: article.visibility, status: article.status, tags: article.tags }
        : { title: '', body: '', categoryId: defaultCategoryId, visibility: 'internal', status: 'draft', tags: [] },
    );
  }, [open, article, defaultCategoryId, form]);

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const saved = article
        ? await api<KbArticle>(`/kb/articles/${article.id}`, { method: 'PATCH', body: values, ifMatch: article.version })
        : await api<KbArticle>('/kb/articles', { body: values });
      message.success(t('kb.saved'));
      onSaved(saved);
    } catch (err) {
      if (isVersionConflict(err)) {
        message.error(t('kb.versionConflict'));
        onClose();
        return;
      }
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width="min(1200px, 96vw)"
      title={article ? t('kb.editArticle') : t('kb.newArticle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="kb-article-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="title" label={t('kb.title')} rules={[{ required: true, whitespace: true, message: t('kb.titleRequired') }]}>
          <Input maxLength={200} data-testid="kb-article-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="categoryId" label={t('kb.category')}>
              <TreeSelect allowClear treeDefaultExpandAll treeData={toTreeSelect(categories, i18n.language === 'en', null)} placeholder={t('kb.uncategorized')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="visibility" label={t('kb.visibility')} extra={t(`kb.visibilityHelp.${visibility}`)}>
              <Radio.Group optionType="button" options={(['internal', 'public'] as const).map((v) => ({ value: v, label: t(`kb.visibilities.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('kb.status')}>
              <Radio.Group optionType="button" options={(['draft', 'published', 'archived'] as const).map((s) => ({ value: s, label: t(`kb.statuses.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('kb.tags')}>
          <Select mode="tags" open={false} suffixIcon={null} placeholder={t('kb.tagsPlaceholder')} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="body" label={t('kb.body')} extra={t('kb.bodyHelp')}>
              <Input.TextArea autoSize={{ minRows: 16, maxRows: 32 }} style={{ fontFamily: 'monospace' }} data-testid="kb-article-body" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('kb.preview')}</Typography.Text>
            <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 16, marginTop: 8, minHeight: 360 }} data-testid="kb-article-preview">
              {body.trim() === '' ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.previewEmpty')} /> : <ArticleHtml html={preview.data?.html ?? ''} />}
            </div>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
