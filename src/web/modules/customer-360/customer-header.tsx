import { ArrowLeftOutlined, BankOutlined, EditOutlined, MessageOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Col, Row, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Figure } from './figure';
import { formatFen } from './money';
import { formatMinute, Muted, StatusTag } from './labels';
import type { Overview } from './types';
import { enumLabel } from '../customers/customer-labels';

type Props = {
  overview: Overview;
  /** Why the actions are off (merged, anonymized, no permission); null when they are on. */
  lockedReason: string | null;
  onEdit: () => void;
  onChangeStatus: () => void;
  onAddNote: () => void;
  /** More actions of other modules (new ticket, portal invitation), shown before the customer's own. */
  extraActions?: ReactNode;
};


/** Who the customer is at a glance: name, kind, lifecycle, owner, tags, key figures and the actions. */
export function CustomerHeader({ overview, lockedReason, onEdit, onChangeStatus, onAddNote, extraActions }: Props) {
  const { t } = useTranslation();
  const { customer: c, consumption } = overview;
  const locked = lockedReason !== null;
  const action = (node: ReactNode) => (locked ? <Tooltip title={lockedReason}>{node}</Tooltip> : node);
  const org = c.kind === 'organization';

  return (
    <Card data-testid="c360-header">
      <Link to="/customers" style={{ fontSize: 13 }}>
        <ArrowLeftOutlined /> {t('customer360.header.back')}
      </Link>
      <Row gutter={[24, 16]} align="middle" style={{ marginTop: 12 }}>
        <Col flex="auto">
          <Space align="start" size={16}>
            <Avatar size={56} icon={org ? <BankOutlined /> : <UserOutlined />} style={{ background: org ? '#2f54eb' : '#13a8a8', flex: 'none' }} />
            <div>
              <Space wrap size={[8, 4]} align="center">
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="c360-name">
                  {c.name}
                </Typography.Title>
                {c.nameEn && <Typography.Text type="secondary">{c.nameEn}</Typography.Text>}
                <Tag color={org ? 'geekblue' : 'cyan'} style={{ marginInlineEnd: 0 }}>
                  {enumLabel(t, 'kind', c.kind)}
                </Tag>
                <span data-testid="c360-status">
                  <StatusTag status={c.lifecycleStatus} />
                </span>
                {c.isInternal && <Tag style={{ marginInlineEnd: 0 }}>{t('customer360.header.internal')}</Tag>}
              </Space>
              <div style={{ marginTop: 6 }}>
                <Space wrap split={<Typography.Text type="secondary">·</Typography.Text>} size={[8, 4]}>
                  <span>
                    <Muted>{t('customer360.header.owner')}</Muted> {c.ownerName ?? <Muted>{t('customer360.header.noOwner')}</Muted>}
                  </span>
                  <span>
                    <Muted>{t('customer360.header.lastActivity')}</Muted> {c.lastActivityAt ? formatMinute(c.lastActivityAt) : <Muted>{t('customer360.header.never')}</Muted>}
                  </span>
                  <span>
                    <Muted>{t('customer360.header.createdAt')}</Muted> {formatMinute(c.createdAt)}
                  </span>
                </Space>
              </div>
              {c.tags.length > 0 && (
                <Space wrap size={[4, 4]} style={{ marginTop: 8 }} data-testid="c360-tags">
                  {c.tags.map((tag) => (
                    <Tag key={tag} color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
              )}
            </div>
          </Space>
        </Col>
        <Col flex="none">
          <Space wrap>
            {extraActions}
            {action(
              <Button icon={<EditOutlined />} disabled={locked} onClick={onEdit} data-testid="c360-edit">
                {t('customer360.header.edit')}
              </Button>,
            )}
            {action(
              <Button icon={<SwapOutlined />} disabled={locked} onClick={onChangeStatus} data-testid="c360-change-status">
                {t('customer360.header.changeStatus')}
              </Button>,
            )}
            {action(
              <Button type="primary" icon={<MessageOutlined />} disabled={locked} onClick={onAddNote} data-testid="c360-add-note">
                {t('customer360.header.addNote')}
              </Button>,
            )}
          </Space>
        </Col>
      </Row>
      <Row gutter={[24, 16]} style={{ marginTop: 20, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.revenue')} hint={t('customer360.figures.revenueHint')} value={formatFen(consumption.revenueFen)} testId="c360-revenue" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.orders')} hint={t('customer360.figures.ordersHint')} value={String(consumption.orderCount)} testId="c360-order-count" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.receivable')} hint={t('customer360.figures.receivableHint')} value={formatFen(consumption.receivableFen)} testId="c360-receivable" />
        </Col>
        <Col xs={12} md={6}>
          <Figure title={t('customer360.figures.overdue')} hint={t('customer360.figures.overdueHint')} value={formatFen(consumption.overdueFen)} danger={consumption.overdueFen > 0} testId="c360-overdue" />
        </Col>
      </Row>
    </Card>
  );
}
