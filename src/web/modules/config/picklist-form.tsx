import { App, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { PICKLIST_CODE, type Picklist } from './picklist-types';

type Values = { code: string; name: string; nameEn?: string; hierarchical: boolean };

/** Create a picklist, or rename one (its code and shape are fixed once created). */
export function PicklistForm({ open, picklist, onClose, onSaved }: { open: boolean; picklist: Picklist | null; onClose: () => void; onSaved: (p: Picklist | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(picklist ? { code: picklist.code, name: picklist.name, nameEn: picklist.nameEn ?? '', hierarchical: picklist.hierarchical } : { code: '', name: '', nameEn: '', hierarchical: false });
  }, [open, picklist, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const names = { name: v.name.trim(), nameEn: v.nameEn?.trim() || null };
      const saved = picklist
        ? await api<Picklist>(`/picklists/${picklist.code}`, { method: 'PATCH', body: names, ifMatch: picklist.version })
        : await api<Picklist>('/picklists', { method: 'POST', body: { ...names, code: v.code.trim(), hierarchical: v.hierarchical } });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const rest = applyServerErrors(form, err, ['code', 'name', 'nameEn', 'hierarchical'], { picklist_code_taken: 'code' });
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onSaved(null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      forceRender
      title={picklist ? t('picklists.renameTitle', { name: picklist.name }) : t('picklists.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('picklist-submit') }}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="picklist-form">
        <Form.Item name="name" label={t('picklists.name')} rules={[{ required: true, whitespace: true, message: t('picklists.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('picklists.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('picklists.nameEn')} rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder="Return reasons" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('picklists.listCode')}
          extra={picklist ? t('picklists.codeLocked') : t('picklists.listCodeHelp')}
          rules={[
            { required: true, message: t('picklists.listCodeRequired') },
            { pattern: PICKLIST_CODE, message: t('picklists.listCodePattern') },
          ]}
        >
          <Input disabled={!!picklist} maxLength={40} placeholder="return_reason" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }} />
        </Form.Item>
        <Form.Item name="hierarchical" label={t('picklists.hierarchical')} valuePropName="checked" extra={t('picklists.hierarchicalHelp')}>
          <Switch disabled={!!picklist} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
