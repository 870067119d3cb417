/**
 * Service-desk data for `npm run bench:tickets`: one organization's service desk on top of the
 * customer file of bench/customer-data.ts.
 *
 * - Staff: BENCH_AGENTS agents (default 400) in four service departments, all with one role
 *   (tickets read/create/update, customers read; data scope 本人 on tickets and customers);
 *   20 teams of ~20 members (capacity 1,000), one team per ticket type × channel group, so every
 *   new ticket has exactly one default team; load-balanced and round-robin strategies.
 * - A 5×8 business calendar and three SLA policies (complaints, urgent/high, everything else).
 * - Tickets, in one set-based INSERT … SELECT over generate_series (no row leaves the database):
 *   created over the last two years in id order (ids are UUID v7 of created_at); ~20 % open
 *   (most of the recent ones, and a long tail of pending / on-hold work), the rest resolved or
 *   closed; types, channels, priorities and tags with skewed distributions; a customer for 95 %
 *   (uniform over the customer file, tier from the customer's class as the app derives it), a
 *   requester name and phone for the rest; the team its type and channel route to; 85 % of open
 *   tickets held by a member of that team (the assignee's department copied, as routing does),
 *   15 % waiting in the team's queue; SLA policy, due times and state; search tokens as
 *   `ticketTokens` makes them (number, subject words, tags).
 * - Status history for every open ticket, as the app writes it: null → new at creation, then
 *   new → open at the first response, then open → pending / on_hold.
 *
 * Secondary indexes are dropped during the load and re-created from their own definitions;
 * foreign-key triggers are skipped (rows are consistent by construction), then VACUUM ANALYZE.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { DB } from '../src/server/platform/db-schema.js';
import { uuidv7 } from '../src/server/platform/ids.js';
import { textTokens } from '../src/server/platform/text-tokens.js';
import { chineseName, mobile, rng } from './generate.js';

export const TYPES = ['inquiry', 'complaint', 'after_sales', 'value_added', 'suggestion'] as const;
/** Channel groups: one team per type × group. */
export const CHANNEL_GROUPS = [['phone'], ['email', 'web_form', 'portal'], ['chat', 'wechat', 'wecom'], ['api', 'agent', 'onsite']] as const;
const DEPARTMENTS = ['客服一部', '客服二部', '售后服务部', '投诉处理部'];
const TYPE_NAMES: Record<(typeof TYPES)[number], string> = { inquiry: '咨询', complaint: '投诉', after_sales: '售后', value_added: '增值服务', suggestion: '建议' };
const GROUP_NAMES = ['热线', '邮件与网页', '在线与微信', '坐席与接口'];

/** Subjects by type; the search tokens of each are computed once with the app's tokenizer. */
const SUBJECTS: Record<(typeof TYPES)[number], string[]> = {
  inquiry: ['咨询产品保修期限', '询问发票开具进度', '咨询会员积分规则', '询问订单发货时间', '咨询套餐资费', '询问门店营业时间', '咨询企业采购优惠'],
  complaint: ['投诉快递延误三天', '投诉客服态度差', '投诉收到商品破损', '投诉重复扣费', '投诉安装师傅迟到', '投诉退款未到账'],
  after_sales: ['空调不制冷需要上门维修', '洗衣机安装预约', '申请七天无理由退货', '换货：尺码不合适', '热水器漏水维修', '电视屏幕出现亮线'],
  value_added: ['申请延长保修服务', '预约深度清洗服务', '开通上门安装增值包', '购买以旧换新服务'],
  suggestion: ['建议增加夜间客服', '建议优化手机应用界面', '建议增加自提点', '建议简化退货流程'],
};
const TAGS = ['加急', '回访', '重复来电', '媒体曝光风险', '大客户', '批量问题', '待配件'];

export type ServiceDesk = {
  agents: { id: string; departmentId: string; teamId: string }[];
  teams: { id: string; name: string; type: string; channels: readonly string[]; members: string[] }[];
  roleId: string;
  policyIds: string[];
};

