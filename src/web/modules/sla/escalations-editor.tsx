import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { METRICS } from './sla-types';

export type Option = { value: string; label: string };

/**
 * The escalation rules of a policy: when (warning or breach, of one metric or any), and what
 * (notify people, reassign, raise the priority). Each action shows only the fields it takes.
 */
export function EscalationsEditor({ users, teams }: { users: Option[]; teams: Option[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="escalations">
      {(rows, { add, remove }) => (
        <>
          {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.escalations.empty')} style={{ margin: '8px 0' }} />}
          {rows.map((row, i) => (
            <Card
              key={row.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={<Typography.Text type="secondary">{t('sla.escalations.rule', { n: i + 1 })}</Typography.Text>}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} data-testid={`sla-escalation-remove-${i}`} />}
            >
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item name={[row.name, 'on']} label={t('sla.escalations.on')} rules={[{ required: true, message: t('sla.escalations.onRequired') }]}>
                    <Select options={(['warning', 'breach'] as const).map((k) => ({ value: k, label: t(`sla.kind.${k}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[row.name, 'metric']} label={t('sla.escalations.metric')}>
                    <Select allowClear placeholder={t('sla.escalations.anyMetric')} options={METRICS.map((m) => ({ value: m, label: t(`sla.metric.${m}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[row.name, 'action']} label={t('sla.escalations.action')} rules={[{ required: true, message: t('sla.escalations.actionRequired') }]}>
                    <Select options={(['notify', 'reassign', 'raise_priority'] as const).map((a) => ({ value: a, label: t(`sla.action.${a}`) }))} data-testid={`sla-escalation-action-${i}`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item noStyle shouldUpdate={(a, b) => a.escalations?.[i]?.action !== b.escalations?.[i]?.action}>
                {() => {
                  const action = form.getFieldValue(['escalations', row.name, 'action']);
                  if (action === 'notify') {
                    return (
                      <Form.Item name={[row.name, 'userIds']} label={t('sla.escalations.users')} extra={t('sla.escalations.usersHelp')}>
                        <Select mode="multiple" allowClear options={users} showSearch={{ optionFilterProp: 'label' }} placeholder={t('sla.escalations.usersPlaceholder')} />
                      </Form.Item>
                    );
                  }
                  if (action === 'reassign') {
                    const needOne = ({ getFieldValue }: { getFieldValue: (n: (string | number)[]) => unknown }) => ({
                      validator: () =>
                        getFieldValue(['escalations', row.name, 'teamId']) || getFieldValue(['escalations', row.name, 'assigneeId'])
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('sla.escalations.reassignRequired'))),
                    });
                    return (
                      <Row gutter={8}>
                        <Col span={12}>
                          <Form.Item name={[row.name, 'teamId']} label={t('sla.escalations.team')} dependencies={[['escalations', row.name, 'assigneeId']]} rules={[needOne]}>
                            <Select allowClear options={teams} showSearch={{ optionFilterProp: 'label' }} />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item name={[row.name, 'assigneeId']} label={t('sla.escalations.assignee')}>
                            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={users} />
                          </Form.Item>
                        </Col>
                      </Row>
                    );
                  }
                  return action === 'raise_priority' ? <Typography.Text type="secondary">{t('sla.escalations.raiseHelp')}</Typography.Text> : null;
                }}
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ on: 'breach', action: 'notify' })} data-testid="sla-escalation-add">
            {t('sla.escalations.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
