import { App, Form, Input, Modal, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_VIEW_NAME_MAX, type TicketSavedView, type TicketViewFilters } from '../../../shared/tickets';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';

type Values = { name: string; shared: boolean };

/**
 * Saves the list's current filters and sort under a name (private or shared), or renames and
 * shares an existing view. Server refusals land under the field they concern.
 */
export function TicketViewModal({
  open,
  editing,
  filters,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: TicketSavedView | null;
  filters: TicketViewFilters;
  onClose: () => void;
  onSaved: (view: TicketSavedView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(editing ? { name: editing.name, shared: editing.shared } : { name: '', shared: false });
  }, [open, editing, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const body = { name: v.name.trim(), shared: v.shared };
      const saved = editing
        ? await api<TicketSavedView>(`/ticket-views/${editing.id}`, { method: 'PATCH', ifMatch: editing.version, body })
        : await api<TicketSavedView>('/ticket-views', { body: { ...body, filters } });
      message.success(editing ? t('common.saved') : t('tickets.views.created', { name: saved.name }));
      onSaved(saved);
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, ['name', 'shared']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('tickets.views.editTitle') : t('tickets.views.saveTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('tickets.views.saveOk')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'ticket-view-save-ok' } as Record<string, string>}
      data-testid="ticket-view-modal"
    >
      {!editing && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {t('tickets.views.saveHint')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('tickets.views.name')}
          rules={[
            { required: true, whitespace: true, message: t('tickets.views.nameRequired') },
            { max: TICKET_VIEW_NAME_MAX, message: t('tickets.views.nameTooLong', { max: TICKET_VIEW_NAME_MAX }) },
          ]}
        >
          <Input autoFocus placeholder={t('tickets.views.namePlaceholder')} showCount maxLength={TICKET_VIEW_NAME_MAX} data-testid="ticket-view-name" />
        </Form.Item>
        <Form.Item name="shared" label={t('tickets.views.sharedLabel')} valuePropName="checked" extra={t('tickets.views.sharedHint')} style={{ marginBottom: 0 }}>
          <Switch data-testid="ticket-view-shared" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
