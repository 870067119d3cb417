import { Select, Space, Typography, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { UserPicker } from '../customers/user-picker';
import { useTeamMembers, useTeams } from './ticket-queries';

/** Active teams to hand a ticket to. */
export function TeamSelect(props: Omit<SelectProps<string>, 'options'>) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={teams.isLoading}
      placeholder={t('tickets.form.teamPlaceholder')}
      options={(teams.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name }))}
      {...props}
    />
  );
}

/**
 * Picks the agent: within a chosen team its members with their load; without a team any
 * active user (or only oneself for those who may not list staff).
 */
export function AssigneeSelect({ teamId, known, ...rest }: Omit<SelectProps<string>, 'options'> & { teamId?: string | null; known?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const members = useTeamMembers(teamId);
  if (!teamId) return <UserPicker {...(rest as object)} known={known ? [known] : []} placeholder={t('tickets.form.assigneePlaceholder')} />;
  const options = (members.data ?? [])
    .filter((m) => m.userActive)
    .map((m) => ({ value: m.userId, label: m.userId === me?.id ? `${m.displayName}${t('tickets.form.meSuffix')}` : m.displayName, load: `${m.openCount}/${m.capacity}`, away: !m.available }));
  if (known && !options.some((o) => o.value === known.id)) options.unshift({ value: known.id, label: known.name, load: '', away: false });
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={members.isLoading}
      placeholder={t('tickets.form.assigneePlaceholder')}
      notFoundContent={t('tickets.form.teamNoMembers')}
      optionRender={(o) => (
        <Space size={6}>
          <span>{o.data.label}</span>
          {o.data.load && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.form.memberLoad', { load: o.data.load })}
              {o.data.away ? ` · ${t('tickets.form.memberAway')}` : ''}
            </Typography.Text>
          )}
        </Space>
      )}
      {...rest}
      options={options}
    />
  );
}
