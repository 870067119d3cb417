import { DeleteOutlined, EditOutlined, HistoryOutlined, KeyOutlined, PlusOutlined, QuestionCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Empty, Modal, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { WebhookDeliveriesDrawer } from './webhook-deliveries-drawer';
import { WebhookForm } from './webhook-form';
import { SignatureHelp, WebhookSecretModal } from './webhook-secret-modal';
import { DELIVERY_COLORS, type Delivery, type Webhook, type WebhookWithSecret } from './webhook-types';

/** The newest delivery of a webhook (one small request per row; webhooks are few). */
function LastDelivery({ webhook, onOpen }: { webhook: Webhook; onOpen: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['webhook-last', webhook.id], queryFn: () => api<Page<Delivery>>(`/webhooks/${webhook.id}/deliveries`, { query: { limit: 1 } }) });
  const d = q.data?.items[0];
  if (q.isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  if (!d) return <Typography.Text type="secondary">{t('webhooks.neverDelivered')}</Typography.Text>;
  return (
    <Tooltip title={d.lastError ?? `${d.event} · ${formatDateTime(d.createdAt)}`}>
      <Space size={4} style={{ cursor: 'pointer' }} onClick={onOpen}>
        <Tag color={DELIVERY_COLORS[d.status]} style={{ marginInlineEnd: 0 }}>
          {t(`webhooks.delivery.${d.status}`)}
          {d.responseStatus ? ` ${d.responseStatus}` : ''}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(d.createdAt)}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

/** Webhooks: signed HTTP callbacks to other systems when something happens in Kefu. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('webhooks.manage');
  const list = useCursorList<Webhook>('webhooks', '/webhooks');
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [deliveries, setDeliveries] = useState<Webhook | null>(null);
  const [help, setHelp] = useState(false);

  const reload = () => qc.invalidateQueries({ queryKey: ['webhooks'] });
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) message.success(ok);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const toggle = (w: Webhook, active: boolean) => run(() => api(`/webhooks/${w.id}`, { method: 'PATCH', body: { active }, ifMatch: w.version }), active ? t('webhooks.enabled') : t('webhooks.disabled'));
  const remove = (w: Webhook) => run(() => api(`/webhooks/${w.id}`, { method: 'DELETE' }), t('common.deleted'));
  const rotate = (w: Webhook) =>
    run(async () => {
      const res = await api<WebhookWithSecret>(`/webhooks/${w.id}/rotate-secret`, { method: 'POST' });
      setSecret({ secret: res.secret, name: res.name });
    });
  const test = async (w: Webhook) => {
    const key = `test-${w.id}`;
    message.loading({ key, content: t('webhooks.testing') });
    try {
      const d = await api<Delivery>(`/webhooks/${w.id}/test`, { method: 'POST' });
      if (d.status === 'delivered') message.success({ key, content: t('webhooks.testDelivered', { status: d.responseStatus ?? '' }) });
      else message.error({ key, content: t('webhooks.testFailed', { error: d.lastError ?? d.responseStatus ?? '' }), duration: 6 });
    } catch (err) {
      message.error({ key, content: err instanceof Error ? err.message : String(err) });
    }
    await qc.invalidateQueries({ queryKey: ['webhook-last', w.id] });
  };

  const create = () => setEditing('new');
  return (
    <PageCard
      title={t('nav.webhooks')}
      description={t('webhooks.description')}
      extra={
        <Space>
          <Button icon={<QuestionCircleOutlined />} onClick={() => setHelp(true)} data-testid="webhook-help">
            {t('webhooks.verifyHelp')}
          </Button>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="webhook-create">
              {t('webhooks.create')}
            </Button>
          )}
        </Space>
      }
    >
      {!list.isLoading && list.items.length === 0 && list.pageNumber === 1 ? (
        <Empty style={{ padding: 32 }} description={t('webhooks.empty')} data-testid="webhooks-empty">
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={create}>
              {t('webhooks.create')}
            </Button>
          )}
        </Empty>
      ) : (
      <CursorTable<Webhook>
        list={list}
        rowKey="id"
        data-testid="webhooks-table"
        emptyText={t('webhooks.empty')}
        columns={[
          { title: t('webhooks.name'), dataIndex: 'name', width: 180, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: t('webhooks.url'),
            dataIndex: 'url',
            ellipsis: { showTitle: false },
            render: (u: string) => (
              <Tooltip title={u}>
                <Typography.Text style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}>{u}</Typography.Text>
              </Tooltip>
            ),
          },
          {
            title: t('webhooks.events'),
            dataIndex: 'events',
            width: 220,
            render: (events: string[]) => (
              <Space size={[4, 4]} wrap>
                {events.map((e) => (
                  <Tag key={e} color={e === '*' ? 'purple' : 'blue'}>
                    {e === '*' ? t('webhooks.allEvents') : e}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('webhooks.active'),
            dataIndex: 'active',
            width: 80,
            render: (a: boolean, w) => <Switch size="small" checked={a} disabled={!manage} onChange={(v) => toggle(w, v)} data-testid={`webhook-active-${w.id}`} />,
          },
          { title: t('webhooks.lastDelivery'), key: 'last', width: 230, render: (_, w) => <LastDelivery webhook={w} onOpen={() => setDeliveries(w)} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 250,
            render: (_, w) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setDeliveries(w)} data-testid={`webhook-deliveries-${w.id}`}>
                  {t('webhooks.deliveries')}
                </Button>
                <Button type="link" size="small" icon={<SendOutlined />} onClick={() => test(w)} data-testid={`webhook-test-${w.id}`}>
                  {t('webhooks.sendTest')}
                </Button>
                {manage && (
                  <Dropdown
                    menu={{
                      items: [
                        { key: 'edit', icon: <EditOutlined />, label: t('common.edit'), onClick: () => setEditing(w) },
                        {
                          key: 'rotate',
                          icon: <KeyOutlined />,
                          label: t('webhooks.rotateSecret'),
                          onClick: () =>
                            modal.confirm({ title: t('webhooks.rotateConfirm'), content: t('webhooks.rotateHint'), onOk: () => rotate(w) }),
                        },
                        { type: 'divider' },
                        {
                          key: 'delete',
                          icon: <DeleteOutlined />,
                          danger: true,
                          label: t('common.delete'),
                          onClick: () =>
                            modal.confirm({ title: t('webhooks.deleteConfirm', { name: w.name }), content: t('webhooks.deleteHint'), okButtonProps: { danger: true }, onOk: () => remove(w) }),
                        },
                      ],
                    }}
                  >
                    <Button type="link" size="small" data-testid={`webhook-more-${w.id}`}>
                      {t('webhooks.more')}
                    </Button>
                  </Dropdown>
                )}
              </Space>
            ),
          },
        ]}
      />
      )}
      <WebhookForm
        open={editing !== null}
        webhook={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          setEditing(null);
          if (created) setSecret({ secret: created.secret, name: created.name });
          void reload();
        }}
      />
      <WebhookSecretModal secret={secret?.secret ?? null} name={secret?.name ?? ''} onClose={() => setSecret(null)} />
      <WebhookDeliveriesDrawer webhook={deliveries} onClose={() => setDeliveries(null)} />
      <Modal open={help} onCancel={() => setHelp(false)} footer={null} width={720} title={t('webhooks.verifyHelp')}>
        <SignatureHelp />
      </Modal>
    </PageCard>
  );
}
