import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { applyServerErrors, isVersionConflict } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { flatten, ITEM_CODE, itemLabel, MAX_DEPTH, subtreeIds, type Picklist, type PicklistItem } from './picklist-types';

type Values = { code?: string; label: string; labelEn?: string; parentId?: string | null };

type TreeOption = { value: string; title: string; disabled?: boolean; children: TreeOption[] };

/** Add an item (optionally under a parent) or edit one: labels, and for trees its parent. */
export function PicklistItemForm({
  open,
  picklist,
  tree,
  item,
  parentId,
  onClose,
  onSaved,
}: {
  open: boolean;
  picklist: Picklist;
  tree: PicklistItem[];
  item: PicklistItem | null;
  parentId: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const en = i18n.language === 'en';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(item ? { code: item.code, label: item.label, labelEn: item.labelEn ?? '', parentId: item.parentId } : { code: '', label: '', labelEn: '', parentId });
  }, [open, item, parentId, form]);

  // A parent must be active, not the item or its descendants, and leave room for the subtree's height.
  const parentOptions = useMemo(() => {
    const blocked = item ? subtreeIds(tree, item.id) : new Set<string>();
    const height = item ? Math.max(...flatten([item]).map((x) => x.depth)) : 1;
    const build = (nodes: PicklistItem[], depth: number): TreeOption[] =>
      nodes
        .filter((n) => !blocked.has(n.id))
        .map((n) => ({ value: n.id, title: `${itemLabel(n, en)}${n.active ? '' : ` (${t('picklists.inactive')})`}`, disabled: !n.active || depth + height > MAX_DEPTH, children: build(n.children, depth + 1) }));
    return build(tree, 1);
  }, [tree, item, en, t]);

  const submit = async (v: Values) => {
    setSaving(true);
    const base = { label: v.label.trim(), labelEn: v.labelEn?.trim() || null };
    try {
      if (item) {
        const body = picklist.hierarchical ? { ...base, parentId: v.parentId ?? null } : base;
        await api(`/picklists/${picklist.code}/items/${item.id}`, { method: 'PATCH', body, ifMatch: item.version });
      } else {
        await api(`/picklists/${picklist.code}/items`, { method: 'POST', body: { ...base, code: v.code?.trim() || undefined, parentId: v.parentId ?? null } });
      }
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      const rest = applyServerErrors(form, err, ['code', 'label', 'labelEn', 'parentId'], { picklist_item_code_taken: 'code', picklist_parent_invalid: 'parentId', picklist_parent_inactive: 'parentId', picklist_too_deep: 'parentId' });
      if (rest) message.error(rest);
      if (isVersionConflict(err)) onSaved();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      forceRender
      title={item ? t('picklists.editItem', { label: item.label }) : t('picklists.addItem')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, ...testId('picklist-item-submit') }}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="picklist-item-form">
        {picklist.hierarchical && (
          <Form.Item name="parentId" label={t('picklists.parent')} extra={t('picklists.parentHelp')}>
            <TreeSelect allowClear treeDefaultExpandAll treeData={parentOptions} placeholder={t('picklists.topLevel')} />
          </Form.Item>
        )}
        <Form.Item name="label" label={t('picklists.label')} rules={[{ required: true, whitespace: true, message: t('picklists.labelRequired') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('picklists.labelPlaceholder')} />
        </Form.Item>
        <Form.Item name="labelEn" label={t('picklists.labelEn')} rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder={t('picklists.labelEnPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('picklists.code')}
          extra={item ? t('picklists.codeLocked') : t('picklists.codeHelp')}
          rules={[{ pattern: ITEM_CODE, message: t('picklists.codePattern') }]}
        >
          <Input disabled={!!item} maxLength={64} placeholder="complaint.quality" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
