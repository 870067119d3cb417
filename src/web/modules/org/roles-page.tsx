import { LockOutlined, PlusOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Menu, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../ui/page-card';
import { usePermissionCatalogue, useRoles } from './org-queries';
import type { Role } from './org-types';
import { RoleEditor, type RoleDraft } from './role-editor';

/** 角色与权限: the roles on the left, the selected role's permissions, scopes and field rules on the right. */
export default function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const [selection, setSelection] = useState<{ id: string } | { draft: Partial<Role>; seq: number } | null>(null);
  const list = useMemo(() => roles.data ?? [], [roles.data]);

  const target: RoleDraft | null = useMemo(() => {
    if (selection && 'draft' in selection) return { draft: selection.draft };
    const role = (selection ? list.find((r) => r.id === selection.id) : undefined) ?? list[0];
    return role ? { role } : null;
  }, [selection, list]);
  const selectedKey = target && 'role' in target ? target.role.id : 'new';

  const startNew = (from?: Role) =>
    setSelection({
      seq: Date.now(),
      draft: from
        ? { ...from, id: undefined, code: `${from.code.slice(0, 27)}_copy`, name: t('org.roles.copyName', { name: from.name }), isSystem: false }
        : { permissions: [], scopes: {}, fieldRules: {} },
    });

  if (roles.error || catalogue.error) {
    return <Result status="error" title={t('org.loadFailed')} subTitle={((roles.error ?? catalogue.error) as Error).message} />;
  }

  return (
    <PageCard
      title={t('org.roles.title')}
      description={t('org.roles.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => startNew()} data-testid="role-create">
          {t('org.roles.create')}
        </Button>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={6}>
          <Card size="small" styles={{ body: { padding: 4 } }}>
            {roles.isLoading ? (
              <Skeleton active style={{ padding: 12 }} />
            ) : list.length === 0 && !(selection && 'draft' in selection) ? (
              <Empty description={t('org.roles.empty')} style={{ padding: 24 }} />
            ) : (
              <Menu
                mode="inline"
                style={{ borderInlineEnd: 0 }}
                selectedKeys={[selectedKey]}
                onClick={(e) => e.key !== 'new' && setSelection({ id: e.key })}
                data-testid="roles-list"
                items={[
                  ...list.map((r) => ({
                    key: r.id,
                    icon: r.isSystem ? <LockOutlined /> : <SafetyCertificateOutlined />,
                    label: (
                      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                        <span>{r.name}</span>
                        {typeof r.userCount === 'number' && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            <TeamOutlined /> {r.userCount}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  })),
                  ...(selection && 'draft' in selection ? [{ key: 'new', icon: <PlusOutlined />, label: <Tag color="processing">{t('org.roles.newRole')}</Tag> }] : []),
                ]}
              />
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
            {t('org.roles.mergeHint')}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={18}>
          {catalogue.isLoading || roles.isLoading ? (
            <Card>
              <Skeleton active paragraph={{ rows: 10 }} />
            </Card>
          ) : target && catalogue.data ? (
            <RoleEditor
              key={'role' in target ? `${target.role.id}:${target.role.version}` : `new:${(selection as { seq: number }).seq}`}
              target={target}
              catalogue={catalogue.data}
              onSaved={(r) => setSelection({ id: r.id })}
              onDeleted={() => setSelection(null)}
              onCopy={(r) => startNew(r)}
            />
          ) : (
            <Card>
              <Empty description={t('org.roles.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </PageCard>
  );
}
