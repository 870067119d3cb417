import { ApartmentOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Input, Result, Row, Skeleton, Space, Tree, Typography, type TreeProps } from 'antd';
import { useMemo, useState, type Key, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { buildDepartmentTree, useDepartments, type Department, type DepartmentNode } from '../../ui/department-tree-select';
import { PageCard } from '../../ui/page-card';
import { DepartmentMembers } from './department-members';
import { DepartmentModal, type DepartmentDialog } from './department-modal';

type TreeItem = { key: string; title: ReactNode; children: TreeItem[]; department: Department };

function toTreeItems(nodes: DepartmentNode[], search: string): TreeItem[] {
  const out: TreeItem[] = [];
  for (const n of nodes) {
    const children = toTreeItems(n.children, search);
    const hit = !search || n.name.toLowerCase().includes(search) || (n.code ?? '').toLowerCase().includes(search);
    if (!hit && children.length === 0) continue;
    out.push({
      key: n.id,
      department: n,
      children,
      title: (
        <Space size={6} data-testid="department-node">
          <span style={hit && search ? { color: '#1677ff', fontWeight: 500 } : undefined}>{n.name}</span>
          {typeof n.memberCount === 'number' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({n.memberCount})
            </Typography.Text>
          )}
        </Space>
      ),
    });
  }
  return out;
}

/** 部门管理: the department tree; select one to see and manage it and its members. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const manage = can('org.departments.manage');
  const { data = [], isLoading, error, refetch } = useDepartments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<DepartmentDialog | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const tree = useMemo(() => buildDepartmentTree(data), [data]);
  const items = useMemo(() => toTreeItems(tree, search.trim().toLowerCase()), [tree, search]);
  // Until the user picks one, show their own department (or the top of the tree).
  const selected = data.find((d) => d.id === (selectedId ?? me?.departmentId)) ?? (selectedId === null ? tree[0] : undefined) ?? null;
  // Expanded by default; a search expands everything so hits are visible.
  const expandedKeys = search || expanded === null ? data.map((d) => d.id) : expanded;

  const remove = async (d: Department) => {
    try {
      await api(`/departments/${d.id}`, { method: 'DELETE', ifMatch: d.version });
      message.success(t('common.deleted'));
      setSelectedId(d.parentId);
      await qc.invalidateQueries({ queryKey: ['departments'] });
    } catch (err) {
      // The server refuses departments that still have sub-departments or members: say why.
      modal.error({ title: t('org.departments.deleteFailed'), content: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragged = (info.dragNode as unknown as TreeItem).department;
    const target = (info.node as unknown as TreeItem).department;
    const newParentId = info.dropToGap ? target.parentId : target.id;
    if (newParentId === dragged.parentId) return;
    const parent = data.find((d) => d.id === newParentId);
    modal.confirm({
      title: parent ? t('org.departments.moveConfirm', { name: dragged.name, parent: parent.name }) : t('org.departments.moveTopConfirm', { name: dragged.name }),
      okText: t('org.departments.move'),
      onOk: async () => {
        try {
          await api(`/departments/${dragged.id}`, { method: 'PATCH', ifMatch: dragged.version, body: { parentId: newParentId } });
          message.success(t('org.departments.moved'));
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        } finally {
          await qc.invalidateQueries({ queryKey: ['departments'] });
        }
      },
    });
  };

  if (error) {
    return <Result status="error" title={t('org.loadFailed')} subTitle={(error as Error).message} extra={<Button onClick={() => refetch()}>{t('common.refresh')}</Button>} />;
  }

  return (
    <PageCard
      title={t('org.departments.title')}
      description={t('org.departments.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: selected })} data-testid="department-create">
            {t('org.departments.create')}
          </Button>
        )
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" styles={{ body: { padding: 12, minHeight: 420 } }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('org.departments.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="department-search"
            />
            {isLoading ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : items.length === 0 ? (
              <Empty description={search ? t('org.departments.noMatch') : t('org.departments.empty')}>
                {!search && manage && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: null })}>
                    {t('org.departments.createRoot')}
                  </Button>
                )}
              </Empty>
            ) : (
              <Tree<TreeItem>
                showLine
                blockNode
                showIcon
                icon={<ApartmentOutlined />}
                draggable={manage && !search ? { icon: false } : false}
                onDrop={onDrop}
                treeData={items}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                data-testid="department-tree"
              />
            )}
            {manage && items.length > 0 && !search && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
                {t('org.departments.dragHint')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected ? (
            <DepartmentMembers
              key={selected.id}
              department={selected}
              all={data}
              onCreateChild={() => setDialog({ mode: 'create', parent: selected })}
              onEdit={() => setDialog({ mode: 'edit', department: selected })}
              onMove={() => setDialog({ mode: 'move', department: selected })}
              onDelete={() => remove(selected)}
            />
          ) : (
            !isLoading && (
              <Card>
                <Empty description={t('org.departments.selectHint')} />
              </Card>
            )
          )}
        </Col>
      </Row>
      <DepartmentModal
        dialog={dialog}
        onClose={() => setDialog(null)}
        onSaved={(d) => {
          setDialog(null);
          setSelectedId(d.id);
        }}
      />
    </PageCard>
  );
}
