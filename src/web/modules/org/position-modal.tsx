import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Modal, Row } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import type { Position } from './org-types';

type Values = { code: string; name: string; nameEn?: string; responsibilities?: string; requirements?: string };
const FIELDS = ['code', 'name', 'nameEn', 'responsibilities', 'requirements'];

/** Create (`position === null`) or edit a position (岗位) with its duties and requirements. */
export function PositionModal({ position, onClose }: { position: Position | null | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const creating = position === null;

  useEffect(() => {
    if (position === undefined) return;
    form.resetFields();
    if (position) form.setFieldsValue({ ...position, nameEn: position.nameEn ?? '' });
  }, [position, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() || null,
      responsibilities: v.responsibilities?.trim() ?? '',
      requirements: v.requirements?.trim() ?? '',
    };
    try {
      if (creating) await api('/positions', { body });
      else await api(`/positions/${position!.id}`, { method: 'PATCH', ifMatch: position!.version, body });
      message.success(creating ? t('org.positions.created') : t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['positions'] });
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
      if (isVersionConflict(err)) {
        await qc.invalidateQueries({ queryKey: ['positions'] });
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={position !== undefined}
      width={720}
      title={creating ? t('org.positions.createTitle') : t('org.positions.editTitle', { name: position?.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('org.createSubmit') : t('common.save')}
      okButtonProps={{ loading: saving, ...testId('position-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('org.positions.code')}
              rules={[
                { required: true, whitespace: true, message: t('org.positions.codeRequired') },
                { pattern: /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, message: t('org.positions.codePattern') },
              ]}
            >
              <Input maxLength={32} placeholder="AGENT" data-testid="position-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="name" label={t('org.positions.name')} rules={[{ required: true, whitespace: true, message: t('org.positions.nameRequired') }, { max: 64 }]}>
              <Input maxLength={64} placeholder={t('org.positions.namePlaceholder')} data-testid="position-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="nameEn" label={t('org.positions.nameEn')} rules={[{ max: 100 }]}>
              <Input maxLength={100} placeholder="Customer Service Agent" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="responsibilities" label={t('org.positions.responsibilities')} extra={t('org.positions.responsibilitiesHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} showCount maxLength={4000} placeholder={t('org.positions.responsibilitiesPlaceholder')} data-testid="position-responsibilities" />
        </Form.Item>
        <Form.Item name="requirements" label={t('org.positions.requirements')} extra={t('org.positions.requirementsHint')} rules={[{ max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} showCount maxLength={4000} placeholder={t('org.positions.requirementsPlaceholder')} data-testid="position-requirements" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
