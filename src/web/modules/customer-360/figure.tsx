import { QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Statistic, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/** A key figure with its formula one hover away (metric definitions are shown next to the figure). */
export const Figure = ({ title, hint, value, danger, testId }: { title: ReactNode; hint?: string; value: string; danger?: boolean; testId: string }) => (
  <Statistic
    title={
      <Space size={4}>
        {title}
        {hint && (
          <Tooltip title={hint}>
            <QuestionCircleOutlined style={{ fontSize: 12 }} />
          </Tooltip>
        )}
      </Space>
    }
    value={value}
    styles={{ content: { fontSize: 20, fontWeight: 600, color: danger ? '#cf1322' : undefined } }}
    data-testid={testId}
  />
);
