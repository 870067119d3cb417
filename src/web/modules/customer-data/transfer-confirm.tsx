import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { participantLabel, type TransferPreviewData } from './transfer-preview';
import type { StaffUser } from './transfer-user-select';

type Props = {
  preview: TransferPreviewData;
  mode: 'user' | 'users' | 'department';
  /** The recipients, in the order the server deals items to them. */
  people: StaffUser[];
  departmentName: string;
  reason: string;
};

/** The body of the confirm dialog: exactly what moves away from whom, to whom, and why. */
export function TransferConfirmContent({ preview, mode, people, departmentName, reason }: Props) {
  const { t } = useTranslation();
  const names = people.map((u) => u.displayName).join(t('customerPrivacy.listSeparator'));
  const to =
    mode === 'user'
      ? t('customerPrivacy.transfer.confirmToUser', { name: names })
      : mode === 'users'
        ? t('customerPrivacy.transfer.confirmToUsers', { count: people.length, names })
        : t('customerPrivacy.transfer.confirmToDepartment', { count: people.length, names, department: departmentName });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="transfer-confirm">
      <Typography.Text>{t('customerPrivacy.transfer.confirmLead', { from: preview.fromOwner.displayName })}</Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {Object.entries(preview.counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => (
            <li key={k}>
              <Typography.Text strong>{participantLabel(t, k)}</Typography.Text>
              {t('customerPrivacy.colon')}
              <Typography.Text strong>{n}</Typography.Text>
            </li>
          ))}
      </ul>
      <Typography.Text>{to}</Typography.Text>
      <Typography.Text type="secondary">{t('customerPrivacy.transfer.confirmReason', { reason })}</Typography.Text>
      <Typography.Text type="secondary">{t('customerPrivacy.transfer.confirmAudit')}</Typography.Text>
    </Space>
  );
}
