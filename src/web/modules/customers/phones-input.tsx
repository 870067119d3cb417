import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_PHONES = 5;
const PHONE_LABELS = ['mobile', 'work', 'home', 'office', 'fax', 'other'] as const;

/**
 * A rough client-side look at a mainland number (mobile 1[3-9]… or landline 0xx-…), full-width
 * digits and +86 accepted. Only a hint: the server normalizes and decides.
 */
export function looksLikeCnPhone(input: string): boolean {
  const digits = input.normalize('NFKC').replace(/[\s().-]/g, '').replace(/^(\+86|0086|86(?=1))/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
}

type Props = { onBlurValue?: () => void; disabled?: boolean };

/** Several phone numbers, each with a label (手机 / 工作 / 家庭 …), up to five. */
export function PhonesInput({ onBlurValue, disabled }: Props) {
  const { t } = useTranslation();
  const labelOptions = PHONE_LABELS.map((l) => ({ value: t(`customers.phoneLabel.${l}`) }));
  return (
    <Form.List name="phones">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8 }} data-testid={`phone-row-${index}`}>
              <Form.Item name={[field.name, 'label']} style={{ marginBottom: 0 }}>
                <AutoComplete options={labelOptions} placeholder={t('customers.form.phoneLabelPlaceholder')} style={{ width: 120 }} disabled={disabled} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'value']}
                style={{ flex: 1, marginBottom: 0 }}
                validateTrigger="onBlur"
                rules={[
                  {
                    warningOnly: true,
                    validator: (_, value: string | undefined) =>
                      !value?.trim() || looksLikeCnPhone(value) ? Promise.resolve() : Promise.reject(new Error(t('customers.form.phoneHint'))),
                  },
                ]}
              >
                <Input
                  placeholder={t('customers.form.phonePlaceholder')}
                  inputMode="tel"
                  maxLength={40}
                  onBlur={onBlurValue}
                  disabled={disabled}
                  data-testid={`phone-input-${index}`}
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                />
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={disabled} aria-label={t('customers.form.removePhone')} />
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_PHONES && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', label: null })} disabled={disabled} block data-testid="phone-add">
              {t('customers.form.addPhone')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
