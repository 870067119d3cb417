import { AutoComplete, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { FormModal } from '../../ui/form-modal';
import { useServerForm } from '../../ui/use-server-form';
import { fenToYuan, yuanInputProps, yuanToFen } from './money';
import type { Product } from './types';

type Values = { sku: string; name: string; category?: string; unitPrice: number; active: boolean };
const FIELDS = ['sku', 'name', 'category', 'unitPrice', 'active'];

/** Create (`product === null`) or edit a catalogue product; a taken SKU is shown under the SKU field. */
export function ProductModal({ product, categories, onClose, onSaved }: { product: Product | null | undefined; categories: string[]; onClose: () => void; onSaved: () => unknown }) {
  const { t } = useTranslation();
  const creating = product === null;
  const refresh = async () => {
    await onSaved();
    onClose();
  };
  const server = useServerForm<Values>({
    open: product !== undefined,
    initialValues: () => (product ? { sku: product.sku, name: product.name, category: product.category ?? '', unitPrice: fenToYuan(product.unitPriceFen) ?? 0, active: product.active } : { active: true }),
    fields: FIELDS,
    serverNames: { unitPriceFen: 'unitPrice' },
    codeFields: { sku_taken: 'sku' },
    send: (v) => {
      const body = { sku: v.sku.trim(), name: v.name.trim(), category: v.category?.trim() || null, unitPriceFen: yuanToFen(v.unitPrice) ?? 0, active: v.active };
      return creating ? api('/products', { body }) : api(`/products/${product!.id}`, { method: 'PATCH', ifMatch: product!.version, body });
    },
    successMessage: (_, v) => (creating ? t('customer360.products.created', { name: v.name.trim() }) : t('common.saved')),
    onDone: refresh,
    stale: { message: t('customer360.staleReloaded'), reload: refresh },
  });
  const { form } = server;

  const filtered = (text: string | undefined) =>
    categories.filter((c) => !text || c.toLowerCase().includes(text.toLowerCase())).map((c) => ({ value: c }));
  const categoryText = Form.useWatch('category', form);

  return (
    <FormModal
      server={server}
      open={product !== undefined}
      onClose={onClose}
      width={600}
      title={creating ? t('customer360.products.createTitle') : t('customer360.products.editTitle', { name: product?.name })}
      okText={creating ? t('customer360.products.createSubmit') : t('common.save')}
      okTestId="product-submit"
      formTestId="product-form"
    >
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
    </FormModal>
  );
}
