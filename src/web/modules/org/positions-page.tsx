import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Empty, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { usePositions } from './org-queries';
import type { Position } from './org-types';
import { PositionModal } from './position-modal';

function MultiLine({ text, empty }: { text: string; empty: string }) {
  return text ? (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">{empty}</Typography.Text>
  );
}

/** The first line of a multi-line text, with the number of lines when there are several. */
function FirstLines({ text, empty, more }: { text: string; empty: string; more: (n: number) => string }) {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{lines.join('\n')}</span>} placement="topLeft">
      <span style={{ display: 'flex', minWidth: 0, gap: 6 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{lines[0]}</span>
        {lines.length > 1 && (
          <Typography.Text type="secondary" style={{ flex: 'none' }}>
            {more(lines.length)}
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}

/** 岗位管理: positions with their responsibilities (岗位职责) and requirements (素质要求). */
export default function PositionsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manage = can('org.positions.manage');
  const [editing, setEditing] = useState<Position | null | undefined>(undefined);
  const positions = usePositions();
  const items = positions.data ?? [];

  const remove = async (p: Position) => {
    try {
      await api(`/positions/${p.id}`, { method: 'DELETE', ifMatch: p.version });
      message.success(t('common.deleted'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      await qc.invalidateQueries({ queryKey: ['positions'] });
    }
  };

  return (
    <PageCard
      title={t('org.positions.title')}
      description={t('org.positions.description')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="position-create">
            {t('org.positions.create')}
          </Button>
        )
      }
    >
      <Table<Position>
        rowKey="id"
        tableLayout="fixed"
        dataSource={items}
        loading={positions.isFetching}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="positions-table"
        locale={{
          emptyText: positions.isLoading ? ' ' : (
            <Empty description={positions.error ? (positions.error as Error).message : t('org.positions.empty')}>
              {manage && !positions.error && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                  {t('org.positions.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        expandable={{
          expandedRowRender: (p) => (
            <Row gutter={32} style={{ padding: '4px 8px' }}>
              <Col span={12}>
                <Typography.Title level={5}>{t('org.positions.responsibilities')}</Typography.Title>
                <MultiLine text={p.responsibilities} empty={t('org.positions.notFilled')} />
              </Col>
              <Col span={12}>
                <Typography.Title level={5}>{t('org.positions.requirements')}</Typography.Title>
                <MultiLine text={p.requirements} empty={t('org.positions.notFilled')} />
              </Col>
            </Row>
          ),
        }}
        columns={[
          { title: t('org.positions.code'), dataIndex: 'code', width: 180, render: (v: string) => <Tag>{v}</Tag> },
          {
            title: t('org.positions.name'),
            key: 'name',
            width: 190,
            render: (_: unknown, p: Position) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{i18n.language === 'en' && p.nameEn ? p.nameEn : p.name}</Typography.Text>
                {p.nameEn && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i18n.language === 'en' ? p.name : p.nameEn}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(['responsibilities', 'requirements'] as const).map((field) => ({
            title: t(`org.positions.${field}`),
            dataIndex: field,
            render: (v: string) => <FirstLines text={v} empty={t('org.positions.notFilled')} more={(n: number) => t('org.positions.moreLines', { count: n })} />,
          })),
          { title: t('org.positions.userCount'), dataIndex: 'userCount', width: 100, align: 'right' as const },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 170,
                  render: (_: unknown, p: Position) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="position-edit">
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('org.positions.deleteConfirm', { name: p.name })}
                        description={t('common.confirmDelete')}
                        okText={t('common.delete')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(p)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="position-delete">
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <PositionModal position={editing} onClose={() => setEditing(undefined)} />
    </PageCard>
  );
}
