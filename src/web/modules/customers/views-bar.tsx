import { ClusterOutlined, DeleteOutlined, DownOutlined, EditOutlined, EyeOutlined, SaveOutlined, ShareAltOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Form, Input, Modal, Radio, Space, Switch, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { customerKeys } from './customer-queries';
import type { SavedView, ViewDefinition } from './customer-types';

type SaveValues = { name: string; kind: 'view' | 'segment'; shared: boolean };

/** Save the current search, filter, columns and sort as a new view or segment, or rename/share one. */
function SaveViewModal({ open, editing, definition, onClose, onSaved }: { open: boolean; editing: SavedView | null; definition: ViewDefinition; onClose: () => void; onSaved: (v: SavedView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SaveValues>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(editing ? { name: editing.name, kind: editing.kind, shared: editing.shared } : { name: '', kind: 'view', shared: false });
  }, [open, editing, form]);
  const submit = async (v: SaveValues) => {
    setSaving(true);
    try {
      const saved = editing
        ? await api<SavedView>(`/customer-views/${editing.id}`, { method: 'PATCH', ifMatch: editing.version, body: { name: v.name.trim(), shared: v.shared } })
        : await api<SavedView>('/customer-views', { body: { kind: v.kind, name: v.name.trim(), shared: v.shared, definition } });
      message.success(editing ? t('common.saved') : t('customers.views.created', { name: saved.name }));
      onSaved(saved);
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['name', 'shared', 'kind']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={editing ? t('customers.views.editTitle') : t('customers.views.saveTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('customers.views.saveOk')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'view-save-ok' } as Record<string, string>}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('customers.views.name')} rules={[{ required: true, whitespace: true, message: t('customers.views.nameRequired') }, { max: 64 }]}>
          <Input maxLength={64} autoFocus placeholder={t('customers.views.namePlaceholder')} data-testid="view-name" />
        </Form.Item>
        {!editing && (
          <Form.Item name="kind" label={t('customers.views.kind')} extra={kind === 'segment' ? t('customers.views.segmentHint') : t('customers.views.viewHint')}>
            <Radio.Group optionType="button">
              <Radio.Button value="view">
                <EyeOutlined /> {t('customers.views.kindView')}
              </Radio.Button>
              <Radio.Button value="segment">
                <ClusterOutlined /> {t('customers.views.kindSegment')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item name="shared" label={t('customers.views.shared')} valuePropName="checked" extra={t('customers.views.sharedHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Props = {
  views: SavedView[];
  loading: boolean;
  activeId: string | null;
  /** The register's current search, filter, columns and sort. */
  definition: ViewDefinition;
  /** The current state differs from the active view's saved definition. */
  dirty: boolean;
  /** There is something to save (a search, filter, other columns or sort), or a view is open. */
  savable: boolean;
  onSelect: (view: SavedView | null) => void;
};

/**
 * 视图与分群: "全部客户" plus own and shared views; segments show their live count, shared ones
 * their owner. Only the owner may save changes to, rename, share or delete a view.
 */
export function ViewsBar({ views, loading, activeId, definition, dirty, savable, onSelect }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [modalState, setModalState] = useState<{ editing: SavedView | null } | null>(null);
  const active = views.find((v) => v.id === activeId) ?? null;
  const refresh = () => qc.invalidateQueries({ queryKey: customerKeys.views });

  const saveChanges = async () => {
    if (!active) return;
    try {
      const saved = await api<SavedView>(`/customer-views/${active.id}`, { method: 'PATCH', ifMatch: active.version, body: { definition } });
      message.success(t('customers.views.updated', { name: saved.name }));
      qc.setQueryData<SavedView[]>(customerKeys.views, (list) => list?.map((v) => (v.id === saved.id ? saved : v)));
      await refresh();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      await refresh();
    }
  };

  const remove = (view: SavedView) =>
    modal.confirm({
      title: t('customers.views.deleteConfirm', { name: view.name }),
      content: view.shared ? t('customers.views.deleteSharedHint') : undefined,
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: async () => {
        try {
          await api(`/customer-views/${view.id}`, { method: 'DELETE' });
          message.success(t('common.deleted'));
          if (view.id === activeId) onSelect(null);
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        } finally {
          await refresh();
        }
      },
    });

  const label = (v: SavedView) => {
    const icon = v.kind === 'segment' ? <ClusterOutlined /> : v.shared ? <ShareAltOutlined /> : <EyeOutlined />;
    const body = (
      <Space size={6} data-testid="view-tab">
        {icon}
        <span>{v.name}</span>
        {v.kind === 'segment' && (
          <Badge count={v.count ?? '—'} overflowCount={99999} showZero color={v.id === activeId ? '#1677ff' : '#bfbfbf'} style={{ boxShadow: 'none' }} />
        )}
        {!v.mine && <TeamOutlined style={{ color: '#8c8c8c' }} />}
      </Space>
    );
    const tip = [v.kind === 'segment' ? t('customers.views.segmentTip', { count: v.count ?? '—' }) : null, !v.mine ? t('customers.views.sharedBy', { owner: v.ownerName ?? '—' }) : null].filter(Boolean).join(' · ');
    return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
  };

  const items = [
    { key: 'all', label: <span data-testid="view-tab-all">{t('customers.views.all')}</span> },
    ...views.map((v) => ({ key: v.id, label: label(v) })),
  ];

  const extra = (
    <Space size={8}>
      {active && !active.mine && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customers.views.sharedBy', { owner: active.ownerName ?? '—' })}
        </Typography.Text>
      )}
      {active?.mine && dirty && (
        <Button size="small" type="primary" ghost icon={<SaveOutlined />} onClick={saveChanges} data-testid="view-save-changes">
          {t('customers.views.saveChanges')}
        </Button>
      )}
      {savable && (
        <Button size="small" icon={<SaveOutlined />} onClick={() => setModalState({ editing: null })} data-testid="view-save-as">
          {active ? t('customers.views.saveAs') : t('customers.views.save')}
        </Button>
      )}
      {active?.mine && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'edit', icon: <EditOutlined />, label: t('customers.views.rename'), onClick: () => setModalState({ editing: active }) },
              { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: () => remove(active) },
            ],
          }}
        >
          <Button size="small" data-testid="view-manage">
            {t('customers.views.manage')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );

  return (
    <>
      <Tabs
        size="small"
        activeKey={activeId ?? 'all'}
        items={items}
        onChange={(key) => onSelect(key === 'all' ? null : (views.find((v) => v.id === key) ?? null))}
        tabBarExtraContent={{ right: extra }}
        style={{ marginBottom: 8, opacity: loading ? 0.6 : 1 }}
        data-testid="views-bar"
      />
      <SaveViewModal
        open={!!modalState}
        editing={modalState?.editing ?? null}
        definition={definition}
        onClose={() => setModalState(null)}
        onSaved={async (saved) => {
          await refresh();
          if (!modalState?.editing) onSelect(saved);
        }}
      />
    </>
  );
}
