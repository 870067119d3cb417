import { App, Checkbox, Form, Input, Modal, Radio, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_TYPES } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { TEMPLATE_VARIABLES, type CannedReply, type ReplyKind } from './scripts-types';
import { TextCheckAlert } from './text-check-alert';
import { useTextCheck } from './use-text-check';

type Values = { kind: ReplyKind; title: string; body: string; category: string; ticketTypes: string[]; shared: boolean; active: boolean };
const FIELDS = ['kind', 'title', 'body', 'category', 'ticketTypes', 'shared', 'active'];

/** Create or edit a canned reply or call script, with the variable list and the phrase check. */
export function CannedReplyForm({ open, reply, kind, onClose, onSaved }: { open: boolean; reply: CannedReply | null; kind: ReplyKind; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<TextAreaRef>(null);
  const body = Form.useWatch('body', form) ?? '';
  const check = useTextCheck(body);
  const manage = can('scripts.manage');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      reply
        ? { kind: reply.kind, title: reply.title, body: reply.body, category: reply.category, ticketTypes: reply.ticketTypes, shared: reply.shared, active: reply.active }
        : { kind, title: '', body: '', category: '', ticketTypes: [], shared: manage, active: true },
    );
  }, [open, reply, kind, manage, form]);

  const insertVariable = (name: string) => {
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('body') ?? '';
    const at = el ? el.selectionStart : current.length;
    const token = `{{${name}}}`;
    form.setFieldValue('body', current.slice(0, at) + token + current.slice(el ? el.selectionEnd : at));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (reply) {
        const { shared: _shared, ...patch } = values;
        void _shared;
        await api(`/canned-replies/${reply.id}`, { method: 'PATCH', body: patch, ifMatch: reply.version });
      } else {
        await api('/canned-replies', { body: values });
      }
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (isVersionConflict(err)) {
        message.error(t('kb.versionConflict'));
        onSaved();
        return;
      }
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} width={720} title={reply ? t('scripts.edit') : t('scripts.create')} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Space size="large" wrap>
          <Form.Item name="kind" label={t('scripts.kind')}>
            <Radio.Group optionType="button" options={(['reply', 'script'] as const).map((k) => ({ value: k, label: t(`scripts.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="shared" label={t('scripts.owner')} tooltip={t('scripts.sharedHelp')}>
            <Radio.Group disabled={!!reply || !manage} options={[{ value: true, label: t('scripts.shared') }, { value: false, label: t('scripts.personal') }]} />
          </Form.Item>
          <Form.Item name="active" label={t('scripts.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('scripts.title')} rules={[{ required: true, whitespace: true, message: t('scripts.titleRequired') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="reply-title" />
        </Form.Item>
        <div style={{ marginBottom: 16 }}>
          <Typography.Text>{t('scripts.variables')}</Typography.Text>
          <div style={{ margin: '8px 0 4px' }}>
            <Space size={[4, 4]} wrap>
              {TEMPLATE_VARIABLES.map((v) => (
                <Tooltip key={v} title={t(`scripts.variable.${v}`)}>
                  <Tag style={{ cursor: 'pointer' }} onClick={() => insertVariable(v)} data-testid={`insert-var-${v}`}>{`{{${v}}}`}</Tag>
                </Tooltip>
              ))}
            </Space>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('scripts.variablesHelp')}</Typography.Text>
        </div>
        <Form.Item name="body" label={t('scripts.body')} rules={[{ required: true, whitespace: true, message: t('scripts.bodyRequired') }]}>
          <Input.TextArea ref={bodyRef} autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10000} data-testid="reply-body" />
        </Form.Item>
        <TextCheckAlert hits={check.hits} />
        <Space size="large" wrap style={{ marginTop: 12 }}>
          <Form.Item name="category" label={t('scripts.category')} rules={[{ max: 50 }]}>
            <Input maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="ticketTypes" label={t('scripts.ticketTypes')} extra={<Typography.Text type="secondary">{t('scripts.ticketTypesHelp')}</Typography.Text>}>
            <Checkbox.Group options={TICKET_TYPES.map((ty) => ({ value: ty, label: t(`scripts.ticketType.${ty}`) }))} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
