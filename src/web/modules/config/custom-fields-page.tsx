import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Modal, Popconfirm, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_ENTITIES, type CustomFieldEntity } from '../../../shared/custom-fields';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { CustomFieldFormItem } from '../../ui/custom-field-input';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { CustomFieldForm } from './custom-field-form';
import { hasOptions, TYPE_COLORS, type CustomField } from './custom-field-types';

async function fetchFields(entity: CustomFieldEntity): Promise<CustomField[]> {
  const res = await api<Page<CustomField> | CustomField[]>('/custom-fields', { query: { entity } });
  const items = Array.isArray(res) ? res : res.items;
  return [...items].sort((a, b) => a.sort - b.sort || a.key.localeCompare(b.key));
}

function FormPreviewModal({ entity, fields, open, onClose }: { entity: CustomFieldEntity; fields: CustomField[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const active = fields.filter((f) => f.active);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('customFields.formPreviewTitle', { entity: t(`customFields.entity.${entity}`) })} width={560}>
      <Typography.Paragraph type="secondary">{t('customFields.formPreviewHelp')}</Typography.Paragraph>
      {active.length === 0 ? (
        <Empty description={t('customFields.noActiveFields')} />
      ) : (
        <Form layout="vertical">
          {active.map((f) => (
            <CustomFieldFormItem key={f.id} def={f} />
          ))}
        </Form>
      )}
    </Modal>
  );
}

function EntityFields({ entity }: { entity: CustomFieldEntity }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('config.custom_fields.manage');
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const query = useQuery({ queryKey: ['custom-fields', entity], queryFn: () => fetchFields(entity) });
  const fields = query.data ?? [];
  const reload = () => qc.invalidateQueries({ queryKey: ['custom-fields', entity] });
  const en = i18n.language === 'en';

  const toggleActive = async (f: CustomField, active: boolean) => {
    try {
      await api(`/custom-fields/${f.id}`, { method: 'PATCH', body: { active }, ifMatch: f.version });
      message.success(active ? t('customFields.activated', { label: f.label }) : t('customFields.deactivated', { label: f.label }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const remove = async (f: CustomField) => {
    try {
      await api(`/custom-fields/${f.id}`, { method: 'DELETE' });
      message.success(t('common.deleted'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };

  const create = () => setEditing('new');
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t(`customFields.entityHelp.${entity}`)}</Typography.Text>
        <Space>
          <Button icon={<EyeOutlined />} onClick={() => setPreviewing(true)} disabled={fields.length === 0} data-testid="custom-fields-form-preview">
            {t('customFields.formPreview')}
          </Button>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="custom-field-create">
              {t('customFields.create')}
            </Button>
          )}
        </Space>
      </div>
      <Table<CustomField>
        rowKey="id"
        loading={query.isFetching}
        dataSource={fields}
        pagination={false}
        data-testid="custom-fields-table"
        locale={{
          emptyText: query.isLoading ? ' ' : (
            <Empty description={t('customFields.empty', { entity: t(`customFields.entity.${entity}`) })}>
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={create}>
                  {t('customFields.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          { title: t('customFields.sort'), dataIndex: 'sort', width: 70 },
          { title: t('customFields.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{k}</Typography.Text> },
          {
            title: t('customFields.label'),
            dataIndex: 'label',
            render: (l: string) => <Typography.Text strong>{l}</Typography.Text>,
          },
          { title: t('customFields.labelEn'), dataIndex: 'labelEn', render: (l: string | null) => l || <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('customFields.type'),
            dataIndex: 'type',
            render: (ty: CustomField['type'], f) => (
              <Space size={4} wrap>
                <Tag color={TYPE_COLORS[ty]}>{t(`customFields.types.${ty}`)}</Tag>
                {hasOptions(ty) && (
                  <Tooltip title={f.options.map((o) => (en ? o.labelEn || o.label : o.label)).join(en ? ', ' : '、')}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('customFields.optionCount', { count: f.options.length })}
                    </Typography.Text>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t('customFields.required'), dataIndex: 'required', width: 80, render: (r: boolean) => (r ? <Tag color="red">{t('common.required')}</Tag> : <Typography.Text type="secondary">{t('common.optional')}</Typography.Text>) },
          {
            title: t('customFields.active'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean, f) => <Switch size="small" checked={a} disabled={!manage} onChange={(v) => toggleActive(f, v)} data-testid={`custom-field-active-${f.key}`} />,
          },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: formatDateTime },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, f: CustomField) => (
                    <Space size={0}>
                      <Tooltip title={t('common.edit')}>
                        <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(f)} data-testid={`custom-field-edit-${f.key}`} aria-label={t('common.edit')} />
                      </Tooltip>
                      <Popconfirm title={t('customFields.deleteConfirm', { label: f.label })} description={t('customFields.deleteHint')} okButtonProps={{ danger: true }} onConfirm={() => remove(f)}>
                        <Tooltip title={t('common.delete')}>
                          <Button type="link" danger icon={<DeleteOutlined />} data-testid={`custom-field-delete-${f.key}`} aria-label={t('common.delete')} />
                        </Tooltip>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CustomFieldForm
        open={editing !== null}
        entity={entity}
        field={editing === 'new' ? null : editing}
        nextSort={fields.length ? Math.max(...fields.map((f) => f.sort)) + 10 : 10}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
      <FormPreviewModal entity={entity} fields={fields} open={previewing} onClose={() => setPreviewing(false)} />
    </>
  );
}

/** 自定义字段: extra fields on customers, contacts and tickets, per entity. */
export default function CustomFieldsPage() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomFieldEntity>('customer');
  return (
    <PageCard title={t('nav.customFields')} description={t('customFields.description')}>
      <Tabs
        activeKey={entity}
        onChange={(k) => setEntity(k as CustomFieldEntity)}
        items={CUSTOM_FIELD_ENTITIES.map((e) => ({ key: e, label: t(`customFields.entity.${e}`), children: <EntityFields entity={e} /> }))}
        destroyOnHidden
      />
    </PageCard>
  );
}
