import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The options of a select / multi-select field: stable value, Chinese label, English label,
 * in display order. Values are what records store, so they are unique and code-like.
 */
export function OptionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_, options: { value?: string }[] | undefined) => {
            if (!options || options.length === 0) throw new Error(t('customFields.errNoOptions'));
            const values = options.map((o) => (o?.value ?? '').trim()).filter(Boolean);
            const dup = values.find((v, i) => values.indexOf(v) !== i);
            if (dup) throw new Error(t('customFields.errDuplicateOption', { value: dup }));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="options-editor">
          {fields.length > 0 && (
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr 104px', gap: 8, marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('customFields.optionValue')}</Typography.Text>
              <Typography.Text type="secondary">{t('customFields.optionLabel')}</Typography.Text>
              <Typography.Text type="secondary">{t('customFields.optionLabelEn')}</Typography.Text>
              <span />
            </div>
          )}
          {fields.map((field, idx) => (
            <div key={field.key} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr 104px', gap: 8 }}>
              <Form.Item
                name={[field.name, 'value']}
                rules={[
                  { required: true, whitespace: true, message: t('customFields.optionValueRequired') },
                  { max: 50 },
                  { pattern: /^[A-Za-z0-9_.-]+$/, message: t('customFields.optionValuePattern') },
                ]}
                style={{ marginBottom: 8 }}
              >
                <Input placeholder="vip" />
              </Form.Item>
              <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: t('customFields.optionLabelRequired') }, { max: 100 }]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('customFields.optionLabelPlaceholder')} />
              </Form.Item>
              <Form.Item name={[field.name, 'labelEn']} rules={[{ max: 100 }]} style={{ marginBottom: 8 }}>
                <Input placeholder={t('customFields.optionLabelEnPlaceholder')} />
              </Form.Item>
              <Space.Compact>
                <Tooltip title={t('customFields.moveUp')}>
                  <Button icon={<ArrowUpOutlined />} disabled={idx === 0} onClick={() => move(idx, idx - 1)} aria-label={t('customFields.moveUp')} />
                </Tooltip>
                <Tooltip title={t('customFields.moveDown')}>
                  <Button icon={<ArrowDownOutlined />} disabled={idx === fields.length - 1} onClick={() => move(idx, idx + 1)} aria-label={t('customFields.moveDown')} />
                </Tooltip>
                <Tooltip title={t('common.delete')}>
                  <Button icon={<DeleteOutlined />} danger onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                </Tooltip>
              </Space.Compact>
            </div>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ value: '', label: '', labelEn: '' })} data-testid="option-add">
            {t('customFields.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
