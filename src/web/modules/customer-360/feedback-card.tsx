import { MessageOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMinute } from './labels';
import { kindStyle } from './timeline-kinds';
import type { FeedbackEntry } from './types';

/**
 * §2.4 feedback: complaints, suggestions and satisfaction as they arrive through tickets and
 * surveys — derived from those records, never typed twice.
 */
export function FeedbackCard({ feedback }: { feedback: FeedbackEntry[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<><MessageOutlined /> {t('customer360.feedback.title')}</>} data-testid="c360-feedback">
      {feedback.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={{ display: 'inline-block', maxWidth: 300 }}>{t('customer360.feedback.empty')}</span>} />
      ) : (
        <List
          size="small"
          dataSource={feedback}
          renderItem={(f) => {
            const style = kindStyle(f.kind);
            return (
              <List.Item style={{ paddingInline: 0 }}>
                <Space align="start">
                  <span style={{ color: style.color }}>{style.icon}</span>
                  <div>
                    <Typography.Text>{f.title || t(`customer360.kinds.${f.kind}`)}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`customer360.kinds.${f.kind}`)} · {formatMinute(f.at)}
                      </Typography.Text>
                    </div>
                  </div>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
