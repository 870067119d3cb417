import { Button, Card, Descriptions, Flex, Input, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import { AFTER_SALES_SUBTYPES, TICKET_PRIORITIES, TICKET_TYPES, type TicketDetail, type TicketStatus } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../ui/format';
import { CategoryTreeSelect } from './category-tree-select';
import { enumOptions, StatusTag } from './ticket-labels';
import { useTicketActions } from './use-ticket-actions';

const STATUS_BUTTON: Partial<Record<TicketStatus, 'primary' | 'default'>> = { resolved: 'primary' };

/** Number, subject (editable), status with the moves allowed from here, and the ticket's classification. */
export function TicketHeader({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { patch, run } = useTicketActions(ticket);
  const editable = can('tickets.update') && !ticket.mergedInto;
  const [moving, setMoving] = useState<TicketStatus | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const move = async () => {
    if (!moving) return;
    setBusy(true);
    const done = await run(`/status`, { status: moving, reason: reason.trim() }, t('tickets.detail.statusChanged', { status: t(`tickets.status.${moving}`) }));
    setBusy(false);
    if (done !== null) {
      setMoving(null);
      setReason('');
    }
  };

  return (
    <Card data-testid="ticket-header">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} align="center" wrap>
            <Typography.Text type="secondary" style={{ fontSize: 16 }} data-testid="ticket-detail-number">
              #{ticket.number}
            </Typography.Text>
            <StatusTag status={ticket.status} />
            {ticket.reopenCount > 0 && <Tag color="orange">{t('tickets.detail.reopened', { count: ticket.reopenCount })}</Tag>}
          </Space>
          <Typography.Title
            level={4}
            style={{ margin: '4px 0 0' }}
            editable={editable ? { onChange: (v) => v.trim() && v.trim() !== ticket.subject && void patch({ subject: v.trim() }), maxLength: 200, tooltip: t('common.edit'), triggerType: ['icon'] } : false}
            data-testid="ticket-detail-subject"
          >
            {ticket.subject}
          </Typography.Title>
        </div>
        {editable && ticket.allowedStatuses.length > 0 && (
          <Space wrap data-testid="ticket-status-actions">
            <Typography.Text type="secondary">{t('tickets.detail.moveTo')}</Typography.Text>
            {ticket.allowedStatuses.map((s) => (
              <Button key={s} type={STATUS_BUTTON[s] ?? 'default'} onClick={() => setMoving(s)} data-testid={`ticket-status-${s}`}>
                {s === 'open' && (ticket.status === 'resolved' || ticket.status === 'closed') ? t('tickets.statusAction.reopen') : t(`tickets.statusAction.${s}`)}
              </Button>
            ))}
          </Space>
        )}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginTop: 12 }} data-testid="ticket-classification">
        <Descriptions.Item label={t('tickets.fields.type')}>
          <Select
            size="small"
            variant="borderless"
            disabled={!editable}
            value={ticket.type}
            style={{ minWidth: 100 }}
            popupMatchSelectWidth={false}
            options={enumOptions(t, 'type', TICKET_TYPES)}
            onChange={(v) => void patch({ type: v, ...(v === 'after_sales' ? {} : { subtype: null }) })}
            data-testid="ticket-edit-type"
          />
          {ticket.type === 'after_sales' && (
            <Select
              size="small"
              variant="borderless"
              disabled={!editable}
              value={ticket.subtype ?? undefined}
              placeholder={t('tickets.fields.subtype')}
              style={{ minWidth: 90 }}
              options={enumOptions(t, 'subtype', AFTER_SALES_SUBTYPES)}
              onChange={(v) => void patch({ subtype: v })}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.fields.priority')}>
          <Select
            size="small"
            variant="borderless"
            disabled={!editable}
            value={ticket.priority}
            style={{ minWidth: 80 }}
            options={enumOptions(t, 'priority', TICKET_PRIORITIES)}
            onChange={(v) => void patch({ priority: v })}
            data-testid="ticket-edit-priority"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.fields.category')}>
          <Tooltip title={ticket.categoryPath.join(' / ')}>
            <CategoryTreeSelect
              type={ticket.type}
              size="small"
              variant="borderless"
              disabled={!editable}
              value={ticket.categoryId ?? undefined}
              style={{ minWidth: 160 }}
              popupMatchSelectWidth={false}
              onChange={(v) => void patch({ categoryId: v ?? null })}
            />
          </Tooltip>
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.fields.tags')}>
          <Select
            size="small"
            variant="borderless"
            mode="tags"
            disabled={!editable}
            open={false}
            suffixIcon={null}
            value={ticket.tags}
            style={{ minWidth: 140 }}
            tokenSeparators={[',', '，', ' ']}
            placeholder={t('tickets.form.tagsPlaceholder')}
            onChange={(v: string[]) => void patch({ tags: v })}
            data-testid="ticket-edit-tags"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.fields.channel')}>{t(`tickets.channel.${ticket.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.fields.createdAt')}>{formatDateTime(ticket.createdAt)}</Descriptions.Item>
        {ticket.resolvedAt && <Descriptions.Item label={t('tickets.fields.resolvedAt')}>{formatDateTime(ticket.resolvedAt)}</Descriptions.Item>}
        {ticket.cc.length > 0 && <Descriptions.Item label={t('tickets.fields.cc')}>{ticket.cc.join(', ')}</Descriptions.Item>}
      </Descriptions>
      <Modal
        open={moving !== null}
        title={moving ? t('tickets.detail.moveTitle', { number: ticket.number, status: t(`tickets.status.${moving}`) }) : ''}
        onCancel={() => setMoving(null)}
        onOk={() => void move()}
        okText={moving ? t(`tickets.statusAction.${moving}`) : ''}
        confirmLoading={busy}
        okButtonProps={testId('ticket-status-confirm')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{moving ? t(`tickets.statusHint.${moving}`) : ''}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('tickets.detail.reasonPlaceholder')} data-testid="ticket-status-reason" />
      </Modal>
    </Card>
  );
}
