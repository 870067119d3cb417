import { ApartmentOutlined, AuditOutlined, ExclamationCircleOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { countUpTo, fetchAll } from '../../ui/fetch-all';

type Figure = { value: number; more?: boolean; sub?: string; /** Overrides the card's colour (e.g. green when nothing needs attention). */ color?: string };

// A figure whose endpoint is missing or refused (403/404) hides its card instead of erroring.
async function orHidden(load: () => Promise<Figure>): Promise<Figure | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

type StatDef = { key: string; permission: string[]; icon: ReactNode; color: string; to: string; load: () => Promise<Figure> };

function StatCard({ def, title, hint }: { def: StatDef; title: string; hint: string }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['home-stat', def.key], queryFn: () => orHidden(def.load), staleTime: 30_000 });
  if (q.data === null) return null;
  const color = q.data?.color ?? def.color;
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card hoverable loading={q.isLoading} onClick={() => navigate(def.to)} data-testid={`home-stat-${def.key}`} styles={{ body: { padding: 20 } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <div style={{ width: 48, height: 48, borderRadius: 12, background: `${color}1a`, color, display: 'grid', placeItems: 'center', fontSize: 22 }}>{def.icon}</div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Tooltip title={hint}>
              <Typography.Text type="secondary">{title}</Typography.Text>
            </Tooltip>
            {q.error ? (
              <div>
                <Typography.Text type="danger">{t('home.stats.unavailable')}</Typography.Text>
              </div>
            ) : (
              <Statistic value={q.data?.value ?? 0} suffix={q.data?.more ? '+' : undefined} styles={{ content: { fontSize: 26, fontWeight: 600 } }} />
            )}
            {q.data?.sub && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {q.data.sub}
              </Typography.Text>
            )}
          </div>
        </div>
      </Card>
    </Col>
  );
}

/** Small figures for administrators: users, departments, jobs needing attention, audit entries today. */
export function StatCards() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const defs: StatDef[] = [
    {
      key: 'users',
      permission: ['org.users.read', 'org.users.manage'],
      icon: <UserOutlined />,
      color: '#1677ff',
      to: '/admin/users',
      load: async () => {
        const [all, active] = await Promise.all([countUpTo('/users'), countUpTo('/users', { status: 'active' })]);
        return { value: all.count, more: all.more, sub: t('home.stats.usersActive', { count: active.count, more: active.more ? '+' : '' }) };
      },
    },
    {
      key: 'departments',
      permission: ['org.departments.read', 'org.departments.manage'],
      icon: <ApartmentOutlined />,
      color: '#13c2c2',
      to: '/admin/departments',
      load: async () => {
        const list = await fetchAll<{ parentId: string | null }>('/departments');
        return { value: list.length, sub: t('home.stats.topLevel', { count: list.filter((d) => !d.parentId).length }) };
      },
    },
    {
      key: 'jobs',
      permission: ['jobs.read'],
      icon: <ExclamationCircleOutlined />,
      color: '#fa541c',
      to: '/admin/jobs',
      load: async () => {
        const stats = await api<{ counts: Record<string, number> }>('/jobs/stats');
        const value = (stats.counts.failed ?? 0) + (stats.counts.dead ?? 0);
        return { value, color: value === 0 ? '#52c41a' : undefined, sub: t('home.stats.jobsSplit', { failed: stats.counts.failed ?? 0, dead: stats.counts.dead ?? 0 }) };
      },
    },
    {
      key: 'audit',
      permission: ['audit.read'],
      icon: <AuditOutlined />,
      color: '#722ed1',
      to: '/admin/audit',
      load: async () => {
        const r = await countUpTo('/audit', { from: dayjs().startOf('day').toISOString() });
        return { value: r.count, more: r.more, sub: t('home.stats.since', { time: dayjs().startOf('day').format('MM-DD HH:mm') }) };
      },
    },
  ].filter((d) => d.permission.some(can));
  if (defs.length === 0) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {defs.map((d) => (
        <StatCard key={d.key} def={d} title={t(`home.stats.${d.key}`)} hint={t(`home.stats.${d.key}Hint`)} />
      ))}
    </Row>
  );
}
