import { Card, Checkbox, Col, Row, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupPermissions } from './permission-groups';

type Props = { catalogue: string[]; value?: string[]; onChange?: (v: string[]) => void; disabled?: boolean };

/** Permissions as grouped checkboxes, each group with a select-all box; a form control. */
export function PermissionPicker({ catalogue, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // Keep catalogue order so the saved list is stable.
    onChange?.(catalogue.filter((c) => next.has(c)));
  };

  return (
    <Row gutter={[16, 16]}>
      {groupPermissions(catalogue).map((g) => {
        const count = g.codes.filter((c) => chosen.has(c)).length;
        return (
          <Col key={g.key} xs={24} md={12} xxl={8}>
            <Card
              size="small"
              title={
                <Checkbox
                  checked={count === g.codes.length}
                  indeterminate={count > 0 && count < g.codes.length}
                  disabled={disabled}
                  onChange={(e) => set(g.codes, e.target.checked)}
                  data-testid={`perm-group-${g.key}`}
                >
                  {t(`org.roles.groups.${g.key}`)}
                </Checkbox>
              }
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {count}/{g.codes.length}
                </Typography.Text>
              }
              style={{ height: '100%' }}
            >
              {g.codes.map((code) => (
                <div key={code} style={{ padding: '3px 0' }}>
                  <Checkbox checked={chosen.has(code)} disabled={disabled} onChange={(e) => set([code], e.target.checked)} data-testid={`perm-${code}`}>
                    <Tooltip title={code} placement="right" mouseEnterDelay={0.6}>
                      <span>{t(`permissions.${code}`, { defaultValue: code })}</span>
                    </Tooltip>
                  </Checkbox>
                </div>
              ))}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
