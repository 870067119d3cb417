import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customers.fixtures.js';
import { auditRows, ok, type Call, type OrgTest, setupOrg } from '../org/org.fixtures.js';

const URL = '/api/v1/public/web-form';

const valid = {
  name: '王小明',
  email: 'xiaoming@example.cn',
  type: 'inquiry',
  subject: '咨询冰箱保修期',
  body: '去年买的冰箱，想问一下保修期有多长？',
};

type Issue = { path: (string | number)[]; code: string; message: string };

describe('public web form: a visitor who is not signed in opens a ticket', () => {
  let t: OrgTest;
  let admin: Call;
  let ipSeq = 0;
  /** Each call comes from its own address unless given one, so the per-address limit stays out of the way. */
  const submit = (payload: unknown, opts: Partial<InjectOptions> = {}) =>
    t.app.inject({ method: 'POST', url: URL, payload: payload as InjectOptions['payload'], remoteAddress: `10.0.0.${++ipSeq}`, ...opts });
  const ticketByNumber = (number: string) => t.kefu.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst();
  const ticketCount = async () => Number((await t.kefu.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupOrg();
    admin = t.admin;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers each bad field under its own name, in the reader’s language', async () => {
    const zh = { 'accept-language': 'zh-CN' };
    const res = await submit({ name: '', email: 'not-mail', type: 'other', subject: 'a', body: '短' }, { headers: zh });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details as Issue[];
    const field = (name: string) => issues.find((i) => i.path.join('.') === `body.${name}`);
    for (const name of ['name', 'email', 'type', 'subject', 'body']) expect(field(name), name).toBeDefined();
    expect(field('subject')!.message).toContain('过小');

    const badPhone = (await submit({ ...valid, email: undefined, phone: '12345' }, { headers: zh })).json().error.details as Issue[];
    expect(badPhone).toEqual([expect.objectContaining({ path: ['body', 'phone'], message: expect.stringContaining('手机或固定电话') })]);

    const noContact = (await submit({ ...valid, email: '', phone: '' }, { headers: zh })).json().error.details as Issue[];
    expect(noContact.map((i) => i.path.join('.')).sort()).toEqual(['body.email', 'body.phone']);
    expect(noContact[0].message).toContain('邮箱或电话');
    const english = (await submit({ ...valid, email: undefined }, { headers: { 'accept-language': 'en' } })).json().error.details as Issue[];
    expect(english[0].message).toMatch(/e-mail address or a phone number/);

    const subtype = (await submit({ ...valid, subtype: 'repair' }, { headers: zh })).json().error.details as Issue[];
    expect(subtype).toEqual([expect.objectContaining({ path: ['body', 'subtype'], message: expect.stringContaining('售后') })]);
    // no mass assignment: fields the form does not have are refused
    expect((await submit({ ...valid, channel: 'phone', customerId: null })).statusCode).toBe(400);
    expect(await ticketCount()).toBe(0);
  });

  it('a filled honeypot gets the same kind of answer and creates nothing', async () => {
    const trapped = ok(await submit({ ...valid, website: 'http://spam.example' }), 201);
    expect(Object.keys(trapped)).toEqual(['number']);
    expect(trapped.number).toMatch(/^\d+$/);
    expect(await ticketCount()).toBe(0);
    expect(await auditRows(t, 'web_form.submit')).toEqual([]);
  });

  it('matches a customer by e-mail, then by phone; otherwise keeps what the visitor typed', async () => {
    const byMail = await createCustomer(admin, { name: '李雷', email: 'lilei@example.cn', phones: [{ value: '13900001111' }] });
    const byPhone = await createCustomer(admin, { name: '韩梅梅', phones: [{ value: '0755-86013388' }] });
    // a younger customer with the same phone is not the one chosen
    await createCustomer(admin, { name: '韩梅梅二号', phones: [{ value: '0755-86013388' }] });

    const mailed = ok(await submit({ ...valid, name: '李先生', email: ' LiLei@Example.cn ', phone: '13900002222' }), 201);
    const one = (await ticketByNumber(mailed.number))!;
    expect(one).toMatchObject({ channel: 'web_form', customer_id: byMail.id, requester_name: '李先生', requester_email: 'lilei@example.cn', requester_phone: '13900002222', created_by: null });

    const phoned = ok(await submit({ ...valid, email: 'unknown@example.cn', phone: '(0755) 8601 3388' }), 201);
    expect((await ticketByNumber(phoned.number))!).toMatchObject({ customer_id: byPhone.id, requester_phone: '0755-86013388' });

    const stranger = ok(await submit({ ...valid, name: '路人甲', email: undefined, phone: '+86 137 0000 9999' }), 201);
    expect((await ticketByNumber(stranger.number))!).toMatchObject({ customer_id: null, requester_name: '路人甲', requester_email: null, requester_phone: '13700009999' });
    expect(await t.kefu.db.selectFrom('customers').select('id').where('name', '=', '路人甲').execute()).toEqual([]);

    const audits = await auditRows(t, 'web_form.submit');
    expect(audits.map((a) => a.actor_name)).toEqual(['web_form:lilei@example.cn', 'web_form:unknown@example.cn', 'web_form:13700009999']);
    expect((await auditRows(t, 'ticket.create', one.id))[0]).toMatchObject({ actor_name: 'web_form:lilei@example.cn' });
  });

  it('an after-sales request keeps its category; a complaint starts the complaint process', async () => {
    const repair = ok(await submit({ ...valid, type: 'after_sales', subtype: 'repair', subject: '洗衣机不脱水' }), 201);
    expect((await ticketByNumber(repair.number))!).toMatchObject({ type: 'after_sales', subtype: 'repair' });

    const complaint = ok(await submit({ ...valid, type: 'complaint', name: '张女士', phone: '13811112222', subject: '安装师傅迟到', body: '约好上午十点，下午三点才到。' }), 201);
    const ticket = (await ticketByNumber(complaint.number))!;
    expect(ticket.type).toBe('complaint');
    const row = await t.kefu.db.selectFrom('complaints').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirst();
    expect(row).toMatchObject({ complainant_name: '张女士', complainant_phone: '13811112222' });
  });

  it('the staff API shows the ticket as a web-form ticket', async () => {
    const made = ok(await submit({ ...valid, phone: '13855556666' }), 201);
    const ticket = (await ticketByNumber(made.number))!;
    const view = ok(await admin({ method: 'GET', url: `/api/v1/tickets/${ticket.id}` }));
    expect(view).toMatchObject({ number: made.number, channel: 'web_form', requesterName: '王小明', requesterEmail: 'xiaoming@example.cn', status: 'new' });
  });

  it('takes ten submissions per address in a quarter of an hour; the eleventh is 429 and creates nothing', async () => {
    const from = { remoteAddress: '192.0.2.77' };
    for (let i = 0; i < 10; i++) ok(await submit({ ...valid, subject: `第 ${i + 1} 次提交` }, from), 201);
    const before = await ticketCount();
    const eleventh = await submit({ ...valid, subject: '第 11 次提交' }, { ...from, headers: { 'accept-language': 'zh-CN' } });
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(800);
    expect(eleventh.json().error.code).toBe('too_many_attempts');
    // a robot at the limit is refused the same way
    expect((await submit({ ...valid, website: 'x' }, from)).statusCode).toBe(429);
    expect(await ticketCount()).toBe(before);
    // another address is not held up
    ok(await submit(valid, { remoteAddress: '192.0.2.78' }), 201);
  });
});
