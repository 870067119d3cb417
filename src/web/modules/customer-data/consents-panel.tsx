import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../../ui/api';
import { formatDateTime } from '../../ui/format';
import { testId } from '../../ui/test-id';
import type { ConsentView } from '../../../shared/customer-privacy';
import { ConsentAddModal } from './consents-add-modal';

/** One consent record as `GET /api/v1/customers/:id/consents` lists it. */
export type Consent = ConsentView;

export const consentsKey = (customerId: string) => ['customer-consents', customerId] as const;

function ConsentState({ c }: { c: Consent }) {
  const { t } = useTranslation();
  if (c.withdrawnAt) {
    return (
      <Tooltip title={t('customerPrivacy.consents.withdrawnAt', { at: formatDateTime(c.withdrawnAt).slice(0, 16) })}>
        <Tag>{t('customerPrivacy.consents.withdrawn')}</Tag>
      </Tooltip>
    );
  }
  return c.granted ? <Tag color="green">{t('customerPrivacy.consents.effective')}</Tag> : <Tag color="red">{t('customerPrivacy.consents.refused')}</Tag>;
}

/**
 * §2.11 the consent records of one customer (purpose, scope, channel, decision, time, withdrawal)
 * with "record consent" and "withdraw" for users who may change the customer (`canEdit`).
 */
export function ConsentsPanel({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: consentsKey(customerId),
    queryFn: async () => {
      const res = await api<Consent[] | Page<Consent>>(`/customers/${customerId}/consents`);
      return Array.isArray(res) ? res : res.items;
    },
  });
  const summary = (all: Consent[]) =>
    t('customerPrivacy.consents.summary', {
      active: all.filter((c) => c.active).length,
      withdrawn: all.filter((c) => c.withdrawnAt).length,
      refused: all.filter((c) => !c.granted).length,
    });
  const refresh = () => qc.invalidateQueries({ queryKey: consentsKey(customerId) });

  const withdraw = async (c: Consent) => {
    try {
      await api(`/customers/${customerId}/consents/${c.id}/withdraw`, { method: 'POST', body: {} });
      message.success(t('customerPrivacy.consents.withdrawnDone'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await refresh();
    }
  };

  const columns = [
    {
      title: t('customerPrivacy.consents.purpose'),
      key: 'purpose',
      render: (_: unknown, c: Consent) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{c.purpose}</Typography.Text>
          {c.scope && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customerPrivacy.consents.scope')}
              {t('customerPrivacy.colon')}
              {c.scope}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('customerPrivacy.consents.channel'), dataIndex: 'channel', width: 110, render: (v: string) => t(`customerPrivacy.consents.channels.${v}`, { defaultValue: v }) },
    { title: t('customerPrivacy.consents.state'), key: 'state', width: 100, render: (_: unknown, c: Consent) => <ConsentState c={c} /> },
    {
      title: t('customerPrivacy.consents.evidence'),
      dataIndex: 'evidence',
      ellipsis: { showTitle: false },
      render: (v: string) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            {v}
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('customerPrivacy.consents.at'),
      key: 'at',
      width: 190,
      render: (_: unknown, c: Consent) => (
        <Space orientation="vertical" size={0}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(c.at).slice(0, 16)}</span>
          {c.recordedByName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.recordedByName}
            </Typography.Text>
          )}
          {c.withdrawnAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customerPrivacy.consents.withdrawnAt', { at: formatDateTime(c.withdrawnAt).slice(0, 16) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, c: Consent) =>
              c.active ? (
                <Popconfirm
                  title={t('customerPrivacy.consents.withdrawConfirm', { purpose: c.purpose })}
                  description={<div style={{ maxWidth: 320 }}>{t('customerPrivacy.consents.withdrawHint')}</div>}
                  okText={t('customerPrivacy.consents.withdraw')}
                  okButtonProps={{ danger: true, ...testId('consent-withdraw-ok') }}
                  onConfirm={() => withdraw(c)}
                >
                  <Button type="link" size="small" danger data-testid="consent-withdraw">
                    {t('customerPrivacy.consents.withdraw')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="consents-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12, minHeight: 32 }}>
        <Typography.Text type="secondary" data-testid="consents-summary">
          {list.data && list.data.length > 0 ? summary(list.data) : ''}
        </Typography.Text>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="consent-add">
            {t('customerPrivacy.consents.add')}
          </Button>
        )}
      </div>
      <Table<Consent>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={(list.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 760 }}
        locale={{
          emptyText: list.isLoading ? ' ' : list.error ? <Typography.Text type="danger">{list.error.message}</Typography.Text> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerPrivacy.consents.empty')} />,
        }}
      />
      {canEdit && (
        <ConsentAddModal
          customerId={customerId}
          open={adding}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void refresh();
          }}
        />
      )}
    </div>
  );
}
