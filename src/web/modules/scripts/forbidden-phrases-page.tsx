import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CursorTable } from '../../ui/cursor-table';
import { PageCard } from '../../ui/page-card';
import { applyServerErrors } from '../../ui/server-form-errors';
import { useCursorList } from '../../ui/use-cursor-list';
import type { ForbiddenPhrase, PhraseSeverity } from './scripts-types';
import { TextCheckAlert } from './text-check-alert';
import { useTextCheck } from './use-text-check';

// the size of the server's recommended list, shown in the empty state's explanation
const RECOMMENDED_COUNT = 18;
type Values = { phrase: string; suggestion: string; severity: PhraseSeverity; active: boolean };

function PhraseForm({ open, phrase, onClose, onSaved }: { open: boolean; phrase: ForbiddenPhrase | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(phrase ? { phrase: phrase.phrase, suggestion: phrase.suggestion, severity: phrase.severity, active: phrase.active } : { phrase: '', suggestion: '', severity: 'warn', active: true });
  }, [open, phrase, form]);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (phrase) await api(`/forbidden-phrases/${phrase.id}`, { method: 'PATCH', body: values });
      else await api('/forbidden-phrases', { body: values });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['phrase', 'suggestion', 'severity', 'active']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} title={phrase ? t('scripts.editPhrase') : t('scripts.addPhrase')} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="phrase" label={t('scripts.phrase')} rules={[{ required: true, whitespace: true, message: t('scripts.phraseRequired') }]}>
          <Input maxLength={50} data-testid="phrase-input" />
        </Form.Item>
        <Form.Item name="suggestion" label={t('scripts.suggestion')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="severity" label={t('scripts.severity')}>
          <Radio.Group options={(['warn', 'block'] as const).map((s) => ({ value: s, label: t(`scripts.severities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('scripts.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Tester() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const check = useTextCheck(text);
  return (
    <Card size="small" title={t('scripts.tester')} style={{ marginTop: 16 }}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('scripts.testerPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="phrase-tester" />
      <div style={{ marginTop: 8 }}>
        {text.trim() && !check.loading && check.hits.length === 0 ? <Alert type="success" showIcon title={t('scripts.checkOk')} /> : <TextCheckAlert hits={check.hits} />}
      </div>
    </Card>
  );
}

/** 反面用语: the phrases outgoing text is checked against. */
export default function ForbiddenPhrasesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const qc = useQueryClient();
  const manage = can('scripts.manage');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<ForbiddenPhrase | 'new' | null>(null);
  const [loading, setLoading] = useState(false);
  const list = useCursorList<ForbiddenPhrase>('forbidden-phrases', '/forbidden-phrases', { q: q || undefined });
  const total = (list.data as { total?: number } | undefined)?.total;
  const reload = () => qc.invalidateQueries({ queryKey: ['forbidden-phrases'] });

  const loadRecommended = async () => {
    setLoading(true);
    try {
      const res = await api<{ added: number }>('/forbidden-phrases/load-recommended', { body: {} });
      message.success(t('scripts.loaded', { count: res.added }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
    await reload();
  };
  const remove = async (p: ForbiddenPhrase) => {
    try {
      await api(`/forbidden-phrases/${p.id}`, { method: 'DELETE' });
      message.success(t('common.deleted'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };
  const toggle = async (p: ForbiddenPhrase, active: boolean) => {
    try {
      await api(`/forbidden-phrases/${p.id}`, { method: 'PATCH', body: { active } });
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
    await reload();
  };

  const emptyList = total === 0;
  return (
    <PageCard
      title={t('scripts.navPhrases')}
      description={t('scripts.phrasesDescription')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="phrase-create">
            {t('scripts.addPhrase')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search allowClear placeholder={t('scripts.phraseSearch')} onSearch={setQ} style={{ width: 280 }} />
        {total !== undefined && <Typography.Text type="secondary">{t('scripts.total', { count: total })}</Typography.Text>}
      </Space>
      <CursorTable<ForbiddenPhrase>
        rowKey="id"
        list={list}
        data-testid="phrases-table"
        emptyText={emptyList ? t('scripts.phrasesEmpty') : t('common.empty')}
        emptyExtra={
          emptyList && manage ? (
            <Space direction="vertical" style={{ maxWidth: 460 }}>
              <Typography.Text type="secondary">{t('scripts.loadRecommendedHelp', { count: RECOMMENDED_COUNT })}</Typography.Text>
              <Button type="primary" icon={<ThunderboltOutlined />} loading={loading} onClick={() => void loadRecommended()} data-testid="phrases-load-recommended">
                {t('scripts.loadRecommended')}
              </Button>
            </Space>
          ) : undefined
        }
        columns={[
          { title: t('scripts.phrase'), dataIndex: 'phrase', render: (p: string) => <Typography.Text strong>{p}</Typography.Text> },
          { title: t('scripts.suggestion'), dataIndex: 'suggestion', render: (s: string) => s || <Typography.Text type="secondary">—</Typography.Text> },
          { title: t('scripts.severity'), dataIndex: 'severity', width: 90, render: (s: PhraseSeverity) => <Tag color={s === 'block' ? 'red' : 'orange'}>{t(`scripts.severities.${s}`)}</Tag> },
          { title: t('scripts.active'), dataIndex: 'active', width: 70, render: (a: boolean, p) => <Switch size="small" checked={a} disabled={!manage} onChange={(v) => void toggle(p, v)} /> },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 96,
                  render: (_: unknown, p: ForbiddenPhrase) => (
                    <Space size={0}>
                      <Button type="link" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} />
                      <Popconfirm title={t('common.confirmDelete')} okButtonProps={{ danger: true }} onConfirm={() => remove(p)}>
                        <Button type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {!emptyList && total !== undefined && <Tester />}
      <PhraseForm
        open={editing !== null}
        phrase={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
    </PageCard>
  );
}
