import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_POSITIONS, DEMO_ROLES, DEMO_USERS } from './demo-data.js';

export type SeedProgress = (done: number, total: number, step: string) => void;

export type SeedResult =
  | { created: false; orgId: string; reason: 'demo_present'; found: string[] }
  | {
      created: true;
      orgId: string;
      password: string;
      counts: { departments: number; positions: number; roles: number; users: number };
      users: { username: string; displayName: string; department: string; position: string; role: string }[];
    };

/** What of the demo data already exists (by code / username); empty when the org is clean. */
async function existingDemoData(db: Kysely<DB>, orgId: string): Promise<string[]> {
  const [departments, positions, roles, users] = await Promise.all([
    db.selectFrom('departments').select('code').where('org_id', '=', orgId).where('deleted_at', 'is', null).where('code', 'in', DEMO_DEPARTMENTS.map((d) => d.code)).execute(),
    db.selectFrom('positions').select('code').where('org_id', '=', orgId).where('code', 'in', DEMO_POSITIONS.map((p) => p.code)).execute(),
    db.selectFrom('roles').select('code').where('org_id', '=', orgId).where('code', 'in', DEMO_ROLES.map((r) => r.code)).execute(),
    db.selectFrom('users').select('username').where('org_id', '=', orgId).where('username', 'in', DEMO_USERS.map((u) => u.username)).execute(),
  ]);
  return [
    ...departments.map((d) => `department ${d.code}`),
    ...positions.map((p) => `position ${p.code}`),
    ...roles.map((r) => `role ${r.code}`),
    ...users.map((u) => `user ${u.username}`),
  ];
}

/**
 * Seeds the demo organization structure (§1.1/§1.2) into the first organization: the
 * department tree under 客服中心, positions with responsibilities and requirements, roles with
 * data scopes and field rules, and 16 staff users, all with the password `Kefu-Demo-2026`.
 * All in one transaction; refuses (changing nothing) when any of it is already there.
 */
export async function seedDemo(db: Kysely<DB>, opts: { onProgress?: SeedProgress } = {}): Promise<SeedResult> {
  const org = await db.selectFrom('orgs').select('id').orderBy('created_at').limit(1).executeTakeFirst();
  if (!org) throw new Error('no organization: start the server once (or run kefu migrate) before seeding');
  const orgId = org.id;
  const found = await existingDemoData(db, orgId);
  if (found.length > 0) return { created: false, orgId, reason: 'demo_present', found };

  const total = DEMO_USERS.length * 2 + DEMO_DEPARTMENTS.length + DEMO_POSITIONS.length + DEMO_ROLES.length;
  let done = 0;
  const step = (name: string) => opts.onProgress?.(++done, total, name);

  // scrypt is deliberately slow (~30 ms); hash before the transaction so it stays short.
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) {
    hashes.set(u.username, await hashPassword(DEMO_PASSWORD));
    step(`password ${u.username}`);
  }

  const summary: Extract<SeedResult, { created: true }>['users'] = [];
  await db.transaction().execute(async (tx) => {
    // Re-checked inside the transaction: two seeders started at once must not both insert.
    await tx.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().execute();
    const again = await existingDemoData(tx, orgId);
    if (again.length > 0) throw new Error(`demo data appeared concurrently: ${again.join(', ')}`);

    let root = await tx
      .selectFrom('departments')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('parent_id', 'is', null)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (!root) {
      const id = uuidv7();
      root = await tx.insertInto('departments').values({ org_id: orgId, id, parent_id: null, name: '客服中心', code: 'ROOT', path: `/${id}/` }).returningAll().executeTakeFirstOrThrow();
    }
    const departments = new Map<string, { id: string; path: string; name: string }>();
    for (const d of DEMO_DEPARTMENTS) {
      const parent = d.parent ? departments.get(d.parent)! : root;
      const id = uuidv7();
      const path = `${parent.path}${id}/`;
      await tx.insertInto('departments').values({ org_id: orgId, id, parent_id: parent.id, name: d.name, code: d.code, sort: d.sort, path }).execute();
      departments.set(d.code, { id, path, name: d.name });
      step(`department ${d.name}`);
    }

    const positions = new Map<string, { id: string; name: string }>();
    for (const p of DEMO_POSITIONS) {
      const id = uuidv7();
      await tx
        .insertInto('positions')
        .values({ org_id: orgId, id, code: p.code, name: p.name, name_en: p.nameEn, responsibilities: p.responsibilities, requirements: p.requirements })
        .execute();
      positions.set(p.code, { id, name: p.name });
      step(`position ${p.name}`);
    }

    const roles = new Map<string, { id: string; name: string }>();
    for (const r of DEMO_ROLES) {
      const id = uuidv7();
      await tx
        .insertInto('roles')
        .values({
          org_id: orgId,
          id,
          code: r.code,
          name: r.name,
          description: r.description,
          permissions: [...r.permissions],
          scopes: JSON.stringify(r.scopes),
          field_rules: JSON.stringify(r.fieldRules),
        })
        .execute();
      roles.set(r.code, { id, name: r.name });
      step(`role ${r.name}`);
    }

    for (const u of DEMO_USERS) {
      const id = uuidv7();
      const dept = u.department ? departments.get(u.department)! : root;
      await tx
        .insertInto('users')
        .values({
          org_id: orgId,
          id,
          username: u.username,
          display_name: u.displayName,
          email: `${u.username}@example.com`,
          phone: u.phone,
          department_id: dept.id,
          position_id: positions.get(u.position)!.id,
          skills: JSON.stringify(u.skills),
          password_hash: hashes.get(u.username)!,
          password_changed_at: new Date(),
        })
        .execute();
      await tx
        .insertInto('user_roles')
        .values(u.roles.map((code) => ({ org_id: orgId, user_id: id, role_id: roles.get(code)!.id })))
        .execute();
      summary.push({
        username: u.username,
        displayName: u.displayName,
        department: dept.name,
        position: positions.get(u.position)!.name,
        role: u.roles.map((c) => roles.get(c)!.name).join('、'),
      });
      step(`user ${u.username}`);
    }

    await recordAudit(tx, {
      orgId,
      action: 'demo.seed',
      actorName: 'kefu seed --demo (CLI)',
      after: {
        departments: DEMO_DEPARTMENTS.map((d) => d.code),
        positions: DEMO_POSITIONS.map((p) => p.code),
        roles: DEMO_ROLES.map((r) => r.code),
        users: DEMO_USERS.map((u) => u.username),
      },
    });
  });

  return {
    created: true,
    orgId,
    password: DEMO_PASSWORD,
    counts: { departments: DEMO_DEPARTMENTS.length, positions: DEMO_POSITIONS.length, roles: DEMO_ROLES.length, users: DEMO_USERS.length },
    users: summary,
  };
}
