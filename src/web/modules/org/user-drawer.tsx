import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { DepartmentTreeSelect } from '../../ui/department-tree-select';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { usePositions, useRoles } from './org-queries';
import type { User } from './org-types';

type Values = {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  departmentId?: string | null;
  positionId?: string | null;
  roleIds: string[];
  skills: string[];
  locale: 'zh-CN' | 'en';
  password?: string;
};

const FIELDS = ['username', 'displayName', 'email', 'phone', 'departmentId', 'positionId', 'roleIds', 'skills', 'locale', 'password'];

/** Create or edit a staff user. `user === undefined` closes it, `null` creates. */
export function UserDrawer({ user, onClose }: { user: User | null | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const roles = useRoles();
  const positions = usePositions();
  const creating = user === null;
  // A value the server masked (138****5678) or hid must not be written back: the field starts
  // empty and is only sent when the administrator types a new value.
  const maskedPhone = !!user?.maskedFields?.includes('phone');
  const maskedEmail = !!user?.maskedFields?.includes('email');

  useEffect(() => {
    if (user === undefined) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        email: maskedEmail ? '' : (user.email ?? ''),
        phone: maskedPhone ? '' : (user.phone ?? ''),
        departmentId: user.departmentId,
        positionId: user.positionId,
        roleIds: (user.roles ?? []).map((r) => r.id),
        skills: user.skills ?? [],
        locale: user.locale,
      });
    } else {
      form.setFieldsValue({ roleIds: [], skills: [], locale: 'zh-CN' });
    }
  }, [user, form, maskedEmail, maskedPhone]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body: Record<string, unknown> = {
      displayName: v.displayName.trim(),
      departmentId: v.departmentId ?? null,
      positionId: v.positionId ?? null,
      roleIds: v.roleIds ?? [],
      skills: v.skills ?? [],
      locale: v.locale,
    };
    const email = v.email?.trim() ?? '';
    const phone = v.phone?.trim() ?? '';
    if (!maskedEmail || email) body.email = email || null;
    if (!maskedPhone || phone) body.phone = phone || null;
    try {
      if (creating) {
        await api('/users', { body: { ...body, username: v.username.trim(), password: v.password } });
        message.success(t('org.users.created'));
      } else {
        await api(`/users/${user!.id}`, { method: 'PATCH', ifMatch: user!.version, body });
        message.success(t('common.saved'));
      }
      await qc.invalidateQueries({ queryKey: ['users'] });
      await qc.invalidateQueries({ queryKey: ['departments'] });
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
      if (isVersionConflict(err)) {
        await qc.invalidateQueries({ queryKey: ['users'] });
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  const keepHint = (masked: boolean, current: string | null | undefined) =>
    masked ? (current ? t('org.users.keepMasked', { value: current }) : t('org.users.keepHidden')) : undefined;

  return (
    <Drawer
      open={user !== undefined}
      size={620}
      title={creating ? t('org.users.createTitle') : t('org.users.editTitle', { name: user?.displayName })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-submit">
            {creating ? t('org.createSubmit') : t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label={t('org.users.username')}
              extra={t('org.users.usernameHint')}
              rules={[
                { required: true, whitespace: true, message: t('org.users.usernameRequired') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, message: t('org.users.usernamePattern') },
              ]}
            >
              <Input autoComplete="off" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label={t('org.users.displayName')} rules={[{ required: true, whitespace: true, message: t('org.users.displayNameRequired') }, { max: 64 }]}>
              <Input maxLength={64} data-testid="user-display-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('org.users.email')} extra={keepHint(maskedEmail, user?.email)} rules={[{ type: 'email', message: t('org.users.emailInvalid') }]}>
              <Input placeholder={maskedEmail ? t('org.users.unchanged') : 'name@example.com'} data-testid="user-email" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('org.users.phone')} extra={keepHint(maskedPhone, user?.phone)} rules={[{ pattern: /^[+\d][\d\s-]{4,24}$/, message: t('org.users.phoneInvalid') }]}>
              <Input placeholder={maskedPhone ? t('org.users.unchanged') : '13800138000'} data-testid="user-phone-input" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="departmentId" label={t('org.users.department')}>
              <DepartmentTreeSelect placeholder={t('org.users.departmentPlaceholder')} data-testid="user-department" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="positionId" label={t('org.users.position')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={positions.isLoading}
                placeholder={t('org.users.positionPlaceholder')}
                options={(positions.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                data-testid="user-position"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="roleIds" label={t('org.users.roles')} extra={roles.data === null ? t('org.users.rolesUnavailable') : undefined}>
              <Select
                mode="multiple"
                allowClear
                loading={roles.isLoading}
                disabled={roles.data === null}
                placeholder={t('org.users.rolesPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                data-testid="user-roles"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="skills" label={t('org.users.skills')} extra={t('org.users.skillsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('org.users.skillsPlaceholder')} open={false} suffixIcon={null} data-testid="user-skills" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="locale" label={t('org.users.locale')}>
              <Select options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
            </Form.Item>
          </Col>
        </Row>
        {creating && (
          <>
            <Form.Item
              name="password"
              label={t('org.users.initialPassword')}
              extra={t('org.users.passwordPolicy')}
              rules={[
                { required: true, message: t('org.users.passwordRequired') },
                { min: 8, max: 128, message: t('org.users.passwordLength') },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
            <Alert type="info" showIcon title={t('org.users.passwordShareHint')} />
          </>
        )}
      </Form>
    </Drawer>
  );
}
