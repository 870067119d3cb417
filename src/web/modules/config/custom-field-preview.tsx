import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Empty, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { validateCustomValues, type CustomFieldDef } from '../../../shared/custom-fields';
import { CustomFieldFormItem } from '../../ui/custom-field-input';

/**
 * How the field will look in a customer / contact / ticket form, in the current language,
 * with the same validation the server applies to what is typed into it.
 */
export function CustomFieldPreview({ def }: { def: CustomFieldDef | null }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) as { custom?: Record<string, unknown> } | undefined;
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const ready = !!def && !!def.key && !!def.label;
  const check = ready ? validateCustomValues([def], values?.custom ?? {}, locale) : null;
  return (
    <Card size="small" title={t('customFields.previewTitle')} data-testid="custom-field-preview" styles={{ body: { background: '#fafafa' } }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('customFields.previewHelp')}
      </Typography.Paragraph>
      {ready ? (
        <>
          <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '16px 16px 0' }}>
            <Form form={form} layout="vertical">
              <CustomFieldFormItem key={`${def.key}-${def.type}`} def={def} />
            </Form>
          </div>
          {check && (
            <Space style={{ marginTop: 12 }} align="start">
              {check.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
              <Typography.Text type={check.ok ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
                {check.ok ? t('customFields.previewValid') : check.errors.map((e) => e.message).join('；')}
              </Typography.Text>
            </Space>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customFields.previewEmpty')} />
      )}
    </Card>
  );
}
