import Fastify from 'fastify';
import pg from 'pg';

/**
 * Raw baselines: Fastify + one parameterized SELECT per request on the same pool size, no
 * authentication, no presenter. `raw`: a plain select of one user row; `raw-same`: the very
 * statement Kefu's read sends. Kefu's authenticated read is measured against both.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.get('/nodb', async () => ({ ok: true }));
app.get<{ Params: { id: string } }>('/raw/users/:id', async (req, reply) => {
  const { rows } = await pool.query('SELECT id, username, display_name, phone, department_id, status, version FROM users WHERE org_id = $1 AND id = $2', [
    process.env.BENCH_ORG_ID,
    req.params.id,
  ]);
  if (!rows[0]) return reply.code(404).send({ error: 'not found' });
  return rows[0];
});
// The statement Kefu's users-by-id read sends (department, position and roles in one query),
// prepared as Kefu prepares it: the baseline for Kefu's own overhead on the same database work.
const SAME_SQL = `select users.org_id, users.id, users.username, users.display_name, users.email, users.phone, users.department_id,
  users.position_id, users.status, users.skills, users.locale, users.password_changed_at, users.totp_enabled, users.last_login_at,
  users.version, users.created_at, users.updated_at, d.name as department_name, p.name as position_name,
  coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name) ORDER BY r.code)
    FROM user_roles ur JOIN roles r ON r.org_id = ur.org_id AND r.id = ur.role_id
    WHERE ur.org_id = users.org_id AND ur.user_id = users.id), '[]'::json) as roles
  from users
  left join departments d on d.org_id = users.org_id and d.id = users.department_id
  left join positions p on p.org_id = users.org_id and p.id = users.position_id
  where users.org_id = $1 and users.id = $2`;
app.get<{ Params: { id: string } }>('/raw-same/users/:id', async (req, reply) => {
  const { rows } = await pool.query({ name: 'users-by-id', text: SAME_SQL, values: [process.env.BENCH_ORG_ID, req.params.id] });
  if (!rows[0]) return reply.code(404).send({ error: 'not found' });
  return rows[0];
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
