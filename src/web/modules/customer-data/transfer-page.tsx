import { SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../ui/api';
import { departmentPathName, DepartmentTreeSelect, useDepartments } from '../../ui/department-tree-select';
import { fetchAll } from '../../ui/fetch-all';
import { PageCard } from '../../ui/page-card';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { TransferConfirmContent } from './transfer-confirm';
import { totalOf, TransferPreview, type TransferPreviewData, type TransferResultData } from './transfer-preview';
import { TransferResult } from './transfer-result';
import { TransferUserSelect, type StaffUser } from './transfer-user-select';

type Mode = 'user' | 'users' | 'department';
type Values = { fromOwnerId?: string; mode: Mode; toOwnerId?: string; toUserIds?: string[]; toDepartmentId?: string; reason?: string };
const FORM_FIELDS = ['fromOwnerId', 'toOwnerId', 'toUserIds', 'toDepartmentId', 'reason'];

/** The active members of a department who would share the work (the server's rule: that department only, by username). */
function useDepartmentMembers(departmentId: string | undefined, fromId: string | undefined) {
  return useQuery({
    queryKey: ['users', 'department-members', departmentId],
    enabled: !!departmentId,
    queryFn: () => fetchAll<StaffUser>('/users', { departmentId, status: 'active' }),
    select: (list) => list.filter((u) => u.id !== fromId),
  });
}

/** 客户移交 (§2.9): hand everything a departing owner holds to others in one audited step. */
export default function TransferPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const fromId = Form.useWatch('fromOwnerId', form);
  const mode = Form.useWatch('mode', form) ?? 'user';
  const departmentId = Form.useWatch('toDepartmentId', form);
  // Every user picked so far, so the confirm dialog can name the recipients of whichever mode is chosen.
  const [known, setKnown] = useState<Map<string, StaffUser>>(new Map());
  const remember = (_: unknown, users: StaffUser[]) => setKnown((m) => new Map([...m, ...users.map((u) => [u.id, u] as const)]));
  const [result, setResult] = useState<{ data: TransferResultData; fromName: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const departments = useDepartments();
  const members = useDepartmentMembers(mode === 'department' ? departmentId : undefined, fromId);
  const preview = useQuery({
    queryKey: ['transfer-preview', fromId],
    enabled: !!fromId,
    queryFn: () => api<TransferPreviewData>('/customers/transfer-preview', { query: { fromOwnerId: fromId } }),
  });
  const nothing = !!preview.data && totalOf(preview.data.counts) === 0;
  const noMembers = mode === 'department' && !!departmentId && members.data?.length === 0;

  const again = () => {
    setResult(null);
    form.resetFields();
  };

  const submit = async (v: Values) => {
    if (!preview.data) return;
    const departmentName = departmentPathName(departments.data ?? [], v.toDepartmentId);
    const target =
      v.mode === 'user'
        ? { toOwnerId: v.toOwnerId }
        : v.mode === 'users'
          ? { toUserIds: v.toUserIds }
          : { toDepartmentId: v.toDepartmentId };
    const ids = v.mode === 'user' ? [v.toOwnerId!] : v.mode === 'users' ? (v.toUserIds ?? []) : [];
    const people = v.mode === 'department' ? (members.data ?? []) : ids.map((id) => known.get(id)).filter((u): u is StaffUser => !!u);
    const reason = v.reason!.trim();
    const fromName = preview.data.fromOwner.displayName;
    modal.confirm({
      title: t('customerPrivacy.transfer.confirmTitle'),
      width: 560,
      icon: <SwapOutlined style={{ color: '#1677ff' }} />,
      content: <TransferConfirmContent preview={preview.data} mode={v.mode} people={people} departmentName={departmentName} reason={reason} />,
      okText: t('customerPrivacy.transfer.confirmOk'),
      okButtonProps: testId('transfer-confirm-ok'),
      onOk: async () => {
        setSaving(true);
        try {
          const data = await api<TransferResultData>('/customers/transfer', { body: { fromOwnerId: v.fromOwnerId, ...target, reason } });
          setResult({ data, fromName });
          message.success(t('customerPrivacy.transfer.done'));
          await qc.invalidateQueries({ queryKey: ['customers'] });
          await qc.invalidateQueries({ queryKey: ['customer'] });
          qc.removeQueries({ queryKey: ['transfer-preview'] });
        } catch (err) {
          const toast = applyServerErrors(form, err, FORM_FIELDS);
          if (toast) message.error(toast);
          await qc.invalidateQueries({ queryKey: ['transfer-preview'] });
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <PageCard title={t('customerPrivacy.transfer.title')} description={t('customerPrivacy.transfer.description')}>
      {result ? (
        <TransferResult result={result.data} fromName={result.fromName} onAgain={again} />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ mode: 'user' }} onFinish={submit} style={{ maxWidth: 720 }} data-testid="transfer-form">
          <Form.Item name="fromOwnerId" label={t('customerPrivacy.transfer.from')} extra={t('customerPrivacy.transfer.fromHint')} rules={[{ required: true, message: t('customerPrivacy.transfer.fromRequired') }]}>
            <TransferUserSelect statuses="any" placeholder={t('customerPrivacy.transfer.fromPlaceholder')} data-testid="transfer-from" />
          </Form.Item>
          <div style={{ marginBottom: 24 }}>
            <TransferPreview loading={!!fromId && preview.isLoading} error={preview.error} data={fromId ? preview.data : undefined} />
          </div>
          <Form.Item name="mode" label={t('customerPrivacy.transfer.mode')} extra={t(`customerPrivacy.transfer.modeHints.${mode}`)}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['user', 'users', 'department'] as const).map((m) => ({ value: m, label: t(`customerPrivacy.transfer.modes.${m}`) }))}
              data-testid="transfer-mode"
            />
          </Form.Item>
          {mode === 'user' && (
            <Form.Item name="toOwnerId" label={t('customerPrivacy.transfer.toUser')} rules={[{ required: true, message: t('customerPrivacy.transfer.toUserRequired') }]}>
              <TransferUserSelect statuses="active" excludeId={fromId} placeholder={t('customerPrivacy.transfer.toUser')} known={[...known.values()]} onChange={remember} data-testid="transfer-to-user" />
            </Form.Item>
          )}
          {mode === 'users' && (
            <Form.Item name="toUserIds" label={t('customerPrivacy.transfer.toUsers')} rules={[{ required: true, type: 'array', min: 1, message: t('customerPrivacy.transfer.toUsersRequired') }]}>
              <TransferUserSelect statuses="active" mode="multiple" excludeId={fromId} placeholder={t('customerPrivacy.transfer.toUsers')} known={[...known.values()]} onChange={remember} data-testid="transfer-to-users" />
            </Form.Item>
          )}
          {mode === 'department' && (
            <Form.Item
              name="toDepartmentId"
              label={t('customerPrivacy.transfer.toDepartment')}
              rules={[{ required: true, message: t('customerPrivacy.transfer.toDepartmentRequired') }]}
              extra={
                members.data &&
                members.data.length > 0 && (
                  <span data-testid="transfer-department-members">
                    {t('customerPrivacy.transfer.departmentMembers', { count: members.data.length, names: members.data.map((u) => u.displayName).join(t('customerPrivacy.listSeparator')) })}
                  </span>
                )
              }
              validateStatus={noMembers ? 'warning' : undefined}
              help={noMembers ? t('customerPrivacy.transfer.departmentNoMembers') : undefined}
            >
              <DepartmentTreeSelect placeholder={t('customerPrivacy.transfer.toDepartment')} data-testid="transfer-to-department" />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('customerPrivacy.transfer.reason')} rules={[{ required: true, whitespace: true, message: t('customerPrivacy.transfer.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('customerPrivacy.transfer.reasonPlaceholder')} data-testid="transfer-reason" />
          </Form.Item>
          {nothing && <Alert type="info" showIcon title={t('customerPrivacy.transfer.nothingToMove')} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" icon={<SwapOutlined />} loading={saving} disabled={!preview.data || nothing || noMembers} data-testid="transfer-submit">
            {t('customerPrivacy.transfer.submit')}
          </Button>
        </Form>
      )}
    </PageCard>
  );
}