/** Departments, agents, their role, teams and members, a calendar and SLA policies. */
export async function createServiceDesk(db: Kysely<DB>, orgId: string, rootDeptId: string, agentCount: number): Promise<ServiceDesk> {
  const root = await db.selectFrom('departments').select('path').where('org_id', '=', orgId).where('id', '=', rootDeptId).executeTakeFirstOrThrow();
  const departments = DEPARTMENTS.map((name, i) => ({ id: uuidv7(), name, code: `DESK${i + 1}` }));
  await db
    .insertInto('departments')
    .values(departments.map((d) => ({ org_id: orgId, id: d.id, parent_id: rootDeptId, name: d.name, code: d.code, path: `${root.path}${d.id}/` })))
    .execute();
  const r = rng(29);
  const teamCount = TYPES.length * CHANNEL_GROUPS.length;
  const teams = Array.from({ length: teamCount }, (_, i) => {
    const type = TYPES[i % TYPES.length];
    const group = Math.floor(i / TYPES.length);
    return { id: uuidv7(), name: `${TYPE_NAMES[type]}·${GROUP_NAMES[group]}组`, type, channels: CHANNEL_GROUPS[group], members: [] as string[] };
  });
  const users = Array.from({ length: agentCount }, (_, i) => ({
    org_id: orgId,
    id: uuidv7(),
    username: `agent${String(i + 1).padStart(4, '0')}`,
    display_name: chineseName(r),
    phone: `+86${mobile(r)}`,
    department_id: departments[i % departments.length].id,
    skills: JSON.stringify([]),
    password_hash: null,
  }));
  for (let i = 0; i < users.length; i += 500) await db.insertInto('users').values(users.slice(i, i + 500)).execute();
  const roleId = uuidv7();
  await db
    .insertInto('roles')
    .values({
      org_id: orgId,
      id: roleId,
      code: 'bench_desk_agent',
      name: '压测客服坐席（本人）',
      permissions: ['tickets.read', 'tickets.create', 'tickets.update', 'customers.read'],
      scopes: JSON.stringify({ customers: 'self', tickets: 'self' }),
      field_rules: JSON.stringify({ phone: 'mask', email: 'mask', address: 'mask', id_number: 'hide' }),
    })
    .execute();
  await db.insertInto('user_roles').values(users.map((u) => ({ org_id: orgId, user_id: u.id, role_id: roleId }))).execute();
  const now = new Date();
  await db
    .insertInto('teams')
    .values(
      teams.map((t, i) => ({
        org_id: orgId,
        id: t.id,
        name: t.name,
        strategy: i % 2 === 0 ? ('load_balanced' as const) : ('round_robin' as const),
        ticket_types: [t.type],
        channels: [...t.channels],
        created_at: new Date(now.getTime() - (teamCount - i) * 1000),
      })),
    )
    .execute();
  const agents = users.map((u, i) => {
    const team = teams[i % teamCount];
    team.members.push(u.id);
    return { id: u.id, departmentId: u.department_id, teamId: team.id };
  });
  await db
    .insertInto('team_members')
    .values(agents.map((a) => ({ org_id: orgId, team_id: a.teamId, user_id: a.id, capacity: 1000, last_assigned_at: null })))
    .execute();
  const calendarId = uuidv7();
  const weekdays = JSON.stringify(Array.from({ length: 7 }, (_, d) => (d === 0 || d === 6 ? [] : [{ start: '09:00', end: '18:00' }])));
  await db.insertInto('calendars').values({ org_id: orgId, id: calendarId, name: '工作日 9:00–18:00', weekly_hours: weekdays }).execute();
  const policies = [
    { name: '投诉', ticket_types: ['complaint'], priorities: [] as string[], first: 60, resolution: 1440 },
    { name: '紧急与高优先级', ticket_types: [] as string[], priorities: ['urgent', 'high'], first: 30, resolution: 480 },
    { name: '标准', ticket_types: [] as string[], priorities: [] as string[], first: 240, resolution: 2880 },
  ];
  const policyIds = policies.map(() => uuidv7());
  await db
    .insertInto('sla_policies')
    .values(
      policies.map((p, i) => ({
        org_id: orgId,
        id: policyIds[i],
        name: p.name,
        position: i,
        ticket_types: p.ticket_types,
        priorities: p.priorities,
        calendar_id: calendarId,
        first_response_minutes: p.first,
        resolution_minutes: p.resolution,
        escalations: '[]',
      })),
    )
    .execute();
  return { agents, teams, roleId, policyIds };
}

