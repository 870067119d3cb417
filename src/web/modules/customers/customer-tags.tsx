import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LifecycleStatus } from '../../../shared/customers';
import { STATUS_COLORS } from './customer-labels';

/** The lifecycle status as a coloured tag (潜在客户 grey … 流失客户 red, 挽回客户 purple). */
export function LifecycleTag({ status }: { status: LifecycleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="customer-status" style={{ marginInlineEnd: 0 }}>
      {t(`customers.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** 个人 / 单位 with its icon. */
export function KindTag({ kind }: { kind: 'individual' | 'organization' }) {
  const { t } = useTranslation();
  return (
    <Tag icon={kind === 'organization' ? <BankOutlined /> : <UserOutlined />} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`customers.kind.${kind}`)}
    </Tag>
  );
}
