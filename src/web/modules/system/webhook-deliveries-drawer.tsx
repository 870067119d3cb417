import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { useCursorList } from '../../ui/use-cursor-list';
import { DELIVERY_COLORS, type Delivery, type DeliveryAttempt, type DeliveryStatus, type Webhook } from './webhook-types';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 } as const;

function DeliveryDetail({ d }: { d: Delivery }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '4px 8px' }}>
      <Typography.Text strong>{t('webhooks.attemptLog')}</Typography.Text>
      <Table<DeliveryAttempt>
        size="small"
        rowKey="attempt"
        pagination={false}
        dataSource={d.attemptLog}
        style={{ margin: '8px 0 12px' }}
        locale={{ emptyText: t('webhooks.noAttempts') }}
        columns={[
          { title: '#', dataIndex: 'attempt', width: 50 },
          { title: t('webhooks.attemptAt'), dataIndex: 'at', width: 170, render: formatDateTime },
          { title: t('webhooks.responseStatus'), dataIndex: 'responseStatus', width: 90, render: (s: number | null) => (s === null ? '—' : <Tag color={s >= 200 && s < 300 ? 'success' : 'error'}>{s}</Tag>) },
          { title: t('webhooks.duration'), dataIndex: 'durationMs', width: 90, render: (ms: number) => `${ms} ms` },
          {
            title: t('webhooks.errorOrResponse'),
            key: 'info',
            render: (_, a) =>
              a.error ? <Typography.Text type="danger">{a.error}</Typography.Text> : a.responseExcerpt ? <span style={mono}>{a.responseExcerpt}</span> : <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
      <Typography.Text strong>{t('webhooks.payload')}</Typography.Text>
      <pre style={{ ...mono, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, marginTop: 8, maxHeight: 260, overflow: 'auto' }}>{JSON.stringify(d.payload, null, 2)}</pre>
    </div>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [testing, setTesting] = useState(false);
  const list = useCursorList<Delivery>('webhook-deliveries', `/webhooks/${webhook.id}/deliveries`, { status }, 20);

  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    void qc.invalidateQueries({ queryKey: ['webhook-last', webhook.id] });
  };
  const sendTest = async () => {
    setTesting(true);
    try {
      const d = await api<Delivery>(`/webhooks/${webhook.id}/test`, { method: 'POST' });
      if (d.status === 'delivered') message.success(t('webhooks.testDelivered', { status: d.responseStatus ?? '' }));
      else message.error(t('webhooks.testFailed', { error: d.lastError ?? d.responseStatus ?? '' }), 6);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setTesting(false);
      list.first();
      reload();
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12, gap: 8, flexWrap: 'wrap' }}>
        <Space>
          <Select
            allowClear
            placeholder={t('webhooks.filterStatus')}
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={(['pending', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: t(`webhooks.delivery.${s}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Tooltip title={t('webhooks.testHelp')}>
          <Button type="primary" icon={<SendOutlined />} loading={testing} onClick={sendTest} data-testid="webhook-test">
            {t('webhooks.sendTest')}
          </Button>
        </Tooltip>
      </div>
      <CursorTable<Delivery>
        list={list}
        rowKey="id"
        size="middle"
        data-testid="webhook-deliveries"
        emptyText={t('webhooks.noDeliveries')}
        expandable={{ expandedRowRender: (d) => <DeliveryDetail d={d} /> }}
        columns={[
          { title: t('webhooks.event'), dataIndex: 'event', render: (e: string) => <Tag style={mono}>{e}</Tag> },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: DeliveryStatus) => <Tag color={DELIVERY_COLORS[s]}>{t(`webhooks.delivery.${s}`)}</Tag> },
          { title: t('webhooks.responseStatus'), dataIndex: 'responseStatus', width: 90, render: (s: number | null) => s ?? '—' },
          { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 80 },
          {
            title: t('webhooks.lastError'),
            dataIndex: 'lastError',
            ellipsis: { showTitle: false },
            render: (e: string | null) => (e ? <Tooltip title={e}><Typography.Text type="danger">{e}</Typography.Text></Tooltip> : '—'),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
          { title: t('webhooks.deliveredAt'), dataIndex: 'deliveredAt', width: 170, render: formatDateTime },
        ]}
      />
    </>
  );
}

/** The delivery log of one webhook, each with its attempts and payload, plus "send test". */
export function WebhookDeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={!!webhook} onClose={onClose} size={1000} title={webhook ? t('webhooks.deliveriesTitle', { name: webhook.name }) : ''} destroyOnHidden>
      {webhook && (
        <>
          <Typography.Paragraph type="secondary" style={mono}>
            {webhook.url}
          </Typography.Paragraph>
          <Deliveries webhook={webhook} />
        </>
      )}
    </Drawer>
  );
}