/** Secondary indexes of a table (not those behind a constraint), with their definitions. */
async function secondaryIndexes(client: pg.ClientBase, table: string): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  return rows;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (list: readonly string[]) => `ARRAY[${list.map(lit).join(',')}]::text[]`;

export type TicketLoadTimings = { tickets: number; open: number; history: number; insertMs: number; historyMs: number; indexMs: number; vacuumAnalyzeMs: number; totalMs: number };

/**
 * Loads `count` tickets (and the status history of the open ones) set-based, with the secondary
 * indexes dropped meanwhile. Customers must be loaded first.
 */
export async function loadTickets(client: pg.ClientBase, orgId: string, desk: ServiceDesk, count: number): Promise<TicketLoadTimings> {
  const t0 = Date.now();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET session_replication_role = replica`);
  const indexes = [...(await secondaryIndexes(client, 'tickets')), ...(await secondaryIndexes(client, 'ticket_status_history'))];
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);

  // Lookup tables: customers by row number, teams by type × channel, members by team and slot.
  await client.query(`CREATE TEMP TABLE bench_cust AS
    SELECT (row_number() OVER (ORDER BY id))::int AS rn, id, CASE WHEN class_management = 'top' THEN 'vip' ELSE 'ordinary' END AS tier
    FROM customers WHERE org_id = $1`, [orgId]);
  await client.query('ALTER TABLE bench_cust ADD PRIMARY KEY (rn)');
  const customers = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_cust')).rows[0].n);
  if (customers === 0) throw new Error('no customers to give tickets to');
  await client.query('CREATE TEMP TABLE bench_team (type text, channel text, team_id uuid, size int, PRIMARY KEY (type, channel))');
  await client.query('CREATE TEMP TABLE bench_member (team_id uuid, k int, user_id uuid, department_id uuid, PRIMARY KEY (team_id, k))');
  for (const team of desk.teams) {
    for (const channel of team.channels) await client.query('INSERT INTO bench_team VALUES ($1, $2, $3, $4)', [team.type, channel, team.id, team.members.length]);
    const rows = team.members.map((id, k) => ({ k, id, dept: desk.agents.find((a) => a.id === id)!.departmentId }));
    await client.query(
      'INSERT INTO bench_member SELECT $1, k, u, d FROM unnest($2::int[], $3::uuid[], $4::uuid[]) AS x(k, u, d)',
      [team.id, rows.map((x) => x.k), rows.map((x) => x.id), rows.map((x) => x.dept)],
    );
  }
  // Subject templates with their tokens (what `ticketTokens` adds besides the number and tags).
  const subjects = TYPES.flatMap((type) => SUBJECTS[type].map((s, i) => ({ type, i, s, tokens: textTokens(s, null) })));
  await client.query('CREATE TEMP TABLE bench_subject (type text, i int, subject text, tokens text[], PRIMARY KEY (type, i))');
  for (const s of subjects) await client.query('INSERT INTO bench_subject VALUES ($1, $2, $3, $4)', [s.type, s.i, s.s, s.tokens]);
  const subjectCount = Object.fromEntries(TYPES.map((t) => [t, SUBJECTS[t].length]));
  const [complaintPolicy, urgentPolicy, standardPolicy] = desk.policyIds;

  await client.query('SELECT setseed(0.2026)');
  const inserted = await client.query(
    `WITH g AS (
       SELECT g, random() AS r_status, random() AS r_type, random() AS r_chan, random() AS r_cust, random() AS r_pri,
         random() AS r_asg, random() AS r_slot, random() AS r_sub, random() AS r_tag, random() AS r_time, random() AS r_sla,
         -- created over two years in id order; the most recent 15 % are mostly still open
         now() - ((${count} - g)::float8 / ${count}) * interval '730 days' - random() * interval '30 minutes' AS created_at,
         g > ${count} * 0.85 AS recent
       FROM generate_series(1, ${count}) g
     ), s AS (
       SELECT g.*,
         CASE WHEN (recent AND r_status < 0.9) OR (NOT recent AND r_status < 0.075)
           THEN (ARRAY['new','open','open','open','pending','pending','pending','on_hold','on_hold','open'])[1 + floor(r_time * 10)::int]
           ELSE CASE WHEN r_status > 0.97 OR (recent AND r_status > 0.95) THEN 'resolved' ELSE 'closed' END END AS status,
         CASE WHEN r_type < 0.45 THEN 'inquiry' WHEN r_type < 0.6 THEN 'complaint' WHEN r_type < 0.88 THEN 'after_sales' WHEN r_type < 0.95 THEN 'value_added' ELSE 'suggestion' END AS type,
         (ARRAY['phone','phone','phone','phone','email','email','web_form','portal','chat','chat','wechat','wechat','wecom','api','agent','onsite'])[1 + floor(r_chan * 16)::int] AS channel,
         CASE WHEN r_pri < 0.15 THEN 'low' WHEN r_pri < 0.75 THEN 'normal' WHEN r_pri < 0.95 THEN 'high' ELSE 'urgent' END AS priority
       FROM g
     ), t AS (
       SELECT s.*, bt.team_id, bt.size, c.id AS customer_id, c.tier,
         s.status IN ('new','open','pending','on_hold') AS is_open,
         -- open: 85 % held by a member of the team, 15 % waiting in its queue; solved: always held
         CASE WHEN s.status = 'new' OR (s.status IN ('open','pending','on_hold') AND r_asg < 0.15) THEN NULL ELSE floor(r_slot * bt.size)::int END AS slot,
         least(now(), created_at + (5 + r_sla * r_sla * 600) * interval '1 minute') AS first_reply,
         least(now(), created_at + (30 + r_time * r_time * 7200) * interval '1 minute') AS solved_at
       FROM s
       JOIN bench_team bt ON bt.type = s.type AND bt.channel = s.channel
       LEFT JOIN bench_cust c ON r_cust < 0.95 AND c.rn = 1 + floor((r_cust / 0.95) * ${customers})::int
     )
     INSERT INTO tickets (org_id, id, number, type, subtype, subject, description, channel, status, priority, customer_id,
       requester_name, requester_phone, customer_tier, team_id, assignee_id, department_id, queued_at, tags, search_tokens,
       sla_policy_id, first_response_due_at, resolution_due_at, sla_state, sla_next_check_at, first_response_at,
       last_customer_message_at, last_agent_reply_at, resolved_at, closed_at, satisfaction, created_by, version, created_at, updated_at)
     SELECT '${orgId}'::uuid,
       (lpad(to_hex(floor(extract(epoch FROM t.created_at) * 1000)::bigint), 12, '0') || '7' || substr(md5(t.g::text), 1, 3) || '8' || substr(md5(t.g::text), 4, 15))::uuid,
       10000 + t.g, t.type,
       CASE WHEN t.type = 'after_sales' THEN (ARRAY['install','repair','return','exchange'])[1 + floor(t.r_sub * 4)::int] END,
       bs.subject, '客户来电反映：' || bs.subject || '，请尽快处理。', t.channel, t.status, t.priority, t.customer_id,
       CASE WHEN t.customer_id IS NULL THEN '访客' || t.g END,
       CASE WHEN t.customer_id IS NULL THEN '1' || (3 + floor(t.r_sub * 7)::int) || lpad((t.g::bigint * 7919 % 1000000000)::text, 9, '0') END,
       t.tier, t.team_id, m.user_id, m.department_id,
       CASE WHEN t.is_open AND m.user_id IS NULL THEN t.created_at END,
       tg.tags,
       ARRAY[(10000 + t.g)::text] || bs.tokens || tg.tags,
       CASE WHEN t.type = 'complaint' THEN '${complaintPolicy}'::uuid WHEN t.priority IN ('urgent','high') THEN '${urgentPolicy}'::uuid ELSE '${standardPolicy}'::uuid END,
       t.created_at + interval '4 hours', t.created_at + interval '3 days',
       CASE WHEN NOT t.is_open THEN CASE WHEN t.r_sla < 0.9 THEN 'met' ELSE 'breached' END
            WHEN t.status IN ('pending','on_hold') THEN 'paused'
            WHEN t.created_at < now() - interval '3 days' THEN 'breached'
            WHEN t.r_sla < 0.15 THEN 'warning' ELSE 'ok' END,
       -- the next warning or breach lies ahead (the SLA scan is measured by bench/sla.ts)
       CASE WHEN t.is_open AND t.status NOT IN ('pending','on_hold') AND t.created_at >= now() - interval '3 days'
            THEN now() + (1 + t.r_sla * 2880) * interval '1 minute' END,
       CASE WHEN t.status <> 'new' THEN t.first_reply END,
       t.created_at,
       CASE WHEN t.status <> 'new' THEN t.first_reply END,
       CASE WHEN NOT t.is_open THEN t.solved_at END,
       CASE WHEN t.status = 'closed' THEN t.solved_at END,
       CASE WHEN t.status = 'closed' AND t.r_tag < 0.4 THEN 3 + floor(t.r_sla * 3)::int END,
       m.user_id, 1 + floor(t.r_time * 6)::int, t.created_at,
       -- open: last touched after the first reply (or creation), before now
       CASE WHEN t.is_open THEN least(now(), greatest(CASE WHEN t.status <> 'new' THEN t.first_reply ELSE t.created_at END, t.created_at + t.r_time * (now() - t.created_at)))
            ELSE t.solved_at END
     FROM t
     JOIN bench_subject bs ON bs.type = t.type AND bs.i = floor(t.r_sub * (CASE t.type ${TYPES.map((ty) => `WHEN ${lit(ty)} THEN ${subjectCount[ty]}`).join(' ')} END))::int
     LEFT JOIN bench_member m ON m.team_id = t.team_id AND m.k = t.slot
     CROSS JOIN LATERAL (SELECT CASE WHEN t.r_tag < 0.7 THEN '{}'::text[] WHEN t.r_tag < 0.95 THEN ARRAY[(${arr(TAGS)})[1 + floor(t.r_tag * 97)::int % ${TAGS.length}]]
       ELSE ARRAY[(${arr(TAGS)})[1 + floor(t.r_tag * 97)::int % ${TAGS.length}], '加急'] END AS tags) tg`,
  );
  await client.query(`SELECT setval('ticket_number_seq', ${10000 + count})`);
  const t1 = Date.now();
  // Status history of the open tickets: created as new, opened at the first reply, then parked.
  const history = await client.query(
    `WITH ins AS (INSERT INTO ticket_status_history (org_id, id, ticket_id, from_status, to_status, reason, actor_id, at)
       SELECT t.org_id, gen_random_uuid(), t.id, h.from_status, h.to_status, '', h.actor, h.at
       FROM tickets t
       CROSS JOIN LATERAL (VALUES
         (1, NULL::text, 'new'::text, t.created_by, t.created_at),
         (2, 'new', 'open', t.assignee_id, t.first_response_at),
         (3, 'open', t.status, t.assignee_id, t.updated_at)
       ) AS h(step, from_status, to_status, actor, at)
       WHERE t.org_id = $1 AND t.status IN ('new','open','pending','on_hold')
         AND (h.step = 1 OR (h.step = 2 AND t.status <> 'new') OR (h.step = 3 AND t.status IN ('pending','on_hold')))
       RETURNING 1) SELECT count(*)::int AS n FROM ins`,
    [orgId],
  );
  const t2 = Date.now();
  await client.query(`SET session_replication_role = DEFAULT`);
  for (const ix of indexes) await client.query(ix.def);
  const t3 = Date.now();
  await client.query('VACUUM ANALYZE tickets');
  await client.query('VACUUM ANALYZE ticket_status_history');
  await client.query('ANALYZE');
  const t4 = Date.now();
  const open = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM tickets WHERE org_id = $1 AND status IN ('new','open','pending','on_hold')`, [orgId])).rows[0].n);
  await client.query('DROP TABLE bench_cust, bench_team, bench_member, bench_subject');
  return {
    tickets: inserted.rowCount ?? count,
    open,
    history: Number(history.rows[0].n),
    insertMs: t1 - t0,
    historyMs: t2 - t1,
    indexMs: t3 - t2,
    vacuumAnalyzeMs: t4 - t3,
    totalMs: t4 - t0,
  };
}
