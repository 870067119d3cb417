import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TextHit } from './scripts-types';

/**
 * The forbidden phrases found in a reply, each with the wording to use instead. A blocking
 * phrase turns the alert red (the reply cannot be sent); warnings alone are amber.
 */
export function TextCheckAlert({ hits }: { hits: TextHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return null;
  const blocked = hits.some((h) => h.severity === 'block');
  // one line per phrase, however often it occurs
  const unique = [...new Map(hits.map((h) => [h.phrase, h])).values()];
  return (
    <Alert
      type={blocked ? 'error' : 'warning'}
      showIcon
      data-testid="text-check-alert"
      title={blocked ? t('scripts.checkBlocked') : t('scripts.checkWarn', { count: hits.length })}
      description={
        <Space direction="vertical" size={2}>
          {unique.map((h) => (
            <span key={h.phrase}>
              <Tag color={h.severity === 'block' ? 'red' : 'orange'}>{t(`scripts.severities.${h.severity}`)}</Tag>
              <Typography.Text strong>{t('scripts.hitLine', { phrase: h.phrase })}</Typography.Text>{' '}
              <Typography.Text type="secondary">{h.suggestion ? t('scripts.suggestLine', { suggestion: h.suggestion }) : t('scripts.noSuggestion')}</Typography.Text>
            </span>
          ))}
        </Space>
      }
    />
  );
}
