import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_KEY, CUSTOM_FIELD_TYPES, type CustomFieldDef, type CustomFieldEntity, type CustomFieldOption, type CustomFieldType } from '../../../shared/custom-fields';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { CustomFieldPreview } from './custom-field-preview';
import { hasOptions, type CustomField } from './custom-field-types';
import { OptionsEditor } from './options-editor';

type Values = { key: string; label: string; labelEn?: string; type: CustomFieldType; options?: CustomFieldOption[]; required: boolean; active: boolean; sort: number };

const FIELDS = ['key', 'label', 'labelEn', 'type', 'options', 'required', 'active', 'sort'];

/** Create or edit one custom field, with a live preview beside the form. */
export function CustomFieldForm({
  open,
  entity,
  field,
  nextSort,
  onClose,
  onSaved,
}: {
  open: boolean;
  entity: CustomFieldEntity;
  field: CustomField | null;
  nextSort: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // the key follows the English label until the user edits the key themselves
  const keyTyped = useRef(false);
  const watched = Form.useWatch([], form) as Values | undefined;
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    keyTyped.current = false;
    form.resetFields();
    form.setFieldsValue(
      field
        ? { key: field.key, label: field.label, labelEn: field.labelEn ?? '', type: field.type, options: field.options.map((o) => ({ ...o, labelEn: o.labelEn ?? '' })), required: field.required, active: field.active, sort: field.sort }
        : { key: '', label: '', labelEn: '', type: 'text', options: [], required: false, active: true, sort: nextSort },
    );
  }, [open, field, nextSort, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const options = hasOptions(v.type) ? (v.options ?? []).map((o) => ({ value: o.value.trim(), label: o.label.trim(), labelEn: o.labelEn?.trim() || null })) : [];
    const common = { label: v.label.trim(), labelEn: v.labelEn?.trim() || null, options, required: v.required, active: v.active, sort: v.sort };
    try {
      if (field) await api(`/custom-fields/${field.id}`, { method: 'PATCH', body: common, ifMatch: field.version });
      else await api('/custom-fields', { method: 'POST', body: { entity, key: v.key.trim(), type: v.type, ...common } });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      const rest = applyServerErrors(form, err, FIELDS, { custom_field_key_taken: 'key' });
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onSaved();
    } finally {
      setSaving(false);
    }
  };

  const previewDef: CustomFieldDef | null = watched
    ? {
        key: watched.key || 'preview',
        label: watched.label ?? '',
        labelEn: watched.labelEn,
        type: watched.type ?? 'text',
        required: watched.required,
        options: (watched.options ?? []).filter((o) => o?.value),
      }
    : null;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1040}
      forceRender
      title={field ? t('customFields.editTitle', { label: field.label }) : t('customFields.createTitle', { entity: t(`customFields.entity.${entity}`) })}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="custom-field-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Row gutter={24}>
        <Col span={14}>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            data-testid="custom-field-form"
            onValuesChange={(changed: Partial<Values>) => {
              // suggest a key from the English label until the user types one
              if (!field && changed.labelEn !== undefined && !keyTyped.current) {
                const slug = changed.labelEn.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '').slice(0, 40);
                form.setFieldValue('key', slug);
              }
            }}
          >
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="label" label={t('customFields.label')} rules={[{ required: true, whitespace: true, message: t('customFields.labelRequired') }, { max: 100 }]}>
                  <Input placeholder={t('customFields.labelPlaceholder')} maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="labelEn" label={t('customFields.labelEn')} rules={[{ max: 100 }]}>
                  <Input placeholder={t('customFields.labelEnPlaceholder')} maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="key"
                  label={t('customFields.key')}
                  extra={field ? t('customFields.keyLocked') : t('customFields.keyHelp')}
                  rules={[
                    { required: true, message: t('customFields.keyRequired') },
                    { pattern: CUSTOM_FIELD_KEY, message: t('customFields.keyPattern') },
                  ]}
                >
                  <Input disabled={!!field} onChange={() => (keyTyped.current = true)} placeholder="contract_no" maxLength={40} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="type" label={t('customFields.type')} rules={[{ required: true }]} extra={field ? t('customFields.typeLocked') : undefined}>
                  <Select disabled={!!field} options={CUSTOM_FIELD_TYPES.map((ty) => ({ value: ty, label: t(`customFields.types.${ty}`) }))} data-testid="custom-field-type" />
                </Form.Item>
              </Col>
            </Row>
            {hasOptions(type) && (
              <Form.Item label={t('customFields.options')} required>
                <OptionsEditor />
              </Form.Item>
            )}
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="active" label={t('customFields.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="sort" label={t('customFields.sort')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {field?.required === false && watched?.required && <Alert type="warning" showIcon title={t('customFields.requiredWarning')} />}
          </Form>
        </Col>
        <Col span={10}>
          <CustomFieldPreview def={previewDef} />
        </Col>
      </Row>
    </Drawer>
  );
}
