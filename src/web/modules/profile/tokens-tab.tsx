import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDate, formatDateTime } from '../../ui/format';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { useCursorList } from '../../ui/use-cursor-list';
import { groupPermissions } from '../org/permission-groups';

type Token = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null; status: 'active' | 'expired' | 'revoked' };
type Values = { name: string; scopes: string[]; expiresInDays: number | 0 };

const STATUS_BADGE = { active: 'success', expired: 'warning', revoked: 'default' } as const;
const EXPIRY_DAYS = [30, 90, 180, 365, 0];

/** API 令牌: personal tokens for scripts and integrations; the secret is shown once. */
export function TokensTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const qc = useQueryClient();
  const list = useCursorList<Token>('api-tokens', '/api-tokens', {});
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  const create = async (v: Values) => {
    setSaving(true);
    try {
      const body: Record<string, unknown> = { name: v.name.trim(), scopes: v.scopes ?? [] };
      if (v.expiresInDays) body.expiresInDays = v.expiresInDays;
      const answer = await api<{ token: Token; secret: string }>('/api-tokens', { body });
      setCreating(false);
      form.resetFields();
      setSecret(answer.secret);
      await qc.invalidateQueries({ queryKey: ['api-tokens'] });
    } catch (err) {
      const toast = applyServerErrors(form, err, ['name', 'scopes', 'expiresInDays']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };
  const revoke = async (tk: Token) => {
    try {
      await api(`/api-tokens/${tk.id}`, { method: 'DELETE' });
      message.success(t('profile.tokens.revoked'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
    await qc.invalidateQueries({ queryKey: ['api-tokens'] });
  };

  const scopeOptions = groupPermissions(me?.permissions ?? []).map((g) => ({
    label: t(`org.roles.groups.${g.key}`),
    title: g.key,
    options: g.codes.map((c) => ({ value: c, label: t(`permissions.${c}`, { defaultValue: c }) })),
  }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('profile.tokens.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('profile.tokens.create')}
        </Button>
      </Space>
      <CursorTable<Token>
        list={list}
        rowKey="id"
        data-testid="tokens-table"
        emptyText={t('profile.tokens.empty')}
        columns={[
          { title: t('profile.tokens.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('profile.tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          {
            title: t('profile.tokens.scopes'),
            dataIndex: 'scopes',
            render: (s: string[]) =>
              s.length === 0 ? (
                <Tag color="gold">{t('profile.tokens.allScopes')}</Tag>
              ) : (
                <Tooltip title={s.map((c) => t(`permissions.${c}`, { defaultValue: c })).join('、')}>
                  <Tag color="blue">{t('profile.tokens.scopeCount', { count: s.length })}</Tag>
                </Tooltip>
              ),
          },
          { title: t('profile.tokens.createdAt'), dataIndex: 'createdAt', render: formatDate },
          { title: t('profile.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : t('profile.tokens.neverUsed')) },
          { title: t('profile.tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDate(v) : t('profile.tokens.never')) },
          { title: t('common.status'), dataIndex: 'status', render: (s: Token['status']) => <Badge status={STATUS_BADGE[s]} text={t(`profile.tokens.statuses.${s}`)} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, tk: Token) =>
              tk.status === 'active' && (
                <Popconfirm title={t('profile.tokens.revokeConfirm', { name: tk.name })} description={t('profile.tokens.revokeHint')} okText={t('profile.tokens.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(tk)}>
                  <Button type="link" danger size="small" data-testid="token-revoke">
                    {t('profile.tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('profile.tokens.createTitle')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('org.createSubmit')}
        okButtonProps={{ loading: saving, ...testId('token-submit') }}
        destroyOnHidden
        width={560}
      >
        <Form form={form} layout="vertical" initialValues={{ scopes: [], expiresInDays: 90 }} onFinish={create} style={{ marginTop: 16 }}>
          <Form.Item name="name" label={t('profile.tokens.name')} rules={[{ required: true, whitespace: true, message: t('profile.tokens.nameRequired') }, { max: 100 }]}>
            <Input maxLength={100} placeholder={t('profile.tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="scopes" label={t('profile.tokens.scopes')} extra={t('profile.tokens.scopesHint')}>
            <Select mode="multiple" allowClear options={scopeOptions} placeholder={t('profile.tokens.allScopes')} showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" data-testid="token-scopes" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('profile.tokens.expiry')}>
            <Select options={EXPIRY_DAYS.map((d) => ({ value: d, label: d ? t('profile.tokens.days', { count: d }) : t('profile.tokens.never') }))} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={t('profile.tokens.secretTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={<Button type="primary" onClick={() => setSecret(null)} data-testid="token-secret-done">{t('profile.tokens.secretDone')}</Button>}
      >
        <Alert type="warning" showIcon title={t('profile.tokens.secretOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }} code style={{ wordBreak: 'break-all', fontSize: 14 }} data-testid="token-secret">
          {secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('profile.tokens.usage')}</Typography.Text>
        <Typography.Paragraph code style={{ marginTop: 8 }}>
          Authorization: Bearer {'<token>'}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
