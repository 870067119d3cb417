import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Divider, Form, Input, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage, useAuth, type Me } from '../../app/auth';
import { api } from '../../ui/api';
import { departmentPathName, useDepartments } from '../../ui/department-tree-select';
import { formatDateTime } from '../../ui/format';
import { applyServerErrors } from '../../ui/server-form-errors';
import { useRoleNames } from './use-role-names';

type MeFull = Me & { passwordChangedAt?: string | null; version?: number };

/** 基本信息: own display name and interface language (applied at once and saved on the account). */
export function BasicTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ displayName: string }>();
  const [saving, setSaving] = useState(false);
  const departments = useDepartments(can('org.departments.read') || can('org.departments.manage'));
  const full = me as MeFull | null;
  const roleName = useRoleNames();
  if (!me) return null;

  const patchMe = (body: Record<string, unknown>) => api<MeFull>('/me', { method: 'PATCH', body, ifMatch: full?.version });

  const saveName = async ({ displayName }: { displayName: string }) => {
    setSaving(true);
    try {
      await patchMe({ displayName: displayName.trim() });
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      const toast = applyServerErrors(form, err, ['displayName']);
      if (toast) message.error(toast);
      await qc.invalidateQueries({ queryKey: ['me'] });
    } finally {
      setSaving(false);
    }
  };

  const switchLocale = async (locale: 'zh-CN' | 'en') => {
    await setLanguage(locale);
    try {
      await api('/me', { method: 'PATCH', body: { locale } });
      message.success(t('profile.basic.languageSaved'));
    } catch (err) {
      message.error((err as Error).message);
    }
    // Everything on screen (server messages included) is in the new language after a reload of the data.
    await qc.invalidateQueries();
  };

  return (
    <div style={{ maxWidth: 720 }}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'username', label: t('profile.basic.username'), children: <Typography.Text code>{me.username}</Typography.Text> },
          { key: 'email', label: t('profile.basic.email'), children: me.email || '—' },
          ...(departments.data
            ? [{ key: 'department', label: t('profile.basic.department'), children: departmentPathName(departments.data, me.departmentId) || '—' }]
            : []),
          {
            key: 'roles',
            label: t('profile.basic.roles'),
            children: me.roles.length ? me.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) : '—',
          },
          { key: 'pw', label: t('profile.basic.passwordChangedAt'), children: formatDateTime(full?.passwordChangedAt) },
        ]}
      />
      <Divider />
      <Form form={form} layout="vertical" initialValues={{ displayName: me.displayName }} onFinish={saveName}>
        <Form.Item name="displayName" label={t('profile.basic.displayName')} extra={t('profile.basic.displayNameHint')} rules={[{ required: true, whitespace: true, message: t('profile.basic.displayNameRequired') }, { max: 100 }]}>
          <Input maxLength={100} style={{ maxWidth: 360 }} data-testid="profile-display-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
      <Divider />
      <Typography.Title level={5}>{t('profile.basic.language')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('profile.basic.languageHint')}</Typography.Paragraph>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={me.locale}
        onChange={(e) => switchLocale(e.target.value)}
        options={[
          { value: 'zh-CN', label: '简体中文' },
          { value: 'en', label: 'English' },
        ]}
        data-testid="profile-language"
      />
    </div>
  );
}
