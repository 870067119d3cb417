import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';

const MAX = 4000;

function useAddNote(customerId: string, onSaved: () => unknown) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ text }: { text: string }) => {
    setSaving(true);
    try {
      await api(`/customers/${customerId}/notes`, { body: { text: text.trim() } });
      message.success(t('customer360.note.added'));
      form.resetFields();
      await onSaved();
      return true;
    } catch (err) {
      const toast = applyServerErrors(form, err, ['text']);
      if (toast) message.error(toast);
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, submit };
}

function NoteField({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="text"
      rules={[
        { required: true, whitespace: true, message: t('customer360.note.required') },
        { max: MAX, message: t('customer360.note.tooLong', { max: MAX }) },
      ]}
      style={{ marginBottom: 8 }}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={MAX} autoFocus={autoFocus} placeholder={t('customer360.note.placeholder')} data-testid="note-text" />
    </Form.Item>
  );
}

/** The add-note box above the timeline. */
export function NoteComposer({ customerId, onSaved }: { customerId: string; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { form, saving, submit } = useAddNote(customerId, onSaved);
  return (
    <Form form={form} onFinish={submit} data-testid="note-composer">
      <NoteField />
      <div style={{ textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="note-submit">
          {t('customer360.note.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** The same, from the header's "add note" action, wherever the user is on the page. */
export function NoteModal({ customerId, open, onClose, onSaved }: { customerId: string; open: boolean; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { form, saving, submit } = useAddNote(customerId, onSaved);
  return (
    <Modal
      open={open}
      title={t('customer360.note.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customer360.note.submit')}
      okButtonProps={{ loading: saving, ...testId('note-modal-submit') }}
      destroyOnHidden
    >
      <Form form={form} onFinish={async (v: { text: string }) => (await submit(v)) && onClose()} style={{ marginTop: 16 }}>
        <NoteField autoFocus />
      </Form>
    </Modal>
  );
}
