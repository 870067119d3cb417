import { CopyOutlined, DeleteOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import type { DataScope, FieldRule, PermissionCatalogue, Role } from './org-types';
import { PermissionPicker } from './permission-picker';

type Values = {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
  scopes: Record<string, DataScope>;
  fieldRules: Record<string, FieldRule>;
};

/** What the editor shows: an existing role, or a draft for a new one (possibly copied). */
export type RoleDraft = { role: Role } | { draft: Partial<Role> };

type Props = { target: RoleDraft; catalogue: PermissionCatalogue; onSaved: (r: Role) => void; onDeleted: () => void; onCopy: (r: Role) => void };

/** Edits one role: identity, permissions by group, a data scope per resource, a rule per personal-data field. */
export function RoleEditor({ target, catalogue, onSaved, onDeleted, onCopy }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const role = 'role' in target ? target.role : null;
  const locked = !!role?.isSystem;

  useEffect(() => {
    const src = role ?? ('draft' in target ? target.draft : {});
    form.resetFields();
    form.setFieldsValue({
      code: src.code ?? '',
      name: src.name ?? '',
      description: src.description ?? '',
      permissions: src.permissions ?? [],
      // Absent scopes mean "own records only" and absent field rules mean "masked" on the server.
      scopes: Object.fromEntries(catalogue.scopedResources.map((r) => [r, src.scopes?.[r] ?? 'self'])),
      fieldRules: Object.fromEntries(catalogue.maskableFields.map((f) => [f, src.fieldRules?.[f] ?? 'mask'])),
    });
  }, [target, role, catalogue, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', permissions: v.permissions, scopes: v.scopes, fieldRules: v.fieldRules };
    try {
      const saved = role
        ? await api<Role>(`/roles/${role.id}`, { method: 'PATCH', ifMatch: role.version, body })
        : await api<Role>('/roles', { body: { ...body, code: v.code.trim() } });
      message.success(role ? t('common.saved') : t('org.roles.created'));
      await qc.invalidateQueries({ queryKey: ['roles'] });
      onSaved(saved);
    } catch (err) {
      const toast = applyServerErrors(form, err, ['code', 'name', 'description', 'permissions']);
      if (toast) message.error(toast);
      if (isVersionConflict(err)) await qc.invalidateQueries({ queryKey: ['roles'] });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!role) return;
    try {
      await api(`/roles/${role.id}`, { method: 'DELETE', ifMatch: role.version });
      message.success(t('common.deleted'));
      await qc.invalidateQueries({ queryKey: ['roles'] });
      onDeleted();
    } catch (err) {
      modal.error({ title: t('org.roles.deleteFailed'), content: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const scopeOptions = catalogue.scopes.map((s) => ({ value: s, label: t(`org.roles.scopes.${s}`) }));
  const ruleOptions = catalogue.fieldRules.map((r) => ({ value: r, label: t(`org.roles.rules.${r}`) }));

  return (
    <Form form={form} layout="vertical" onFinish={submit} disabled={locked} data-testid="role-form">
      <Card
        title={role ? role.name : t('org.roles.newRole')}
        extra={
          <Space>
            {role && (
              <Button icon={<CopyOutlined />} disabled={false} onClick={() => onCopy(role)} data-testid="role-copy">
                {t('org.roles.copy')}
              </Button>
            )}
            {role && !locked && (
              <Popconfirm title={t('org.roles.deleteConfirm', { name: role.name })} description={t('org.roles.deleteHint')} okText={t('common.delete')} okButtonProps={{ danger: true }} onConfirm={remove}>
                <Button danger icon={<DeleteOutlined />} data-testid="role-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
            {!locked && (
              <Button type="primary" htmlType="submit" loading={saving} data-testid="role-submit">
                {role ? t('common.save') : t('org.createSubmit')}
              </Button>
            )}
          </Space>
        }
      >
        {locked && <Alert type="warning" showIcon icon={<LockOutlined />} title={t('org.roles.lockedTitle')} description={t('org.roles.lockedHint')} style={{ marginBottom: 16 }} />}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('org.roles.name')} rules={[{ required: true, whitespace: true, message: t('org.roles.nameRequired') }, { max: 64 }]}>
              <Input maxLength={64} placeholder={t('org.roles.namePlaceholder')} data-testid="role-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('org.roles.code')}
              extra={role ? undefined : t('org.roles.codeHint')}
              rules={[{ required: true, message: t('org.roles.codeRequired') }, { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('org.roles.codePattern') }]}
            >
              <Input maxLength={32} disabled={!!role} placeholder="team_lead" data-testid="role-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="description" label={t('org.roles.descriptionLabel')} rules={[{ max: 500 }]}>
              <Input maxLength={500} placeholder={t('org.roles.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('org.roles.permissionsTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('org.roles.permissionsHint')}</Typography.Paragraph>
        <Form.Item name="permissions" noStyle>
          <PermissionPicker catalogue={catalogue.permissions} disabled={locked} />
        </Form.Item>
        <Row gutter={[24, 24]} style={{ marginTop: 24 }}>
          <Col xs={24} xxl={14}>
            <Typography.Title level={5}>{t('org.roles.scopesTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('org.roles.scopesHint')}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={catalogue.scopedResources.map((r) => ({ key: r }))}
              columns={[
                { title: t('org.roles.resource'), dataIndex: 'key', width: 120, render: (r: string) => t(`org.roles.resources.${r}`, { defaultValue: r }) },
                {
                  title: t('org.roles.scope'),
                  dataIndex: 'key',
                  render: (r: string) => (
                    <Form.Item name={['scopes', r]} noStyle>
                      <Radio.Group optionType="button" size="small" options={scopeOptions} data-testid={`scope-${r}`} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Col>
          <Col xs={24} xxl={10}>
            <Typography.Title level={5}>{t('org.roles.fieldsTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('org.roles.fieldsHint')}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={catalogue.maskableFields.map((f) => ({ key: f }))}
              columns={[
                { title: t('org.roles.field'), dataIndex: 'key', width: 110, render: (f: string) => t(`org.roles.fields.${f}`, { defaultValue: f }) },
                {
                  title: t('org.roles.rule'),
                  dataIndex: 'key',
                  render: (f: string) => (
                    <Form.Item name={['fieldRules', f]} noStyle>
                      <Radio.Group optionType="button" size="small" options={ruleOptions} data-testid={`field-${f}`} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Col>
        </Row>
        {!locked && (
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="role-submit-bottom">
              {role ? t('common.save') : t('org.createSubmit')}
            </Button>
          </div>
        )}
      </Card>
    </Form>
  );
}
