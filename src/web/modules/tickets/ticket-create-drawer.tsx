import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Divider, Drawer, Flex, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AFTER_SALES_SUBTYPES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES, type TicketDetail, type TicketType } from '../../../shared/tickets';
import { useAuth } from '../../app/auth';
import { api } from '../../ui/api';
import { CustomFieldFormItem } from '../../ui/custom-field-input';
import { AssigneeSelect, TeamSelect } from './assignee-select';
import { AttachmentInput } from './attachment-upload';
import { CategoryTreeSelect } from './category-tree-select';
import { CustomerSelect } from './customer-select';
import { enumOptions } from './ticket-labels';
import { ticketFieldErrors } from './ticket-form-errors';
import { useTicketFields } from './ticket-queries';
import { ticketKeys } from './ticket-types';

type Values = {
  type: TicketType;
  subtype?: string;
  categoryId?: string;
  subject: string;
  description?: string;
  channel: string;
  priority: string;
  customerId?: string;
  requesterName?: string;
  requesterEmail?: string;
  requesterPhone?: string;
  teamId?: string;
  assigneeId?: string;
  tags?: string[];
  cc?: string[];
  custom?: Record<string, unknown>;
  attachments?: string[];
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = {
  open: boolean;
  onClose: () => void;
  /** Registering from a customer's page: that customer is filled in. */
  customer?: { id: string; name: string } | null;
};

/**
 * 新建工单 (§5.1): type → subtype (after-sales) → category → what happened, who asked, where it
 * goes, per-type custom fields and attachments. The server's field messages land under the fields.
 */
export function TicketCreateDrawer({ open, onClose, customer }: Props) {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);
  const teamId = Form.useWatch('teamId', form);
  const customerId = Form.useWatch('customerId', form);
  const fields = useTicketFields(type);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ type: 'inquiry', channel: 'phone', priority: 'normal', customerId: customer?.id, tags: [], cc: [], attachments: [] });
    setFormError(null);
  }, [open, customer?.id]);

  const submit = async () => {
    setFormError(null);
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const custom = Object.fromEntries(Object.entries(v.custom ?? {}).filter(([k, x]) => fields.defs.some((d) => d.key === k) && x !== undefined && x !== null && x !== ''));
    const body = {
      type: v.type,
      subtype: v.type === 'after_sales' ? v.subtype || null : null,
      categoryId: v.categoryId || null,
      subject: v.subject.trim(),
      description: v.description?.trim() ?? '',
      channel: v.channel,
      priority: v.priority,
      customerId: v.customerId || null,
      requesterName: v.requesterName?.trim() || null,
      requesterEmail: v.requesterEmail?.trim() || null,
      requesterPhone: v.requesterPhone?.trim() || null,
      teamId: v.teamId || null,
      assigneeId: v.assigneeId || null,
      tags: v.tags ?? [],
      cc: v.cc ?? [],
      custom,
      attachments: v.attachments ?? [],
    };
    setSaving(true);
    try {
      const created = await api<TicketDetail>('/tickets', { body });
      message.success(t('tickets.form.created', { number: created.number }));
      await qc.invalidateQueries({ queryKey: ticketKeys.list });
      await qc.invalidateQueries({ queryKey: ticketKeys.counts });
      onClose();
      navigate(`/tickets/${created.id}`);
    } catch (err) {
      const problems = ticketFieldErrors(err);
      const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      const onForm = problems.filter((p) => registered.has(JSON.stringify(p.name)));
      const offForm = problems.filter((p) => !onForm.includes(p));
      if (onForm.length > 0) {
        form.setFields(onForm.map((p) => ({ name: p.name as never, errors: [p.message] })));
        form.scrollToField(onForm[0].name, { behavior: 'smooth', block: 'center' });
      }
      if (problems.length === 0) setFormError(err instanceof Error ? err.message : String(err));
      else if (offForm.length > 0) setFormError(offForm.map((p) => p.message).join('；'));
      else setFormError(t('tickets.form.fixErrors', { count: onForm.length }));
    } finally {
      setSaving(false);
    }
  };

  const requesterRule = {
    validator: () => {
      const v = form.getFieldsValue(['customerId', 'requesterName', 'requesterEmail', 'requesterPhone']) as Values;
      return v.customerId || v.requesterName?.trim() || v.requesterEmail?.trim() || v.requesterPhone?.trim() ? Promise.resolve() : Promise.reject(new Error(t('tickets.form.requesterRequired')));
    },
  };

  return (
    <Drawer
      open={open}
      size={760}
      title={t('tickets.form.title')}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      data-testid="ticket-create-drawer"
      footer={
        <Flex justify="end">
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="ticket-create-submit">
              {t('tickets.form.submit')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" data-testid="ticket-create-form" onValuesChange={(changed) => {
        if ('type' in changed) form.setFieldsValue({ subtype: undefined, categoryId: undefined });
        if ('teamId' in changed) form.setFieldsValue({ assigneeId: undefined });
        if ('customerId' in changed || 'requesterName' in changed || 'requesterEmail' in changed || 'requesterPhone' in changed) void form.validateFields(['customerId']).catch(() => {});
      }}>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="ticket-form-error" closable={{ onClose: () => setFormError(null) }} />}
        <Form.Item name="type" label={t('tickets.fields.type')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={enumOptions(t, 'type', TICKET_TYPES)} data-testid="ticket-type" />
        </Form.Item>
        <Row gutter={16}>
          {type === 'after_sales' && (
            <Col span={12}>
              <Form.Item name="subtype" label={t('tickets.fields.subtype')} rules={[{ required: true, message: t('tickets.form.subtypeRequired') }]}>
                <Select options={enumOptions(t, 'subtype', AFTER_SALES_SUBTYPES)} placeholder={t('tickets.form.selectPlaceholder')} data-testid="ticket-subtype" />
              </Form.Item>
            </Col>
          )}
          <Col span={type === 'after_sales' ? 12 : 24}>
            <Form.Item name="categoryId" label={t('tickets.fields.category')}>
              <CategoryTreeSelect type={type} data-testid="ticket-category" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="subject" label={t('tickets.fields.subject')} rules={[{ required: true, whitespace: true, message: t('tickets.form.subjectRequired') }, { max: 200, message: t('tickets.form.subjectTooLong') }]}>
              <Input maxLength={200} showCount placeholder={t('tickets.form.subjectPlaceholder')} data-testid="ticket-subject" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('tickets.fields.description')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} placeholder={t('tickets.form.descriptionPlaceholder')} data-testid="ticket-description" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="channel" label={t('tickets.fields.channel')}>
              <Select options={enumOptions(t, 'channel', TICKET_CHANNELS)} data-testid="ticket-channel" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="priority" label={t('tickets.fields.priority')}>
              <Radio.Group optionType="button" options={enumOptions(t, 'priority', TICKET_PRIORITIES)} data-testid="ticket-priority" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ margin: '4px 0 16px', fontSize: 14 }}>
          {t('tickets.form.sectionRequester')}
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="customerId" label={t('tickets.fields.customer')} rules={[requesterRule]} extra={customerId ? undefined : t('tickets.form.customerExtra')}>
              <CustomerSelect known={customer} data-testid="ticket-customer" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="requesterName" label={t('tickets.fields.requesterName')}>
              <Input maxLength={100} data-testid="ticket-requester-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="requesterPhone" label={t('tickets.fields.requesterPhone')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="requesterEmail" label={t('tickets.fields.requesterEmail')} rules={[{ pattern: EMAIL, message: t('tickets.form.emailInvalid') }]}>
              <Input maxLength={200} data-testid="ticket-requester-email" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ margin: '4px 0 16px', fontSize: 14 }}>
          {t('tickets.form.sectionHandling')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="teamId" label={t('tickets.fields.team')} extra={teamId ? undefined : t('tickets.form.teamExtra')}>
              <TeamSelect data-testid="ticket-team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {can('tickets.assign') ? (
              <Form.Item name="assigneeId" label={t('tickets.fields.assignee')}>
                <AssigneeSelect teamId={teamId} data-testid="ticket-assignee" />
              </Form.Item>
            ) : (
              <Form.Item name="assigneeId" label={t('tickets.fields.assignee')}>
                <Select allowClear options={me ? [{ value: me.id, label: t('tickets.form.assignMe') }] : []} placeholder={t('tickets.form.assigneeAuto')} data-testid="ticket-assignee" />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('tickets.fields.tags')} rules={[{ type: 'array', max: 20, message: t('tickets.form.tooManyTags') }]}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} placeholder={t('tickets.form.tagsPlaceholder')} data-testid="ticket-tags" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="cc"
              label={t('tickets.fields.cc')}
              rules={[{ validator: (_, v: string[] | undefined) => ((v ?? []).every((x) => EMAIL.test(x.trim())) ? Promise.resolve() : Promise.reject(new Error(t('tickets.form.ccInvalid')))) }]}
            >
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', ';', '；']} placeholder={t('tickets.form.ccPlaceholder')} data-testid="ticket-cc" />
            </Form.Item>
          </Col>
        </Row>
        {fields.defs.length > 0 && (
          <>
            <Divider titlePlacement="start" style={{ margin: '4px 0 16px', fontSize: 14 }}>
              {t('tickets.form.sectionCustom', { type: type ? t(`tickets.type.${type}`) : '' })}
            </Divider>
            <Row gutter={16}>
              {fields.defs.map((def) => (
                <Col span={def.type === 'text' || def.type === 'multiselect' ? 24 : 12} key={def.key}>
                  <CustomFieldFormItem def={def} />
                </Col>
              ))}
            </Row>
          </>
        )}
        {can('files.upload') && (
          <Form.Item name="attachments" label={t('tickets.fields.attachments')} extra={t('tickets.attachments.hint')}>
            <AttachmentInput />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
