import { DeleteOutlined, EditOutlined, FileTextOutlined, MailOutlined, PhoneOutlined, PlusOutlined, StarFilled, UserOutlined, WechatOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Rate, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, type ContactView, type CustomerView } from '../../../shared/customers';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { RevealButton } from '../../ui/reveal-button';
import { ContactModal } from './contact-modal';
import { Muted } from './labels';
import { enumLabel } from '../customers/customer-labels';

export const ROLE_COLORS: Record<ContactView['role'], string> = {
  decision_maker: 'red',
  influencer: 'volcano',
  purchaser: 'gold',
  user: 'green',
  finance: 'cyan',
  technical: 'blue',
  other: 'default',
};

const ROLE_HEX: Record<ContactView['role'], string> = {
  decision_maker: '#f5222d',
  influencer: '#fa541c',
  purchaser: '#faad14',
  user: '#52c41a',
  finance: '#13c2c2',
  technical: '#1677ff',
  other: '#d9d9d9',
};

/**
 * 关键联系人地图: contacts grouped by their role in the buying decision, strongest first, so an
 * account manager sees at once who decides, who buys, who pays — and which seat is empty.
 */
function ContactMap({ contacts }: { contacts: ContactView[] }) {
  const { t } = useTranslation();
  const roles = CONTACT_ROLES.filter((r) => contacts.some((c) => c.role === r));
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="contact-map">
      {roles.map((role) => (
        <Col key={role} xs={24} sm={12} lg={8} xxl={6}>
          <Card size="small" styles={{ body: { padding: 12 } }} style={{ height: '100%', borderTop: `3px solid ${ROLE_HEX[role]}` }}>
            <Tag color={ROLE_COLORS[role]} style={{ marginBottom: 8 }}>
              {enumLabel(t, 'contactRole', role)}
            </Tag>
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              {contacts
                .filter((c) => c.role === role)
                .sort((a, b) => b.strength - a.strength || Number(b.isPrimary) - Number(a.isPrimary))
                .map((c) => (
                  <div key={c.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Typography.Text ellipsis style={{ maxWidth: 140 }}>
                      <UserOutlined style={{ color: '#8c8c8c', marginInlineEnd: 4 }} />
                      {c.name}
                      {c.isPrimary && <StarFilled style={{ color: '#faad14', marginInlineStart: 4 }} />}
                    </Typography.Text>
                    <Tooltip title={t(`customer360.contacts.strengthLevels.${c.strength}`)}>
                      <span style={{ whiteSpace: 'nowrap', color: '#faad14', fontSize: 12, letterSpacing: -1 }}>
                        {'●'.repeat(c.strength)}
                        <span style={{ color: '#e8e8e8' }}>{'●'.repeat(5 - c.strength)}</span>
                      </span>
                    </Tooltip>
                  </div>
                ))}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** §2.2 contacts of the customer: table, map by role, add / edit / remove. */
export function ContactsTab({ customer, contacts, editable, onSaved }: { customer: CustomerView; contacts: ContactView[]; editable: boolean; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ContactView | null | undefined>(undefined);
  const org = customer.kind === 'organization';
  const noDecider = org && contacts.length > 0 && !contacts.some((c) => c.role === 'decision_maker');

  const remove = async (c: ContactView) => {
    try {
      await api(`/customers/${customer.id}/contacts/${c.id}`, { method: 'DELETE' });
      message.success(t('customer360.contacts.deleted', { name: c.name }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await onSaved();
    }
  };

  // With pii.reveal the eye shows the value (asks a reason, audited); without it a tag says why it is masked.
  const maskTag = (c: ContactView, field: 'phone' | 'email') =>
    c.maskedFields.includes(field) &&
    (can('pii.reveal') ? (
      <RevealButton entity="contact" id={c.id} field={field} subject={c.name} />
    ) : (
      <Tooltip title={t('customer360.contacts.maskedHint')}>
        <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>{t('customer360.contacts.masked')}</Tag>
      </Tooltip>
    ));
  const reach = (c: ContactView) => {
    const lines = [
      c.phone && { key: 'phone', icon: <PhoneOutlined />, text: c.phone, tag: maskTag(c, 'phone') },
      c.email && { key: 'email', icon: <MailOutlined />, text: c.email, tag: maskTag(c, 'email') },
      c.wechat && { key: 'wechat', icon: <WechatOutlined />, text: c.wechat, tag: null },
    ].filter(Boolean) as { key: string; icon: ReactNode; text: string; tag: ReactNode }[];
    if (lines.length === 0) return <Muted>—</Muted>;
    return (
      <Space orientation="vertical" size={0}>
        {lines.map((l) => (
          <Space key={l.key} size={6} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
            <span style={{ color: '#8c8c8c' }}>{l.icon}</span>
            {l.text}
            {l.tag}
          </Space>
        ))}
      </Space>
    );
  };

  const columns = [
    {
      title: t('customer360.contacts.name'),
      key: 'name',
      render: (_: unknown, c: ContactView) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 220 }}>
          <Space size={6} style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.isPrimary && (
              <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                {t('customer360.contacts.primary')}
              </Tag>
            )}
          </Space>
          {c.jobTitle && <Muted>{c.jobTitle}</Muted>}
          {c.notes && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: c.notes }} style={{ fontSize: 12, maxWidth: 220 }}>
              <FileTextOutlined /> {c.notes}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('customer360.contacts.role'),
      dataIndex: 'role',
      width: 96,
      render: (r: ContactView['role']) => <Tag color={ROLE_COLORS[r]}>{enumLabel(t, 'contactRole', r)}</Tag>,
    },
    {
      title: t('customer360.contacts.strength'),
      dataIndex: 'strength',
      width: 110,
      render: (s: number) => (
        <Tooltip title={t(`customer360.contacts.strengthLevels.${s}`)}>
          <span style={{ whiteSpace: 'nowrap' }}>
            <Rate disabled value={s} style={{ fontSize: 12 }} />
          </span>
        </Tooltip>
      ),
    },
    { title: t('customer360.contacts.reach'), key: 'reach', width: 230, render: (_: unknown, c: ContactView) => reach(c) },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 76,
            render: (_: unknown, c: ContactView) => (
              <Space size={0}>
                <Tooltip title={t('common.edit')}>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('common.edit')} data-testid="contact-edit" />
                </Tooltip>
                <Popconfirm title={t('customer360.contacts.deleteConfirm', { name: c.name })} okButtonProps={{ danger: true }} okText={t('common.delete')} onConfirm={() => remove(c)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="contact-delete" />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const add = editable && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="contact-create">
      {t('customer360.contacts.create')}
    </Button>
  );

  return (
    <div data-testid="c360-contacts">
      {contacts.length === 0 ? (
        <Empty description={<span style={{ display: 'inline-block', maxWidth: 420 }}>{org ? t('customer360.contacts.emptyOrg') : t('customer360.contacts.emptyPerson')}</span>}>
          {add}
        </Empty>
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12 }}>
            <Typography.Text strong>{t('customer360.contacts.mapTitle')}</Typography.Text>
            {add}
          </div>
          {noDecider && <Alert type="warning" showIcon title={t('customer360.contacts.noDecider')} style={{ marginBottom: 12 }} />}
          <ContactMap contacts={contacts} />
          <Table<ContactView> rowKey="id" size="middle" columns={columns} dataSource={contacts} pagination={contacts.length > 10 ? { pageSize: 10, showSizeChanger: false } : false} scroll={{ x: 680 }} data-testid="contacts-table" />
        </>
      )}
      <ContactModal customerId={customer.id} contact={editing} onClose={() => setEditing(undefined)} onSaved={onSaved} />
    </div>
  );
}
