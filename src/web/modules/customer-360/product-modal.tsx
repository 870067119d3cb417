import { App, AutoComplete, Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { fenToYuan, yuanInputProps, yuanToFen } from './money';
import { renameErrorFields } from './rename-error-fields';
import type { Product } from './types';

type Values = { sku: string; name: string; category?: string; unitPrice: number; active: boolean };
const FIELDS = ['sku', 'name', 'category', 'unitPrice', 'active'];

/** Create (`product === null`) or edit a catalogue product; a taken SKU is shown under the SKU field. */
export function ProductModal({ product, categories, onClose, onSaved }: { product: Product | null | undefined; categories: string[]; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const creating = product === null;

  useEffect(() => {
    if (product === undefined) return;
    form.resetFields();
    if (product) form.setFieldsValue({ sku: product.sku, name: product.name, category: product.category ?? '', unitPrice: fenToYuan(product.unitPriceFen) ?? 0, active: product.active });
    else form.setFieldsValue({ active: true });
  }, [product, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = { sku: v.sku.trim(), name: v.name.trim(), category: v.category?.trim() || null, unitPriceFen: yuanToFen(v.unitPrice) ?? 0, active: v.active };
    try {
      if (creating) await api('/products', { body });
      else await api(`/products/${product!.id}`, { method: 'PATCH', ifMatch: product!.version, body });
      message.success(creating ? t('customer360.products.created', { name: body.name }) : t('common.saved'));
      await onSaved();
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, renameErrorFields(err, { unitPriceFen: 'unitPrice' }), FIELDS, { sku_taken: 'sku' });
      if (toast) message.error(isVersionConflict(err) ? t('customer360.staleReloaded') : toast);
      if (isVersionConflict(err)) {
        await onSaved();
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  const filtered = (text: string | undefined) =>
    categories.filter((c) => !text || c.toLowerCase().includes(text.toLowerCase())).map((c) => ({ value: c }));
  const categoryText = Form.useWatch('category', form);

  return (
    <Modal
      open={product !== undefined}
      width={600}
      title={creating ? t('customer360.products.createTitle') : t('customer360.products.editTitle', { name: product?.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('customer360.products.createSubmit') : t('common.save')}
      okButtonProps={{ loading: saving, ...testId('product-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }} data-testid="product-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="sku"
              label={t('customer360.products.sku')}
              extra={t('customer360.products.skuHint')}
              rules={[
                { required: true, whitespace: true, message: t('customer360.products.skuRequired') },
                { pattern: /^\S+$/, message: t('customer360.products.skuNoSpaces') },
                { max: 64, message: t('customer360.products.skuTooLong') },
              ]}
            >
              <Input maxLength={64} placeholder="SKU-0001" data-testid="product-sku" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label={t('customer360.products.category')} rules={[{ max: 64 }]}>
              <AutoComplete options={filtered(categoryText)} placeholder={t('customer360.products.categoryPlaceholder')} data-testid="product-category" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="name" label={t('customer360.products.name')} rules={[{ required: true, whitespace: true, message: t('customer360.products.nameRequired') }, { max: 128 }]}>
              <Input maxLength={128} placeholder={t('customer360.products.namePlaceholder')} data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitPrice" label={t('customer360.products.unitPrice')} rules={[{ required: true, message: t('customer360.products.unitPriceRequired') }]}>
              <InputNumber {...yuanInputProps} style={{ width: '100%' }} data-testid="product-price" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('customer360.products.active')} valuePropName="checked" extra={t('customer360.products.activeHint')}>
              <Switch data-testid="product-active" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
