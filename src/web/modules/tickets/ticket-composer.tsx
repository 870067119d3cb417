import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Select, Space, Tabs, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail, TicketMessage } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { CannedReplyPicker } from '../scripts/canned-reply-picker';
import type { TextHit } from '../scripts/scripts-types';
import { TextCheckAlert } from '../scripts/text-check-alert';
import { useTextCheck } from '../scripts/use-text-check';
import { AttachmentInput } from './attachment-upload';
import { useTicketActions } from './use-ticket-actions';

type Kind = 'reply' | 'note';
const STATUS_AFTER = ['open', 'pending', 'on_hold', 'resolved'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Writes to the customer (a reply, checked live for forbidden phrases) or to colleagues (an
 * internal note). A reply may leave the ticket waiting on the customer or resolved.
 */
export function TicketComposer({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { refresh } = useTicketActions(ticket);
  const [kind, setKind] = useState<Kind>('reply');
  const [text, setText] = useState('');
  const [statusAfter, setStatusAfter] = useState<(typeof STATUS_AFTER)[number] | undefined>();
  const [cc, setCc] = useState<string[]>([]);
  const [files, setFiles] = useState<string[]>([]);
  const [uploadKey, setUploadKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [serverHits, setServerHits] = useState<{ hits: TextHit[]; blocked: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const check = useTextCheck(kind === 'reply' ? text : '');
  const statusOptions = STATUS_AFTER.filter((s) => s === ticket.status || ticket.allowedStatuses.includes(s));

  const insert = (snippet: string) => {
    const el = area.current;
    if (!el) return setText((v) => (v ? `${v}\n${snippet}` : snippet));
    const start = el.selectionStart ?? text.length;
    const end = el.selectionEnd ?? text.length;
    setText(text.slice(0, start) + snippet + text.slice(end));
  };

  const send = async (acknowledgeWarnings = false) => {
    if (!text.trim()) return setError(t('tickets.composer.empty'));
    if (kind === 'reply' && cc.some((x) => !EMAIL.test(x))) return setError(t('tickets.form.ccInvalid'));
    setBusy(true);
    setError(null);
    try {
      await api<TicketMessage>(`/tickets/${ticket.id}/messages`, {
        body: { kind, body: text, attachments: files, ...(kind === 'reply' ? { cc, statusAfter: statusAfter ?? null, acknowledgeWarnings } : {}) },
      });
      message.success(kind === 'reply' ? t('tickets.composer.replied') : t('tickets.composer.noted'));
      setText('');
      setFiles([]);
      setCc([]);
      setStatusAfter(undefined);
      setServerHits(null);
      setUploadKey((k) => k + 1);
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'text_check_warnings' || err.code === 'text_blocked')) {
        const hits = Array.isArray(err.details) ? (err.details as TextHit[]) : ((err.details as { hits?: TextHit[] } | undefined)?.hits ?? []);
        setServerHits({ hits, blocked: err.code === 'text_blocked' });
        if (hits.length === 0) setError(err.message);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!can('tickets.update') || ticket.mergedInto) return null;
  const blocked = kind === 'reply' && check.blocked;
  const hits = kind === 'reply' ? (serverHits?.hits.length ? serverHits.hits : check.hits) : [];

  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }} data-testid="ticket-composer" style={kind === 'note' ? { background: '#fffdf2' } : undefined}>
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setKind(k as Kind);
          setServerHits(null);
          setError(null);
        }}
        items={[
          { key: 'reply', label: <span data-testid="composer-tab-reply"><SendOutlined /> {t('tickets.composer.reply')}</span> },
          { key: 'note', label: <span data-testid="composer-tab-note"><LockOutlined /> {t('tickets.composer.note')}</span> },
        ]}
      />
      <Input.TextArea
        ref={(el) => {
          area.current = el?.resizableTextArea?.textArea ?? null;
        }}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setServerHits(null);
        }}
        autoSize={{ minRows: 4, maxRows: 14 }}
        maxLength={50_000}
        placeholder={kind === 'reply' ? t('tickets.composer.replyPlaceholder') : t('tickets.composer.notePlaceholder')}
        style={kind === 'note' ? { background: '#fffbe6', borderColor: '#ffe58f' } : undefined}
        data-testid="composer-text"
      />
      {kind === 'note' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tickets.composer.noteHint')}
        </Typography.Text>
      )}
      {hits.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <TextCheckAlert hits={hits} />
        </div>
      )}
      {serverHits && !serverHits.blocked && serverHits.hits.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          title={t('tickets.composer.warnConfirm')}
          action={
            <Button size="small" danger onClick={() => void send(true)} loading={busy} data-testid="composer-send-anyway">
              {t('tickets.composer.sendAnyway')}
            </Button>
          }
        />
      )}
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} data-testid="composer-error" />}
      {kind === 'reply' && (
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          value={cc}
          onChange={setCc}
          tokenSeparators={[',', '，', ' ', ';', '；']}
          placeholder={t('tickets.composer.ccPlaceholder')}
          style={{ width: '100%', marginTop: 8 }}
          data-testid="composer-cc"
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
        <Space wrap>
          {kind === 'reply' && <CannedReplyPicker ticketId={ticket.id} onInsert={insert} />}
          {can('files.upload') && <AttachmentInput key={uploadKey} value={files} onChange={setFiles} testId="composer-attachments" />}
        </Space>
        <Space wrap>
          {kind === 'reply' && (
            <Select
              allowClear
              style={{ width: 190 }}
              value={statusAfter}
              onChange={setStatusAfter}
              placeholder={t('tickets.composer.statusKeep')}
              options={statusOptions.map((s) => ({ value: s, label: t('tickets.composer.statusAfter', { status: t(`tickets.status.${s}`) }) }))}
              data-testid="composer-status-after"
            />
          )}
          <Button type="primary" icon={kind === 'reply' ? <SendOutlined /> : <LockOutlined />} loading={busy} disabled={blocked || !text.trim()} onClick={() => void send(false)} data-testid="composer-send">
            {kind === 'reply' ? t('tickets.composer.sendReply') : t('tickets.composer.saveNote')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}
