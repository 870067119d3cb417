import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCustomValues } from '../../../shared/custom-fields.js';
import { startTestApp, type TestApp } from './config.testing.js';
import { listCustomFieldDefs } from './custom-fields.service.js';

describe('custom fields API', () => {
  let t: TestApp;
  let viewer: Awaited<ReturnType<TestApp['userWith']>>;
  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.userWith([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (payload: Record<string, unknown>, who = t.admin) => who({ method: 'POST', url: '/api/v1/custom-fields', payload });

  it('creates fields of every type and lists them per entity to any signed-in user', async () => {
    const industry = await create({
      entity: 'customer',
      key: 'industry',
      label: '行业',
      labelEn: 'Industry',
      type: 'select',
      options: [
        { value: 'retail', label: '零售', labelEn: 'Retail' },
        { value: 'finance', label: '金融' },
      ],
      required: true,
      sort: 10,
    });
    expect(industry.statusCode).toBe(201);
    expect(industry.json()).toMatchObject({
      entity: 'customer',
      key: 'industry',
      type: 'select',
      required: true,
      active: true,
      version: 1,
      options: [
        { value: 'retail', label: '零售', labelEn: 'Retail' },
        { value: 'finance', label: '金融', labelEn: null },
      ],
    });
    for (const [key, type] of [
      ['seats', 'number'],
      ['signed_on', 'date'],
      ['vip', 'boolean'],
      ['remark', 'text'],
    ] as const) {
      expect((await create({ entity: 'customer', key, label: key, type, sort: 20 })).statusCode).toBe(201);
    }
    expect((await create({ entity: 'ticket', key: 'channels', label: '渠道', type: 'multiselect', options: [{ value: 'phone', label: '电话' }] })).statusCode).toBe(201);
    // the same key on another entity is fine
    expect((await create({ entity: 'contact', key: 'industry', label: '行业', type: 'text' })).statusCode).toBe(201);

    const list = await viewer({ method: 'GET', url: '/api/v1/custom-fields?entity=customer' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { key: string }) => f.key)).toEqual(['industry', 'seats', 'signed_on', 'vip', 'remark']);
    expect((await viewer({ method: 'GET', url: '/api/v1/custom-fields' })).json().items).toHaveLength(7);
    const [entry] = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'custom_field.create').orderBy('seq').execute();
    expect(entry.after).toMatchObject({ key: 'industry' });
  });

  it('refuses bad input: key format, unknown entity or type, options rules', async () => {
    const codeOf = async (payload: Record<string, unknown>) => {
      const res = await create(payload);
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { code: string }) => d.code);
    };
    expect(await codeOf({ entity: 'customer', key: 'Bad-Key', label: 'x', type: 'text' })).toEqual(['invalid_key']);
    expect(await codeOf({ entity: 'customer', key: '1abc', label: 'x', type: 'text' })).toEqual(['invalid_key']);
    expect(await codeOf({ entity: 'customer', key: 'a'.repeat(41), label: 'x', type: 'text' })).toEqual(['too_big']);
    expect(await codeOf({ entity: 'order', key: 'abc', label: 'x', type: 'text' })).toEqual(['invalid_value']);
    expect(await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'json' })).toEqual(['invalid_value']);
    expect(await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'select' })).toEqual(['options_required']);
    expect(await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'text', options: [{ value: 'a', label: 'A' }] })).toEqual(['options_not_allowed']);
    expect(
      await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'multiselect', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] }),
    ).toEqual(['option_duplicate']);
    expect(await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'text', id: 'x' })).toEqual(['unrecognized_keys']);
    expect(await codeOf({ entity: 'customer', key: 'abc', label: 'x', type: 'text', ticketTypes: ['complaint'] })).toEqual(['ticket_types_not_allowed']);
    expect(await codeOf({ entity: 'ticket', key: 'abc', label: 'x', type: 'text', ticketTypes: ['refund'] })).toEqual(['invalid_value']);
    expect((await viewer({ method: 'GET', url: '/api/v1/custom-fields?entity=order' })).statusCode).toBe(400);
    expect((await create({ entity: 'customer', key: 'abc', label: 'x', type: 'text' }, viewer)).statusCode).toBe(403);
  });

  it('answers 409 for a duplicate key on the same entity', async () => {
    const res = await create({ entity: 'customer', key: 'industry', label: '又一个', type: 'text' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'custom_field_key_taken', message: '该对象已有同名的自定义字段标识' });
    // concurrent creates of one key: exactly one wins
    const results = await Promise.all([1, 2, 3].map(() => create({ entity: 'ticket', key: 'race', label: 'r', type: 'text' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('updates with If-Match, keeps entity/key/type fixed, deactivates and deletes', async () => {
    const field = (await t.admin({ method: 'GET', url: '/api/v1/custom-fields?entity=customer' })).json().items[0];
    const url = `/api/v1/custom-fields/${field.id}`;
    expect((await t.admin({ method: 'PATCH', url, payload: { label: '所属行业' } })).statusCode).toBe(428);
    const ok = await t.admin({
      method: 'PATCH',
      url,
      payload: { label: '所属行业', options: [...field.options, { value: 'energy', label: '能源' }] },
      headers: { 'if-match': `"${field.version}"` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ label: '所属行业', version: 2 });
    expect(ok.json().options).toHaveLength(3);
    expect((await t.admin({ method: 'PATCH', url, payload: { label: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'PATCH', url, payload: { type: 'text' }, headers: { 'if-match': '"2"' } })).statusCode).toBe(400);
    expect((await t.admin({ method: 'PATCH', url, payload: { key: 'other' }, headers: { 'if-match': '"2"' } })).statusCode).toBe(400);
    const emptied = await t.admin({ method: 'PATCH', url, payload: { options: [] }, headers: { 'if-match': '"2"' } });
    expect(emptied.json().error.details[0].code).toBe('options_required');
    const off = await t.admin({ method: 'PATCH', url, payload: { active: false }, headers: { 'if-match': '"2"' } });
    expect(off.json().active).toBe(false);
    const active = (await viewer({ method: 'GET', url: '/api/v1/custom-fields?entity=customer&active=true' })).json().items;
    expect(active.map((f: { key: string }) => f.key)).not.toContain('industry');
    const [upd] = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'custom_field.update').orderBy('seq', 'desc').execute();
    expect(upd.before).toMatchObject({ active: true });
    expect(upd.after).toMatchObject({ active: false });

    expect((await t.admin({ method: 'DELETE', url, headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await t.admin({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await t.admin({ method: 'GET', url })).statusCode).toBe(404);
    expect((await t.admin({ method: 'DELETE', url })).statusCode).toBe(404);
  });

  it('gives other modules definitions that the shared validator accepts', async () => {
    const defs = await listCustomFieldDefs(t.db, t.orgId, 'customer');
    const result = validateCustomValues(defs, { seats: '40', signed_on: '2026-02-30', vip: true }, 'en');
    expect(result.values).toMatchObject({ seats: 40, vip: true });
    expect(result.errors.map((e) => e.code)).toEqual(['invalid_date']);
  });
});
