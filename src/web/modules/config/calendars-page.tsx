import { CalendarOutlined, DeleteOutlined, EditOutlined, PlusOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, List, Popconfirm, Row, Skeleton, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { isVersionConflict } from '../../ui/server-form-errors';
import { CalendarEditor } from './calendar-editor';
import { CalendarPreview } from './calendar-preview';
import { dayMinutes, formatMinutes, type Calendar } from './calendar-types';
import { CalendarYearView } from './calendar-year-view';
import { WEEKDAY_KEYS } from './weekly-hours-input';

function WeeklySummary({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const rows = WEEKDAY_KEYS.map((key, i) => ({ key, hours: calendar.weeklyHours[i] ?? [] }));
  const total = rows.reduce((s, r) => s + dayMinutes(r.hours), 0);
  return (
    <Table
      size="middle"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid="weekly-summary"
      columns={[
        { title: t('calendars.weekdayCol'), dataIndex: 'key', width: 120, render: (k: string) => t(`calendars.weekday.${k}`) },
        {
          title: t('calendars.hoursCol'),
          dataIndex: 'hours',
          render: (hours: Calendar['weeklyHours'][number]) =>
            hours.length ? (
              <Space wrap>
                {hours.map((h) => (
                  <Tag key={h.start} color="processing">
                    {h.start} – {h.end}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('calendars.closed')}</Typography.Text>
            ),
        },
        { title: t('calendars.durationCol'), dataIndex: 'hours', width: 140, align: 'right', render: (h: Calendar['weeklyHours'][number]) => (h.length ? formatMinutes(dayMinutes(h), t) : '—') },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <Typography.Text strong>{t('calendars.weekTotalLabel')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong>{formatMinutes(total, t)}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** 工作日历: calendars, their weekly hours, holidays and 调休 per year, and a due-time calculator. */
export default function CalendarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('config.calendars.manage');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const query = useQuery({ queryKey: ['calendars'], queryFn: () => api<Page<Calendar>>('/calendars') });
  const calendars = query.data?.items ?? [];
  const selected = calendars.find((c) => c.id === selectedId) ?? calendars.find((c) => c.isDefault) ?? calendars[0] ?? null;

  useEffect(() => {
    if (!selectedId && selected) setSelectedId(selected.id);
  }, [selectedId, selected]);

  const reload = () => qc.invalidateQueries({ queryKey: ['calendars'] });

  const makeDefault = async (c: Calendar) => {
    try {
      await api(`/calendars/${c.id}`, { method: 'PATCH', body: { isDefault: true }, ifMatch: c.version });
      message.success(t('calendars.defaultSet', { name: c.name }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const remove = async (c: Calendar) => {
    try {
      await api(`/calendars/${c.id}`, { method: 'DELETE' });
      message.success(t('common.deleted'));
      setSelectedId(null);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
      if (isVersionConflict(err)) await reload();
    }
    await reload();
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xl={6}>
        <Card
          title={t('calendars.listTitle')}
          extra={
            manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="calendar-create">
                {t('common.create')}
              </Button>
            )
          }
          styles={{ body: { padding: 8 } }}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, padding: '4px 12px 0', marginBottom: 8 }}>
            {t('calendars.description')}
          </Typography.Paragraph>
          {query.isLoading ? (
            <Skeleton active style={{ padding: 16 }} />
          ) : calendars.length === 0 ? (
            <Empty description={t('calendars.empty')} style={{ padding: 24 }}>
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('calendars.createTitle')}
                </Button>
              )}
            </Empty>
          ) : (
            <List
              dataSource={calendars}
              data-testid="calendar-list"
              renderItem={(c) => {
                const active = c.id === selected?.id;
                const weekly = c.weeklyHours.reduce((s, d) => s + dayMinutes(d), 0);
                return (
                  <List.Item
                    onClick={() => setSelectedId(c.id)}
                    style={{ cursor: 'pointer', padding: '10px 12px', borderRadius: 6, background: active ? '#e6f4ff' : undefined, borderBlockEnd: 'none' }}
                    data-testid={`calendar-item-${c.id}`}
                  >
                    <List.Item.Meta
                      avatar={<CalendarOutlined style={{ fontSize: 20, color: active ? '#1677ff' : '#8c8c8c', marginTop: 4 }} />}
                      title={
                        <Space size={6}>
                          <span>{c.name}</span>
                          {c.isDefault && <Tag color="gold">{t('calendars.default')}</Tag>}
                        </Space>
                      }
                      description={
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.timezone} · {t('calendars.weekTotal', { total: formatMinutes(weekly, t) })}
                        </Typography.Text>
                      }
                    />
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
                <span data-testid="calendar-title">{selected.name}</span>
                {selected.isDefault && (
                  <Tag color="gold" icon={<StarFilled />}>
                    {t('calendars.default')}
                  </Tag>
                )}
                <Tag>{selected.timezone}</Tag>
              </Space>
            }
            extra={
              manage && (
                <Space>
                  {!selected.isDefault && (
                    <Button icon={<StarOutlined />} onClick={() => makeDefault(selected)} data-testid="calendar-make-default">
                      {t('calendars.setDefault')}
                    </Button>
                  )}
                  <Button icon={<EditOutlined />} onClick={() => setEditing(selected)} data-testid="calendar-edit">
                    {t('common.edit')}
                  </Button>
                  {selected.isDefault ? (
                    <Tooltip title={t('calendars.cannotDeleteDefault')}>
                      <Button danger icon={<DeleteOutlined />} disabled />
                    </Tooltip>
                  ) : (
                    <Popconfirm title={t('calendars.deleteConfirm', { name: selected.name })} onConfirm={() => remove(selected)} okButtonProps={{ danger: true }}>
                      <Button danger icon={<DeleteOutlined />} data-testid="calendar-delete" aria-label={t('common.delete')} />
                    </Popconfirm>
                  )}
                </Space>
              )
            }
          >
            <Tabs
              items={[
                { key: 'days', label: t('calendars.tabDays'), children: <CalendarYearView key={selected.id} calendar={selected} /> },
                { key: 'weekly', label: t('calendars.tabWeekly'), children: <WeeklySummary calendar={selected} /> },
                { key: 'preview', label: t('calendars.tabPreview'), children: <CalendarPreview key={selected.id} calendar={selected} /> },
              ]}
            />
          </Card>
        ) : (
          !query.isLoading && (
            <Card>
              <Empty description={t('calendars.selectHint')} />
            </Card>
          )
        )}
      </Col>
      <CalendarEditor
        open={editing !== null}
        calendar={editing === 'new' ? null : editing}
        onClose={() => {
          setEditing(null);
          void reload();
        }}
        onSaved={(c) => {
          setEditing(null);
          setSelectedId(c.id);
          void reload();
        }}
      />
    </Row>
  );
}
