import { DeleteOutlined, EditOutlined, FolderAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Empty, Form, Input, Modal, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import type { KbCategory } from './kb-types';

export const ALL = '__all__';

export function categoryLabel(c: KbCategory, en: boolean): string {
  return en && c.nameEn ? c.nameEn : c.name;
}

function toTree(categories: KbCategory[], en: boolean, parentId: string | null, render: (c: KbCategory) => React.ReactNode): DataNode[] {
  return categories
    .filter((c) => c.parentId === parentId)
    .map((c) => ({ key: c.id, title: render(c), children: toTree(categories, en, c.id, render) }));
}

type Editing = { mode: 'create'; parentId: string | null } | { mode: 'rename'; category: KbCategory };

function CategoryModal({ editing, onClose }: { editing: Editing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; nameEn: string }>();
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'rename') form.setFieldsValue({ name: editing.category.name, nameEn: editing.category.nameEn ?? '' });
  }, [editing, form]);
  const save = async () => {
    const values = await form.validateFields();
    try {
      if (editing?.mode === 'rename') await api(`/kb/categories/${editing.category.id}`, { method: 'PATCH', body: { name: values.name, nameEn: values.nameEn || null } });
      else await api('/kb/categories', { body: { name: values.name, nameEn: values.nameEn || null, parentId: editing?.parentId ?? null } });
      await qc.invalidateQueries({ queryKey: ['kb-categories'] });
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['name', 'nameEn']);
      if (toast) message.error(toast);
    }
  };
  return (
    <Modal open={!!editing} onCancel={onClose} onOk={() => void save()} title={editing?.mode === 'rename' ? t('kb.renameCategory') : editing?.parentId ? t('kb.addSubcategory') : t('kb.addCategory')} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('kb.categoryName')} rules={[{ required: true, whitespace: true, message: t('kb.categoryNameRequired') }]}>
          <Input maxLength={100} autoFocus data-testid="kb-category-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('kb.categoryNameEn')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The category tree beside the article list; managers add, rename and delete from a context menu. */
export function CategoryTree({ categories, selected, onSelect, manage }: { categories: KbCategory[]; selected: string; onSelect: (id: string) => void; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const en = i18n.language === 'en';

  const remove = (c: KbCategory) =>
    modal.confirm({
      title: t('kb.deleteCategoryConfirm', { name: categoryLabel(c, en) }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api(`/kb/categories/${c.id}`, { method: 'DELETE' });
          if (selected === c.id) onSelect(ALL);
          await qc.invalidateQueries({ queryKey: ['kb-categories'] });
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });

  const render = (c: KbCategory) =>
    manage ? (
      <Dropdown
        trigger={['contextMenu']}
        menu={{
          items: [
            { key: 'sub', icon: <FolderAddOutlined />, label: t('kb.addSubcategory'), onClick: () => setEditing({ mode: 'create', parentId: c.id }) },
            { key: 'rename', icon: <EditOutlined />, label: t('kb.renameCategory'), onClick: () => setEditing({ mode: 'rename', category: c }) },
            { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('kb.deleteCategory'), onClick: () => remove(c) },
          ],
        }}
      >
        <span data-testid={`kb-category-${c.id}`}>{categoryLabel(c, en)}</span>
      </Dropdown>
    ) : (
      <span>{categoryLabel(c, en)}</span>
    );

  const treeData = [{ key: ALL, title: <Typography.Text strong>{t('kb.allArticles')}</Typography.Text> }, ...toTree(categories, en, null, render)];
  return (
    <div data-testid="kb-category-tree">
      <Tree blockNode defaultExpandAll selectedKeys={[selected]} treeData={treeData} onSelect={(keys) => keys[0] && onSelect(String(keys[0]))} key={categories.length} />
      {categories.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.noCategories')} />}
      {manage && (
        <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing({ mode: 'create', parentId: selected === ALL ? null : selected })} data-testid="kb-category-add">
          {selected === ALL ? t('kb.addCategory') : t('kb.addSubcategory')}
        </Button>
      )}
      <CategoryModal editing={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
