import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, DatePicker, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { formatDateTime } from '../../ui/format';
import { JsonDiff } from '../../ui/json-diff';
import { PageCard } from '../../ui/page-card';
import { useCursorList } from '../../ui/use-cursor-list';
import { AuditEntryModal } from './audit-entry-modal';
import { actionGroup, actionKey, ENTITY_TYPES, entityKey, groupKey } from './audit-labels';
import type { AuditEntry, VerifyResult } from './audit-types';

type UserOption = { id: string; username: string; displayName: string };

/** Picks a user by name (needs org.users.read); searches as you type. */
function ActorSelect({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useQuery({ queryKey: ['audit-actor-users', q], queryFn: () => api<Page<UserOption>>('/users', { query: { q: q || undefined, limit: 20 } }) });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('audit.filterActor')}
      style={{ width: 200 }}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
      notFoundContent={users.isFetching ? t('audit.searching') : t('common.empty')}
      data-testid="audit-filter-actor"
    />
  );
}

/** 审计日志: who did what, when, from where, with before/after; the hash chain can be verified. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canUsers = can('org.users.read') || can('org.users.manage');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [actorId, setActorId] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [entityType, setEntityType] = useState<string | undefined>();
  const [entityTypeInput, setEntityTypeInput] = useState('');
  const [entityId, setEntityId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [qInput, setQInput] = useState('');
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [openSeq, setOpenSeq] = useState<number | null>(null);

  const filters = { from: range?.[0].toISOString(), to: range?.[1].toISOString(), actorId, action, entityType, entityId, q };
  const list = useCursorList<AuditEntry>('audit', '/audit', filters, 30);
  const actions = useQuery({ queryKey: ['audit-actions'], queryFn: () => api<{ items: string[] }>('/audit/actions') });

  const label = (a: string) => t(actionKey(a), { defaultValue: a });
  const actionOptions = useMemo(() => {
    const label = (a: string) => t(actionKey(a), { defaultValue: a });
    const items = actions.data?.items ?? [];
    const groups = [...new Set(items.map(actionGroup))];
    return groups.map((g) => ({
      label: t(groupKey(g), { defaultValue: g }),
      title: g,
      options: [
        { value: `${g}.`, label: t('audit.allInGroup', { group: t(groupKey(g), { defaultValue: g }) }), search: `${g} ${t(groupKey(g), { defaultValue: g })}` },
        ...items.filter((a) => actionGroup(a) === g).map((a) => ({ value: a, label: label(a), search: `${a} ${label(a)}` })),
      ],
    }));
  }, [actions.data, t]);

  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerify(await api<VerifyResult>('/audit/verify'));
    } catch (err) {
      setVerify(null);
      setVerifyError(err instanceof Error ? err.message : String(err));
    } finally {
      setVerifying(false);
    }
  };

  const reset = () => {
    setRange(null);
    setActorId(undefined);
    setAction(undefined);
    setEntityType(undefined);
    setEntityTypeInput('');
    setEntityId(undefined);
    setQ(undefined);
    setQInput('');
  };
  const anyFilter = Object.values(filters).some((v) => v !== undefined);

  return (
    <PageCard
      title={t('nav.audit')}
      description={t('audit.description')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          title={verify.ok ? t('audit.verifyOk', { checked: verify.checked }) : t('audit.verifyBroken')}
          description={
            verify.ok ? (
              t('audit.verifyOkHint')
            ) : (
              <Space direction="vertical" size={4}>
                <span>{verify.message}</span>
                {verify.firstBrokenSeq !== undefined && (
                  <Button size="small" danger onClick={() => setOpenSeq(verify.firstBrokenSeq!)} data-testid="audit-open-broken">
                    {t('audit.openBroken', { seq: verify.firstBrokenSeq })}
                  </Button>
                )}
              </Space>
            )
          }
          data-testid="audit-verify-result"
        />
      )}
      {verifyError && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={verifyError} closable={{ onClose: () => setVerifyError(null) }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={range}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          presets={[
            { label: t('audit.today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
            { label: t('audit.last7'), value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
            { label: t('audit.last30'), value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
          ]}
          data-testid="audit-filter-range"
        />
        {canUsers && <ActorSelect value={actorId} onChange={setActorId} />}
        <Select
          showSearch={{ optionFilterProp: 'search' }}
          allowClear
          value={action}
          onChange={setAction}
          placeholder={t('audit.filterAction')}
          style={{ width: 220 }}
          options={actionOptions}
          loading={actions.isLoading}
          data-testid="audit-filter-action"
        />
        <AutoComplete
          allowClear
          value={entityTypeInput}
          placeholder={t('audit.filterEntity')}
          style={{ width: 160 }}
          options={ENTITY_TYPES.map((e) => ({ value: e, label: `${t(entityKey(e))} (${e})` }))}
          filterOption={(input, o) => `${o?.value} ${o?.label}`.toLowerCase().includes(input.toLowerCase())}
          onChange={(v) => {
            setEntityTypeInput(v ?? '');
            if (!v) {
              setEntityType(undefined);
              setEntityId(undefined);
            }
          }}
          onSelect={(v: string) => setEntityType(v)}
          onBlur={() => setEntityType(entityTypeInput.trim() || undefined)}
          data-testid="audit-filter-entity"
        />
        <Input.Search
          allowClear
          value={qInput}
          onChange={(e) => {
            setQInput(e.target.value);
            if (!e.target.value) setQ(undefined);
          }}
          onSearch={(v) => setQ(v.trim() || undefined)}
          placeholder={canUsers ? t('audit.searchPlaceholder') : t('audit.searchActorPlaceholder')}
          enterButton={<SearchOutlined />}
          style={{ width: 260 }}
          data-testid="audit-filter-q"
        />
        {entityId && (
          <Tag closable onClose={() => setEntityId(undefined)} color="blue">
            {t('audit.entityFilter', { id: entityId })}
          </Tag>
        )}
        {anyFilter && (
          <Button type="link" onClick={reset}>
            {t('common.reset')}
          </Button>
        )}
      </Space>
      <CursorTable<AuditEntry>
        list={list}
        rowKey="seq"
        size="middle"
        data-testid="audit-table"
        emptyText={anyFilter ? t('audit.emptyFiltered') : t('audit.empty')}
        expandable={{
          expandedRowRender: (e) => (
            <div style={{ padding: '4px 8px' }}>
              <JsonDiff before={e.before} after={e.after} />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                #{e.seq} · {t('audit.hash')}: <Typography.Text code copyable style={{ fontSize: 11 }}>{e.hash}</Typography.Text>
              </Typography.Paragraph>
            </div>
          ),
          rowExpandable: () => true,
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: formatDateTime },
          {
            title: t('audit.actor'),
            dataIndex: 'actor',
            width: 150,
            render: (a: AuditEntry['actor']) =>
              a.name ? (
                canUsers && a.id ? (
                  <a onClick={() => setActorId(a.id!)} title={t('audit.filterThisActor')}>
                    {a.name}
                  </a>
                ) : (
                  a.name
                )
              ) : (
                <Tag>{t('audit.system')}</Tag>
              ),
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => <Typography.Text type="secondary">{ip ?? '—'}</Typography.Text> },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <div>
                <Tag color={a.includes('fail') || a.includes('denied') || a.includes('throttled') ? 'red' : a.endsWith('delete') ? 'volcano' : a.endsWith('create') ? 'green' : 'blue'} style={{ marginBottom: 2 }}>
                  {label(a)}
                </Tag>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            render: (en: AuditEntry['entity']) =>
              en.type ? (
                <div>
                  <div>{t(entityKey(en.type), { defaultValue: en.type })}</div>
                  {en.id && (
                    <Tooltip title={t('audit.filterThisEntity')}>
                      <a
                        onClick={() => {
                          setEntityType(en.type!);
                          setEntityTypeInput(en.type!);
                          setEntityId(en.id!);
                        }}
                        style={{ fontSize: 12, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}
                      >
                        {en.id.length > 13 ? `${en.id.slice(0, 8)}…${en.id.slice(-4)}` : en.id}
                      </a>
                    </Tooltip>
                  )}
                </div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text> },
        ]}
      />
      <AuditEntryModal seq={openSeq} onClose={() => setOpenSeq(null)} />
    </PageCard>
  );
}
