import { ApartmentOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { PicklistForm } from './picklist-form';
import { PicklistItems } from './picklist-items';
import type { Picklist } from './picklist-types';

// The lists every organization starts with, in the order the service desk meets them; others follow.
const BUILT_IN = ['ticket_category', 'complaint_cause', 'disposition', 'churn_reason', 'not_ready_reason'];
const rank = (p: Picklist) => (BUILT_IN.includes(p.code) ? BUILT_IN.indexOf(p.code) : BUILT_IN.length);

/** 选项列表: ticket categories (a tree), complaint causes, churn reasons, dispositions, not-ready reasons… */
export default function PicklistsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const manage = can('config.picklists.manage');
  const en = i18n.language === 'en';
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [editing, setEditing] = useState<Picklist | 'new' | null>(null);
  const query = useQuery({ queryKey: ['picklists'], queryFn: () => api<Page<Picklist>>('/picklists') });
  const lists = [...(query.data?.items ?? [])].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  const selected = lists.find((l) => l.code === selectedCode) ?? lists[0] ?? null;
  const nameOf = (p: Picklist) => (en ? p.nameEn || p.name : p.name);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xl={6}>
        <Card
          title={t('picklists.listTitle')}
          extra={
            manage && (
              <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="picklist-create">
                {t('common.create')}
              </Button>
            )
          }
          styles={{ body: { padding: 8 } }}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, padding: '4px 12px 0', marginBottom: 8 }}>
            {t('picklists.description')}
          </Typography.Paragraph>
          {query.isLoading ? (
            <Skeleton active style={{ padding: 16 }} />
          ) : lists.length === 0 ? (
            <Empty description={t('picklists.empty')} />
          ) : (
            <List
              dataSource={lists}
              data-testid="picklist-list"
              renderItem={(p) => {
                const active = p.code === selected?.code;
                return (
                  <List.Item
                    onClick={() => setSelectedCode(p.code)}
                    style={{ cursor: 'pointer', padding: '10px 12px', borderRadius: 6, background: active ? '#e6f4ff' : undefined, borderBlockEnd: 'none' }}
                    data-testid={`picklist-${p.code}`}
                  >
                    <List.Item.Meta
                      avatar={p.hierarchical ? <ApartmentOutlined style={{ fontSize: 18, marginTop: 4, color: active ? '#1677ff' : '#8c8c8c' }} /> : <UnorderedListOutlined style={{ fontSize: 18, marginTop: 4, color: active ? '#1677ff' : '#8c8c8c' }} />}
                      title={nameOf(p)}
                      description={
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.code}
                        </Typography.Text>
                      }
                    />
                    {p.itemCount !== undefined && <Tag>{t('picklists.itemCount', { count: p.itemCount })}</Tag>}
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        {selected ? (
          <Card
            title={
              <Space>
                <span data-testid="picklist-title">{nameOf(selected)}</span>
                <Typography.Text type="secondary" code style={{ fontWeight: 'normal' }}>
                  {selected.code}
                </Typography.Text>
                {selected.hierarchical ? <Tag color="purple">{t('picklists.tree')}</Tag> : <Tag>{t('picklists.flat')}</Tag>}
              </Space>
            }
            extra={
              manage && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(selected)} data-testid="picklist-rename">
                  {t('picklists.rename')}
                </Button>
              )
            }
          >
            <PicklistItems key={selected.code} picklist={selected} />
          </Card>
        ) : (
          !query.isLoading && (
            <Card>
              <Empty description={t('picklists.selectHint')} />
            </Card>
          )
        )}
      </Col>
      <PicklistForm
        open={editing !== null}
        picklist={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          setEditing(null);
          if (p) setSelectedCode(p.code);
          void query.refetch();
        }}
      />
    </Row>
  );
}
