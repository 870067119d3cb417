import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { DepartmentTreeSelect, type Department } from '../../ui/department-tree-select';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';

export type DepartmentDialog =
  | { mode: 'create'; parent: Department | null }
  | { mode: 'edit'; department: Department }
  | { mode: 'move'; department: Department };

type Values = { name: string; code?: string; sort?: number; parentId?: string | null };

/** Create a (child) department, edit name/code/order, or move it under another parent. */
export function DepartmentModal({ dialog, onClose, onSaved }: { dialog: DepartmentDialog | null; onClose: () => void; onSaved: (d: Department) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!dialog) return;
    form.resetFields();
    if (dialog.mode === 'create') form.setFieldsValue({ parentId: dialog.parent?.id ?? null, sort: 0 });
    else form.setFieldsValue({ name: dialog.department.name, code: dialog.department.code ?? '', sort: dialog.department.sort, parentId: dialog.department.parentId });
  }, [dialog, form]);

  if (!dialog) return null;
  const title =
    dialog.mode === 'create'
      ? dialog.parent
        ? t('org.departments.createChildOf', { name: dialog.parent.name })
        : t('org.departments.createRoot')
      : dialog.mode === 'edit'
        ? t('org.departments.editTitle', { name: dialog.department.name })
        : t('org.departments.moveTitle', { name: dialog.department.name });

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      let saved: Department;
      if (dialog.mode === 'create') {
        saved = await api<Department>('/departments', {
          body: { name: values.name.trim(), code: values.code?.trim() || null, sort: values.sort ?? 0, parentId: values.parentId ?? null },
        });
        message.success(t('org.departments.created'));
      } else if (dialog.mode === 'edit') {
        saved = await api<Department>(`/departments/${dialog.department.id}`, {
          method: 'PATCH',
          ifMatch: dialog.department.version,
          body: { name: values.name.trim(), code: values.code?.trim() || null, sort: values.sort ?? 0 },
        });
        message.success(t('common.saved'));
      } else {
        saved = await api<Department>(`/departments/${dialog.department.id}`, {
          method: 'PATCH',
          ifMatch: dialog.department.version,
          body: { parentId: values.parentId ?? null },
        });
        message.success(t('org.departments.moved'));
      }
      await qc.invalidateQueries({ queryKey: ['departments'] });
      onSaved(saved);
    } catch (err) {
      const toast = applyServerErrors(form, err, ['name', 'code', 'sort', 'parentId']);
      if (toast) message.error(toast);
      if (isVersionConflict(err)) {
        await qc.invalidateQueries({ queryKey: ['departments'] });
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('department-submit') }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        {dialog.mode !== 'move' && (
          <>
            <Form.Item name="name" label={t('org.departments.name')} rules={[{ required: true, whitespace: true, message: t('org.departments.nameRequired') }, { max: 64 }]}>
              <Input autoFocus maxLength={64} placeholder={t('org.departments.namePlaceholder')} data-testid="department-name" />
            </Form.Item>
            <Form.Item name="code" label={t('org.departments.code')} extra={t('org.departments.codeHint')} rules={[{ pattern: /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, message: t('org.departments.codePattern') }]}>
              <Input maxLength={32} placeholder="CS_AFTERSALES" />
            </Form.Item>
            <Form.Item name="sort" label={t('org.departments.sort')} extra={t('org.departments.sortHint')}>
              <InputNumber min={0} max={1000000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        {dialog.mode !== 'edit' && (
          <Form.Item
            name="parentId"
            label={t('org.departments.parent')}
            extra={dialog.mode === 'move' ? t('org.departments.moveHint') : t('org.departments.parentHint')}
          >
            <DepartmentTreeSelect
              placeholder={t('org.departments.parentPlaceholder')}
              excludeSubtreeOf={dialog.mode === 'move' ? [dialog.department.id] : undefined}
              data-testid="department-parent"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
