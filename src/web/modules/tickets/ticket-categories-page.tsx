import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, InputNumber, Skeleton, Space, Tabs, Tag, Tooltip, Tree, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import { TICKET_TYPES, type TicketType } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { PageCard } from '../../ui/page-card';
import { useServerForm } from '../../ui/use-server-form';
import { useCategories } from './ticket-queries';
import { buildCategoryTree, ticketKeys, type TicketCategory, type TicketCategoryNode } from './ticket-types';

type TreeNode = { key: string; title: ReactNode; children: TreeNode[] };
type Values = { name: string; nameEn?: string; sort?: number };
type Editing = { mode: 'create'; type: TicketType; parent: TicketCategory | null } | { mode: 'edit'; category: TicketCategory };

function CategoryModal({ editing, onClose }: { editing: Editing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const server = useServerForm<Values, TicketCategory>({
    open: editing !== null,
    fields: ['name', 'nameEn', 'sort', 'parentId'],
    initialValues: () => (editing?.mode === 'edit' ? { name: editing.category.name, nameEn: editing.category.nameEn ?? '', sort: editing.category.sort } : { sort: 0 }),
    send: (v) =>
      editing?.mode === 'edit'
        ? api<TicketCategory>(`/ticket-categories/${editing.category.id}`, { method: 'PATCH', ifMatch: editing.category.version, body: { name: v.name.trim(), nameEn: v.nameEn?.trim() || null, sort: v.sort ?? 0 } })
        : api<TicketCategory>('/ticket-categories', { body: { ticketType: editing!.type, parentId: editing!.parent?.id ?? null, name: v.name.trim(), nameEn: v.nameEn?.trim() || null, sort: v.sort ?? 0 } }),
    successMessage: (c) => t('tickets.categories.saved', { name: c.name }),
    onDone: async () => {
      await qc.invalidateQueries({ queryKey: ticketKeys.categories });
      onClose();
    },
    stale: { message: t('tickets.categories.stale'), reload: async () => { await qc.invalidateQueries({ queryKey: ticketKeys.categories }); onClose(); } },
  });
  const title =
    editing?.mode === 'edit'
      ? t('tickets.categories.editTitle', { name: editing.category.name })
      : editing?.parent
        ? t('tickets.categories.addChildTitle', { name: editing.parent.name })
        : t('tickets.categories.addTitle', { type: editing ? t(`tickets.type.${editing.type}`) : '' });
  return (
    <FormModal server={server} open={editing !== null} onClose={onClose} title={title} okText={t('common.save')} okTestId="category-save" formTestId="category-form">
      <Form.Item name="name" label={t('tickets.categories.name')} rules={[{ required: true, whitespace: true, message: t('tickets.categories.nameRequired') }, { max: 60, message: t('tickets.categories.nameTooLong') }]}>
        <Input maxLength={60} autoFocus data-testid="category-name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('tickets.categories.nameEn')} rules={[{ max: 60, message: t('tickets.categories.nameTooLong') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="sort" label={t('tickets.categories.sort')} extra={t('tickets.categories.sortHint')}>
        <InputNumber min={-10000} max={10000} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

/** 工单分类: the category tree under each ticket type — add, rename, reorder, deactivate, delete. */
export default function TicketCategoriesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const categories = useCategories();
  const [type, setType] = useState<TicketType>('inquiry');
  const [editing, setEditing] = useState<Editing | null>(null);
  const manage = can('tickets.configure');
  const tree = useMemo(() => buildCategoryTree(categories.data ?? [], type), [categories.data, type]);
  const reload = () => qc.invalidateQueries({ queryKey: ticketKeys.categories });

  const setActive = async (c: TicketCategory, active: boolean) => {
    try {
      await api(`/ticket-categories/${c.id}`, { method: 'PATCH', ifMatch: c.version, body: { active } });
      message.success(active ? t('tickets.categories.activated', { name: c.name }) : t('tickets.categories.deactivated', { name: c.name }));
    } catch (err) {
      message.error(err instanceof ApiError && err.status === 412 ? t('tickets.categories.stale') : err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const remove = (c: TicketCategory) =>
    modal.confirm({
      title: t('tickets.categories.deleteTitle', { name: c.name }),
      content: t('common.confirmDelete'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...testId('category-delete-confirm') },
      onOk: async () => {
        try {
          await api(`/ticket-categories/${c.id}`, { method: 'DELETE' });
          message.success(t('tickets.categories.deleted', { name: c.name }));
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) {
            modal.confirm({
              title: t('tickets.categories.inUseTitle', { name: c.name }),
              content: t('tickets.categories.inUse'),
              okText: t('tickets.categories.deactivate'),
              onOk: () => setActive(c, false),
            });
          } else message.error(err instanceof Error ? err.message : String(err));
        }
        await reload();
      },
    });

  const toData = (nodes: TicketCategoryNode[]): TreeNode[] =>
    nodes.map((n) => ({
      key: n.id,
      children: toData(n.children),
      title: (
        <Flex align="center" gap={8} className="category-row" data-testid={`category-${n.name}`}>
          <Typography.Text delete={!n.active} type={n.active ? undefined : 'secondary'}>
            {i18n.language === 'en' ? n.nameEn || n.name : n.name}
          </Typography.Text>
          {i18n.language !== 'en' && n.nameEn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.nameEn}
            </Typography.Text>
          )}
          {!n.active && <Tag>{t('tickets.categories.inactive')}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.categories.sortValue', { sort: n.sort })}
          </Typography.Text>
          {manage && (
            <Space size={0} onClick={(e) => e.stopPropagation()}>
              <Tooltip title={t('tickets.categories.addChild')}>
                <Button type="text" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', type, parent: n })} aria-label={t('tickets.categories.addChild')} />
              </Tooltip>
              <Tooltip title={t('tickets.categories.edit')}>
                <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', category: n })} aria-label={t('tickets.categories.edit')} data-testid="category-edit" />
              </Tooltip>
              <Tooltip title={n.active ? t('tickets.categories.deactivate') : t('tickets.categories.activate')}>
                <Button type="text" size="small" icon={n.active ? <StopOutlined /> : <CheckCircleOutlined />} onClick={() => void setActive(n, !n.active)} aria-label={n.active ? t('tickets.categories.deactivate') : t('tickets.categories.activate')} />
              </Tooltip>
              <Tooltip title={t('common.delete')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(n)} aria-label={t('common.delete')} data-testid="category-delete" />
              </Tooltip>
            </Space>
          )}
        </Flex>
      ),
    }));

  const counts = (tt: TicketType) => (categories.data ?? []).filter((c) => c.ticketType === tt).length;

  return (
    <PageCard
      title={t('tickets.categories.title')}
      description={t('tickets.categories.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', type, parent: null })} data-testid="category-add">
            {t('tickets.categories.add', { type: t(`tickets.type.${type}`) })}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={type}
        onChange={(k) => setType(k as TicketType)}
        items={TICKET_TYPES.map((tt) => ({ key: tt, label: `${t(`tickets.type.${tt}`)}${categories.data ? ` (${counts(tt)})` : ''}` }))}
        data-testid="category-tabs"
      />
      {categories.isError && <Alert type="error" showIcon title={categories.error instanceof Error ? categories.error.message : String(categories.error)} />}
      {categories.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : tree.length === 0 ? (
        <Empty description={t('tickets.categories.empty', { type: t(`tickets.type.${type}`) })}>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', type, parent: null })}>
              {t('tickets.categories.add', { type: t(`tickets.type.${type}`) })}
            </Button>
          )}
        </Empty>
      ) : (
        <Tree blockNode selectable={false} defaultExpandAll key={type} treeData={toData(tree)} data-testid="category-tree" />
      )}
      <CategoryModal editing={editing} onClose={() => setEditing(null)} />
    </PageCard>
  );
}
