import { BranchesOutlined, DeleteOutlined, LinkOutlined, MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import { Link, useNavigate } from 'react-router';
import type { TicketDetail, TicketSummary } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api, type Page } from '../../ui/api';
import { StatusTag } from './ticket-labels';
import { useTicketActions } from './use-ticket-actions';

/** Finds another ticket by number or words (`GET /api/v1/tickets?view=all&q=`). */
function TicketSearchSelect({ excludeId, value, onChange }: { excludeId: string; value?: string; onChange: (id: string | undefined, t?: TicketSummary) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: ['tickets', 'picker', q],
    queryFn: () => api<Page<TicketSummary>>('/tickets', { query: { view: 'all', q, limit: 10 } }),
    enabled: q.length > 0,
  });
  const items = (hits.data?.items ?? []).filter((x) => x.id !== excludeId);
  return (
    <Select<string>
      style={{ width: '100%' }}
      allowClear
      autoFocus
      value={value}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={hits.isFetching}
      placeholder={t('tickets.links.searchPlaceholder')}
      notFoundContent={q ? t('tickets.links.noMatch') : t('tickets.links.typeToSearch')}
      options={items.map((x) => ({ value: x.id, label: `#${x.number} ${x.subject}` }))}
      onChange={(id) => onChange(id, items.find((x) => x.id === id))}
      data-testid="ticket-search-select"
    />
  );
}

type Mode = 'link' | 'merge' | null;

/**
 * Related tickets, and the actions on them: link to another ticket, merge this one into
 * another (its conversation moves and it closes), split chosen messages off into a new ticket.
 */
export function TicketLinksCard({ ticket, splitting, onSplitStart, onSplitEnd }: { ticket: TicketDetail; splitting: string[] | null; onSplitStart: () => void; onSplitEnd: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const { run } = useTicketActions(ticket);
  const [mode, setMode] = useState<Mode>(null);
  const [target, setTarget] = useState<TicketSummary | undefined>();
  const [splitOpen, setSplitOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const editable = can('tickets.update') && !ticket.mergedInto;

  const close = () => {
    setMode(null);
    setTarget(undefined);
  };
  const submit = async () => {
    if (!target) return;
    if (mode === 'link') {
      setBusy(true);
      const done = await run('/links', { otherId: target.id }, t('tickets.links.linked', { number: target.number }));
      setBusy(false);
      if (done !== null) close();
      return;
    }
    modal.confirm({
      title: t('tickets.links.mergeConfirmTitle', { from: ticket.number, to: target.number }),
      content: t('tickets.links.mergeConfirm'),
      okText: t('tickets.links.merge'),
      okButtonProps: { danger: true, ...testId('ticket-merge-confirm') },
      onOk: async () => {
        const done = await run('/merge', { targetId: target.id }, t('tickets.links.merged', { number: target.number }));
        if (done !== null) close();
      },
    });
  };
  const split = async () => {
    if (!splitting?.length || !subject.trim()) return;
    setBusy(true);
    const created = await run<TicketDetail>('/split', { messageIds: splitting, subject: subject.trim() }, t('tickets.links.splitDone'));
    setBusy(false);
    if (created) {
      setSplitOpen(false);
      setSubject('');
      onSplitEnd();
      navigate(`/tickets/${created.id}`);
    }
  };

  return (
    <Card
      size="small"
      title={<><BranchesOutlined /> {t('tickets.links.title')}</>}
      data-testid="ticket-links"
      extra={
        editable && (
          <Space size={0}>
            <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => setMode('link')} data-testid="ticket-link-add">
              {t('tickets.links.link')}
            </Button>
            <Button type="link" size="small" icon={<MergeCellsOutlined />} onClick={() => setMode('merge')} data-testid="ticket-merge">
              {t('tickets.links.merge')}
            </Button>
            <Button type="link" size="small" icon={<ScissorOutlined />} onClick={splitting ? onSplitEnd : onSplitStart} data-testid="ticket-split">
              {splitting ? t('common.cancel') : t('tickets.links.split')}
            </Button>
          </Space>
        )
      }
    >
      {splitting && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          title={t('tickets.links.splitHint', { count: splitting.length })}
          action={
            <Button size="small" type="primary" disabled={splitting.length === 0} onClick={() => setSplitOpen(true)} data-testid="ticket-split-next">
              {t('tickets.links.splitNext')}
            </Button>
          }
        />
      )}
      {ticket.links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.links.none')} style={{ margin: '4px 0' }} />
      ) : (
        <List
          size="small"
          dataSource={ticket.links}
          renderItem={(l) => (
            <List.Item
              style={{ paddingInline: 0 }}
              actions={
                editable && l.kind === 'related'
                  ? [<Button key="x" type="text" size="small" icon={<DeleteOutlined />} aria-label={t('tickets.links.unlink')} onClick={() => void run(`/links/${l.id}`, undefined, t('tickets.links.unlinked'), 'DELETE')} />]
                  : []
              }
            >
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Space size={4}>
                  <Tag bordered={false}>{t(`tickets.links.kind.${l.kind}_${l.direction}`)}</Tag>
                  <StatusTag status={l.status} />
                </Space>
                <Link to={`/tickets/${l.id}`}>
                  #{l.number} {l.subject}
                </Link>
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={mode !== null}
        title={mode === 'merge' ? t('tickets.links.mergeTitle', { number: ticket.number }) : t('tickets.links.linkTitle', { number: ticket.number })}
        onCancel={close}
        onOk={() => void submit()}
        okText={mode === 'merge' ? t('tickets.links.mergeNext') : t('tickets.links.link')}
        okButtonProps={{ disabled: !target, danger: mode === 'merge', ...testId('ticket-link-ok') }}
        confirmLoading={busy}
        destroyOnHidden
      >
        {mode === 'merge' && <Typography.Paragraph type="secondary">{t('tickets.links.mergeHint')}</Typography.Paragraph>}
        <TicketSearchSelect excludeId={ticket.id} value={target?.id} onChange={(_, x) => setTarget(x)} />
      </Modal>
      <Modal
        open={splitOpen}
        title={t('tickets.links.splitTitle', { count: splitting?.length ?? 0 })}
        onCancel={() => setSplitOpen(false)}
        onOk={() => void split()}
        okText={t('tickets.links.splitSubmit')}
        okButtonProps={{ disabled: !subject.trim(), ...testId('ticket-split-ok') }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('tickets.links.splitExplain')}</Typography.Paragraph>
        <Input maxLength={200} showCount value={subject} onChange={(e) => setSubject(e.target.value)} placeholder={t('tickets.links.splitSubject')} data-testid="ticket-split-subject" />
      </Modal>
    </Card>
  );
}
