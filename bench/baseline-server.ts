import Fastify from 'fastify';
import pg from 'pg';

/**
 * The raw baseline: Fastify + one parameterized SELECT per request on the same pool size,
 * no authentication, no presenter. Kefu's authenticated read is measured against it.
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
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
