import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A participant's name (`contacts`, `orders`, `tickets` …) as people read it. */
export function useParticipantLabel() {
  const { t, i18n } = useTranslation();
  return (name: string) => (i18n.exists(`customerData.related.${name}`) ? t(`customerData.related.${name}`) : name);
}

/** "联系人 3 · 订单 2": what a merge moved (or will move), zero counts left out. */
export function MovedSummary({ moved }: { moved: Record<string, number | null> }) {
  const { t } = useTranslation();
  const label = useParticipantLabel();
  const entries = Object.entries(moved).filter(([, n]) => n !== 0);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('customerData.merge.nothingMoved')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {entries.map(([name, n]) => (
        <Tag key={name} color="blue">
          {label(name)} {n ?? '?'}
        </Tag>
      ))}
    </Space>
  );
}
