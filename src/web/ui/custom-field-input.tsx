import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CUSTOM_TEXT_MAX, fieldLabel, type CustomFieldDef } from '../../shared/custom-fields';

type Props = {
  def: CustomFieldDef;
  /** Form path of the value; defaults to `['custom', def.key]`. */
  name?: (string | number)[];
  disabled?: boolean;
};

/**
 * One custom field as a form item in the user's language: the right input for its type,
 * options labelled per language, required rule. Values are the wire values the server's
 * validator expects (dates as `YYYY-MM-DD`, multi-select as a list of option values).
 */
export function CustomFieldFormItem({ def, name, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const label = fieldLabel(def, locale);
  const path = name ?? ['custom', def.key];
  const options = (def.options ?? []).map((o) => ({ value: o.value, label: (locale === 'en' ? o.labelEn || o.label : o.label) || o.value }));
  const required = def.required ? [{ required: true, message: t('customFieldInput.required', { field: label }) }] : [];
  const common = { name: path, label, rules: required, 'data-testid': `custom-field-${def.key}` };

  switch (def.type) {
    case 'text':
      return (
        <Form.Item {...common} rules={[...required, { max: CUSTOM_TEXT_MAX, message: t('customFieldInput.tooLong', { field: label, max: CUSTOM_TEXT_MAX }) }]}>
          <Input disabled={disabled} placeholder={t('customFieldInput.textPlaceholder', { field: label })} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber disabled={disabled} style={{ width: '100%' }} placeholder={t('customFieldInput.numberPlaceholder')} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item
          {...common}
          getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : null })}
          normalize={(v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null)}
        >
          <DatePicker disabled={disabled} style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select disabled={disabled} allowClear options={options} placeholder={t('customFieldInput.selectPlaceholder')} />
        </Form.Item>
      );
    case 'multiselect':
      return (
        <Form.Item {...common}>
          <Select disabled={disabled} mode="multiple" allowClear options={options} placeholder={t('customFieldInput.selectPlaceholder')} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch disabled={disabled} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
      );
  }
}
