import { useQuery } from '@tanstack/react-query';
import { App, Empty, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../ui/api';
import { applyServerErrors } from '../../ui/server-form-errors';
import { testId } from '../../ui/test-id';
import { SkillsEditor } from './skills-editor';
import { type Candidate, MAX_CAPACITY, type Team } from './team-types';

type Values = { userId: string; capacity: number; skills: Record<string, number>; available: boolean };
const FIELDS = ['userId', 'capacity', 'skills', 'available'];

/** Adds an active user who is not yet a member; waiting tickets may go to them right away. */
export function AddMemberModal({ team, open, onClose, onAdded }: { team: Team; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [q, setQ] = useState('');
  const candidates = useQuery({
    queryKey: ['teams', team.id, 'candidates', q],
    queryFn: () => api<Page<Candidate>>(`/teams/${team.id}/candidates`, { query: { q } }),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ capacity: 10, skills: {}, available: true });
    setQ('');
  }, [open, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api(`/teams/${team.id}/members`, { body: { userId: v.userId, capacity: v.capacity, skills: v.skills ?? {}, available: v.available } });
      message.success(t('teams.members.added'));
      onAdded();
      onClose();
    } catch (err) {
      const toast = applyServerErrors(form, err, FIELDS);
      if (toast) message.error(toast);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('teams.members.addTitle', { name: team.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('teams.members.add')}
      okButtonProps={{ loading: saving, ...testId('member-submit') }}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        <Form.Item name="userId" label={t('teams.members.user')} rules={[{ required: true, message: t('teams.members.userRequired') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={candidates.isFetching}
            placeholder={t('teams.members.userPlaceholder')}
            notFoundContent={candidates.isFetching ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.members.noCandidates')} />}
            options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.displayName} (${c.username})` }))}
            data-testid="member-user"
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('teams.members.capacity')}
          extra={t('teams.members.capacityHint')}
          rules={[
            { required: true, message: t('teams.members.capacityRequired') },
            { type: 'integer', min: 0, max: MAX_CAPACITY, message: t('teams.members.capacityRange') },
          ]}
        >
          <InputNumber min={0} max={MAX_CAPACITY} precision={0} style={{ width: 160 }} data-testid="member-capacity" />
        </Form.Item>
        <Form.Item name="skills" label={t('teams.members.skills')} extra={t('teams.skills.hint')}>
          <SkillsEditor />
        </Form.Item>
        <Form.Item name="available" label={t('teams.members.available')} extra={t('teams.members.availableHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
