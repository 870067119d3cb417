import { CloseOutlined, SwapOutlined, TagOutlined, TagsOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LIFECYCLE_STATUSES, type BulkBody } from '../../../shared/customers';
import { api } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { enumOptions } from './customer-labels';
import { customerKeys } from './customer-queries';
import type { BulkResult, CustomerView } from './customer-types';
import { UserPicker } from './user-picker';

type Action = BulkBody['action'];
type Values = { ownerId?: string; tags?: string[]; status?: BulkBody['status']; reason?: string };

const ICONS: Record<Action, React.ReactNode> = {
  assign: <UserSwitchOutlined />,
  add_tags: <TagOutlined />,
  remove_tags: <TagsOutlined />,
  status: <SwapOutlined />,
};

/** What happened: how many changed, and each skipped customer by name with the reason. */
function showResult(modal: ReturnType<typeof App.useApp>['modal'], t: (k: string, o?: Record<string, unknown>) => string, result: BulkResult, names: Map<string, string>) {
  const reason = (s: BulkResult['skipped'][number]) =>
    s.code === 'invalid_status_transition' ? s.message : t(`customers.bulk.skip.${s.code}`, { defaultValue: s.message });
  const content = (
    <div data-testid="bulk-result">
      <Typography.Paragraph>{t('customers.bulk.resultUpdated', { count: result.updated })}</Typography.Paragraph>
      {result.skipped.length > 0 && (
        <>
          <Alert type="warning" showIcon title={t('customers.bulk.resultSkipped', { count: result.skipped.length })} style={{ marginBottom: 8 }} />
          <List
            size="small"
            dataSource={result.skipped}
            style={{ maxHeight: 280, overflowY: 'auto' }}
            renderItem={(s) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{names.get(s.id) ?? s.id}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {reason(s)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
  if (result.skipped.length > 0) modal.warning({ title: t('customers.bulk.resultTitle'), content, width: 520 });
  else modal.success({ title: t('customers.bulk.resultTitle'), content });
}

type Props = { selected: CustomerView[]; onClear: () => void };

/** 批量操作 on the selected customers: assign an owner, add or remove tags, change the status (with a reason). */
export function BulkActions({ selected, onClear }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (selected.length === 0 || !can('customers.update')) return null;
  const tagsOfSelection = [...new Set(selected.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b, 'zh-CN'));

  const submit = async (v: Values) => {
    if (!action) return;
    setSaving(true);
    try {
      const body: BulkBody = { ids: selected.map((c) => c.id), action };
      if (action === 'assign') body.ownerId = v.ownerId;
      if (action === 'add_tags' || action === 'remove_tags') body.tags = v.tags;
      if (action === 'status') {
        body.status = v.status;
        if (v.reason?.trim()) body.reason = v.reason.trim();
      }
      const result = await api<BulkResult>('/customers/bulk', { body });
      const names = new Map(selected.map((c) => [c.id, c.name]));
      setAction(null);
      onClear();
      await qc.invalidateQueries({ queryKey: customerKeys.list });
      await qc.invalidateQueries({ queryKey: customerKeys.views });
      showResult(modal, t, result, names);
    } catch (err) {
      const toast = applyServerErrors(form, err, ['ownerId', 'tags', 'status', 'reason']);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  const actions: Action[] = ['assign', 'add_tags', 'remove_tags', 'status'];
  return (
    <>
      <Flex
        align="center"
        justify="space-between"
        wrap
        gap={8}
        style={{ padding: '8px 12px', marginBottom: 12, background: '#e6f4ff', border: '1px solid #91caff', borderRadius: 6 }}
        data-testid="bulk-bar"
      >
        <Typography.Text>{t('customers.bulk.selected', { count: selected.length })}</Typography.Text>
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} size="small" icon={ICONS[a]} onClick={() => setAction(a)} data-testid={`bulk-${a}`}>
              {t(`customers.bulk.actions.${a}`)}
            </Button>
          ))}
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onClear}>
            {t('customers.bulk.clear')}
          </Button>
        </Space>
      </Flex>
      <Modal
        open={!!action}
        title={action ? t(`customers.bulk.titles.${action}`, { count: selected.length }) : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okText={t('customers.bulk.apply')}
        confirmLoading={saving}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'bulk-ok' } as Record<string, string>}
      >
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
          {action === 'assign' && (
            <Form.Item name="ownerId" label={t('customers.bulk.owner')} rules={[{ required: true, message: t('customers.bulk.ownerRequired') }]} extra={t('customers.bulk.assignHint')}>
              <UserPicker data-testid="bulk-owner" />
            </Form.Item>
          )}
          {(action === 'add_tags' || action === 'remove_tags') && (
            <Form.Item name="tags" label={t('customers.bulk.tags')} rules={[{ required: true, type: 'array', min: 1, message: t('customers.bulk.tagsRequired') }]}>
              <Select
                mode="tags"
                tokenSeparators={[',', '，', ' ']}
                options={action === 'remove_tags' ? tagsOfSelection.map((tag) => ({ value: tag, label: tag })) : []}
                open={action === 'remove_tags' ? undefined : false}
                suffixIcon={action === 'remove_tags' ? undefined : null}
                placeholder={action === 'add_tags' ? t('customers.bulk.addTagsPlaceholder') : t('customers.bulk.removeTagsPlaceholder')}
                data-testid="bulk-tags"
              />
            </Form.Item>
          )}
          {action === 'status' && (
            <>
              <Form.Item name="status" label={t('customers.bulk.status')} rules={[{ required: true, message: t('customers.bulk.statusRequired') }]} extra={t('customers.bulk.statusHint')}>
                <Select options={enumOptions(t, 'status', LIFECYCLE_STATUSES)} placeholder={t('customers.form.selectPlaceholder')} data-testid="bulk-status-select" />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('customers.bulk.reason')}
                rules={[
                  { required: true, whitespace: true, message: t('customers.bulk.reasonRequired') },
                  { max: 500, message: t('customers.bulk.reasonTooLong') },
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('customers.bulk.reasonPlaceholder')} data-testid="bulk-reason" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
