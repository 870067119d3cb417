import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The standard frame of an admin page: title, one-line explanation, actions on the right. */
export function PageCard({ title, description, extra, children }: { title: ReactNode; description?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      title={
        // antd keeps card titles on one line; a long explanation wraps instead of being cut off
        <div style={{ padding: '8px 0', whiteSpace: 'normal' }}>
          <div>{title}</div>
          {description && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {description}
            </Typography.Text>
          )}
        </div>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}
