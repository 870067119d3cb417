import { ExportOutlined } from '@ant-design/icons';
import { Alert, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { KindTag } from './customer-tags';
import type { DuplicateCandidate } from './customer-types';

/**
 * Existing customers that may be the one being entered: name (opens in a new tab, so the form
 * is not lost), kind, owner, since when, and why they matched (同手机 / 同邮箱 / 同信用代码 / …).
 */
export function DuplicateList({ candidates }: { candidates: DuplicateCandidate[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={candidates}
      data-testid="duplicate-candidates"
      renderItem={(c) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space size={8} wrap>
              <Typography.Link href={`/customers/${c.id}`} target="_blank" rel="noopener" strong>
                {c.name} <ExportOutlined style={{ fontSize: 11 }} />
              </Typography.Link>
              <KindTag kind={c.kind} />
              {c.reasons.map((r) => (
                <Tag key={r} color="orange" style={{ marginInlineEnd: 0 }}>
                  {t(`customers.duplicateReason.${r}`, { defaultValue: r })}
                </Tag>
              ))}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customers.duplicates.ownerAndDate', { owner: c.ownerName ?? t('customers.unassigned'), date: formatDate(c.createdAt) })}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The inline warning shown while typing, once a name, phone, e-mail, credit code or ID number matches. */
export function DuplicateAlert({ candidates, checking }: { candidates: DuplicateCandidate[]; checking?: boolean }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      id="customer-duplicate-warning"
      data-testid="duplicate-warning"
      style={{ marginBottom: 16, opacity: checking ? 0.6 : 1 }}
      title={t('customers.duplicates.inlineTitle', { count: candidates.length })}
      description={
        <>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('customers.duplicates.inlineHint')}
          </Typography.Text>
          <DuplicateList candidates={candidates} />
        </>
      }
    />
  );
}
