import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../../testing/harness.js';
import { createCustomer } from '../customers/customers.fixtures.js';
import { ok, type Call } from '../org/org.fixtures.js';
import { reply, setStatus } from '../tickets/tickets.fixtures.js';
import { type SmtpListener, startSmtpListener } from './smtp-listener.js';

const SUPPORT = 'support@kefu.test';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A second SMTP server standing in for the relay that receives Kefu's replies. */
async function receivingMta() {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        envelopes.push(session.envelope.rcptTo.map((r) => r.address));
        void simpleParser(Buffer.concat(chunks)).then((m) => {
          received.push(m);
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { received, envelopes, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('email: inbound SMTP and outbound replies', () => {
  let t: TestApp;
  let admin: Call;
  let listener: SmtpListener;
  let mta: Awaited<ReturnType<typeof receivingMta>>;
  let send: (mail: SendMailOptions) => Promise<unknown>;

  beforeAll(async () => {
    mta = await receivingMta();
    t = await createTestApp({ mailFrom: `Kefu 客服 <${SUPPORT}>`, mailAddresses: ['help@kefu.test'], mailMaxBytes: 200_000, smtpUrl: `smtp://127.0.0.1:${mta.port}` });
    admin = as(t.app, t.adminCookie);
    listener = await startSmtpListener(t.kefu, { port: 0, host: '127.0.0.1' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    send = (mail) => transport.sendMail({ to: SUPPORT, ...mail });
  });
  afterAll(async () => {
    await listener?.close();
    await mta?.close();
    await t?.close();
  });

  const ticketOfMessage = (messageId: string) =>
    t.kefu.db.selectFrom('ticket_messages as m').innerJoin('tickets as t', 't.id', 'm.ticket_id').selectAll('t').where('m.email_message_id', '=', messageId).executeTakeFirstOrThrow();
  const messagesOf = (ticketId: string) => t.kefu.db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').orderBy('id').execute();

  it('opens a ticket for a known customer’s mail, and threads a reply into it (reopening it)', async () => {
    const customer = await createCustomer(admin, { name: '李娜', email: 'Li.Na@example.com' });
    await send({ from: '李娜 <li.na@example.com>', subject: '发票开具咨询', text: '请问发票怎么开？', messageId: '<first-1@example.com>' });
    const ticket = await ticketOfMessage('<first-1@example.com>');
    expect(ticket).toMatchObject({ type: 'inquiry', channel: 'email', customer_id: customer.id, requester_email: 'li.na@example.com', requester_name: '李娜', email_thread_id: '<first-1@example.com>', created_by: null, status: 'new', subject: '发票开具咨询' });
    const [first] = await messagesOf(ticket.id);
    expect(first).toMatchObject({ kind: 'customer', channel: 'email', external_id: '<first-1@example.com>', author_name: '李娜' });
    expect(first!.body_text).toContain('请问发票怎么开？');

    ok(await setStatus(admin, ticket.id, 'resolved'));
    await send({ from: 'li.na@example.com', subject: 'Re: 发票开具咨询', text: '还没收到', messageId: '<second-1@example.com>', inReplyTo: '<first-1@example.com>', references: ['<first-1@example.com>'] });
    const again = await ticketOfMessage('<second-1@example.com>');
    expect(again.id).toBe(ticket.id);
    expect(again.status).toBe('open');
    const messages = await messagesOf(ticket.id);
    expect(messages.map((m) => m.email_message_id)).toEqual(['<first-1@example.com>', '<second-1@example.com>']);
    expect(messages[1]!.in_reply_to).toBe('<first-1@example.com>');
  });

  it('threads by a subject tag [#number] from a sender the ticket knows; a stranger gets a new ticket', async () => {
    await send({ from: 'wang@example.com', subject: '空调维修', text: '不制冷', messageId: '<tag-1@example.com>' });
    const ticket = await ticketOfMessage('<tag-1@example.com>');
    await send({ from: 'wang@example.com', subject: `回复：空调维修 [#${ticket.number}]`, text: '师傅几点到？', messageId: '<tag-2@example.com>' });
    expect((await ticketOfMessage('<tag-2@example.com>')).id).toBe(ticket.id);
    await send({ from: 'stranger@example.net', subject: `[#${ticket.number}] hello`, text: 'guess', messageId: '<tag-3@example.net>' });
    expect((await ticketOfMessage('<tag-3@example.net>')).id).not.toBe(ticket.id);
  });

  it('stores hostile HTML inert: no scripts, handlers, javascript: links or remote images; inline images become stored files', async () => {
    const html = [
      '<p onclick="steal()">你好<script>alert(1)</script></p>',
      '<img src=x onerror="alert(2)">',
      '<a href="javascript:alert(3)">click</a> <a href="https://shop.example.com/o/1" target="_self">订单</a>',
      '<img src="http://tracker.example.net/pixel.gif" alt="logo">',
      '<img src="cid:inline-1@example.com" alt="截图">',
      '<style>body{background:url(http://tracker.example.net/bg)}</style><iframe src="https://evil.example"></iframe>',
      '<form action="https://evil.example"><input name="p"></form>',
    ].join('');
    await send({
      from: 'zhao@example.com',
      subject: 'html',
      html,
      text: '你好',
      messageId: '<html-1@example.com>',
      attachments: [{ filename: 'shot.png', content: PNG, contentType: 'image/png', cid: 'inline-1@example.com' }],
    });
    const ticket = await ticketOfMessage('<html-1@example.com>');
    const [m] = await messagesOf(ticket.id);
    const stored = m!.body_html!;
    for (const bad of ['<script', 'alert(', 'onerror', 'onclick', 'javascript:', 'tracker.example.net', '<iframe', '<form', '<input', '<style', 'src="x"']) expect(stored).not.toContain(bad);
    expect(stored).toContain('<a href="https://shop.example.com/o/1" rel="noopener noreferrer nofollow" target="_blank">订单</a>');
    expect(stored).toContain('<img alt="logo" />');
    expect(m!.attachments).toHaveLength(1);
    expect(stored).toContain(`<img alt="截图" src="/api/v1/files/${m!.attachments[0]}/content" />`);
    expect(m!.body_text).toContain('你好');
  });

  it('stores attachments as files of the ticket and refuses disallowed types with a note', async () => {
    await send({
      from: 'qian@example.com',
      subject: '合同',
      text: '见附件',
      messageId: '<att-1@example.com>',
      attachments: [
        { filename: '合同.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00binary'), contentType: 'application/octet-stream' },
      ],
    });
    const ticket = await ticketOfMessage('<att-1@example.com>');
    const [m] = await messagesOf(ticket.id);
    expect(m!.attachments).toHaveLength(1);
    const file = await t.kefu.db.selectFrom('files').selectAll().where('id', '=', m!.attachments[0]!).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ filename: '合同.pdf', content_type: 'application/pdf', entity_type: 'ticket', entity_id: ticket.id, uploaded_by: null });
    const content = await admin({ method: 'GET', url: `/api/v1/files/${file.id}/content` });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect(m!.body_text).toContain('tool.exe');
  });

  it('stores a redelivered message once', async () => {
    const mail = { from: 'sun@example.com', subject: '重复', text: 'once', messageId: '<dup-1@example.com>' };
    await send(mail);
    await send(mail);
    const rows = await t.kefu.db.selectFrom('ticket_messages').select('ticket_id').where('external_id', '=', '<dup-1@example.com>').execute();
    expect(rows).toHaveLength(1);
    const tickets = await t.kefu.db.selectFrom('tickets').select('id').where('email_thread_id', '=', '<dup-1@example.com>').execute();
    expect(tickets).toHaveLength(1);
  });

  it('refuses an over-size message (552) and mail for other addresses (550)', async () => {
    const big = send({ from: 'zhou@example.com', subject: 'big', text: 'x'.repeat(300_000), messageId: '<big-1@example.com>' });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    await expect(send({ to: 'someone@elsewhere.example', from: 'zhou@example.com', subject: 'relay?', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    const stored = await t.kefu.db.selectFrom('ticket_messages').select('id').where('external_id', '=', '<big-1@example.com>').execute();
    expect(stored).toHaveLength(0);
    // a second configured support address is accepted
    await send({ to: 'help@kefu.test', from: 'zhou@example.com', subject: 'help', text: 'ok', messageId: '<help-1@example.com>' });
    expect((await ticketOfMessage('<help-1@example.com>')).channel).toBe('email');
  });

  it('requires AUTH when listener credentials are configured', async () => {
    Object.assign(t.kefu.config, { smtpListenUser: 'mta', smtpListenPassword: 'mta-password-1' });
    const guarded = await startSmtpListener(t.kefu, { port: 0, host: '127.0.0.1' });
    try {
      const mail = { to: SUPPORT, from: 'auth@example.com', subject: 'auth', text: 'x', messageId: '<auth-1@example.com>' };
      const anonymous = nodemailer.createTransport({ host: '127.0.0.1', port: guarded.port, secure: false, ignoreTLS: true });
      await expect(anonymous.sendMail(mail)).rejects.toMatchObject({ responseCode: 530 });
      const wrong = nodemailer.createTransport({ host: '127.0.0.1', port: guarded.port, secure: false, ignoreTLS: true, auth: { user: 'mta', pass: 'nope' } });
      await expect(wrong.sendMail(mail)).rejects.toMatchObject({ responseCode: 535 });
      const right = nodemailer.createTransport({ host: '127.0.0.1', port: guarded.port, secure: false, ignoreTLS: true, auth: { user: 'mta', pass: 'mta-password-1' } });
      await right.sendMail(mail);
      expect((await ticketOfMessage('<auth-1@example.com>')).subject).toBe('auth');
    } finally {
      Object.assign(t.kefu.config, { smtpListenUser: undefined, smtpListenPassword: undefined });
      await guarded.close();
    }
  });

  it('answers a closed ticket’s thread with a new ticket linked to it', async () => {
    await send({ from: 'wu@example.com', subject: '退货', text: '想退货', messageId: '<closed-1@example.com>' });
    const old = await ticketOfMessage('<closed-1@example.com>');
    ok(await setStatus(admin, old.id, 'closed'));
    await send({ from: 'wu@example.com', subject: 'Re: 退货', text: '又坏了', messageId: '<closed-2@example.com>', inReplyTo: '<closed-1@example.com>' });
    const next = await ticketOfMessage('<closed-2@example.com>');
    expect(next.id).not.toBe(old.id);
    const link = await t.kefu.db.selectFrom('ticket_links').selectAll().where('ticket_id', '=', next.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ other_id: old.id, kind: 'related' });
  });

  it('mails an agent’s reply threaded under the conversation, and the customer’s answer threads back', async () => {
    await send({ from: '郑敏 <zheng@example.com>', cc: ['boss@example.com', SUPPORT], subject: '安装预约', text: '周六可以吗', messageId: '<out-1@example.com>' });
    const ticket = await ticketOfMessage('<out-1@example.com>');
    expect(ticket.cc).toEqual(['boss@example.com']);
    const boundary = '----kefu-mail-test';
    const upload = ok(
      await admin({
        method: 'POST',
        url: '/api/v1/files',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="报价单.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
          PDF,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      }),
      201,
    );
    const sent = ok(await reply(admin, ticket.id, { body: '周六上午九点上门。', cc: ['helper@example.com'], attachments: [upload.id] }), 201);
    const queued = await t.kefu.db.selectFrom('ticket_messages').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(queued.delivery).toBe('queued');
    await t.kefu.jobs.drain();
    const row = await t.kefu.db.selectFrom('ticket_messages').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.delivery).toBe('sent');
    expect(row.email_message_id).toMatch(/^<[0-9a-f-]+@kefu\.test>$/);
    const mail = mta.received.find((m) => m.messageId === row.email_message_id)!;
    expect(mail).toBeDefined();
    expect(mail.subject).toBe(`Re: 安装预约 [#${ticket.number}]`);
    expect(mail.inReplyTo).toBe('<out-1@example.com>');
    expect(mail.references).toEqual('<out-1@example.com>');
    expect(mail.from?.value[0]?.address).toBe(SUPPORT);
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]).toMatchObject({ address: 'zheng@example.com', name: '郑敏' });
    expect(mta.envelopes[mta.envelopes.length - 1]!.sort()).toEqual(['boss@example.com', 'helper@example.com', 'zheng@example.com']);
    expect(mail.text).toContain('周六上午九点上门。');
    expect(mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, same: a.content.equals(PDF) }))).toEqual([{ filename: '报价单.pdf', contentType: 'application/pdf', same: true }]);

    await send({ from: 'zheng@example.com', subject: mail.subject, text: '好的', messageId: '<out-2@example.com>', inReplyTo: row.email_message_id!, references: [row.email_message_id!] });
    expect((await ticketOfMessage('<out-2@example.com>')).id).toBe(ticket.id);
  });

  it('never pretends: without an outgoing server the delivery fails and the job says why', async () => {
    await send({ from: 'feng@example.com', subject: '无发信', text: 'hi', messageId: '<nosmtp-1@example.com>' });
    const ticket = await ticketOfMessage('<nosmtp-1@example.com>');
    const saved = t.kefu.config.smtpUrl;
    t.kefu.config.smtpUrl = undefined;
    try {
      const sent = ok(await reply(admin, ticket.id, { body: '收到' }), 201);
      await t.kefu.jobs.drain();
      const row = await t.kefu.db.selectFrom('ticket_messages').select(['delivery', 'email_message_id']).where('id', '=', sent.id).executeTakeFirstOrThrow();
      expect(row.delivery).toBe('failed');
      const job = await t.kefu.db.selectFrom('jobs').selectAll().where('name', '=', 'email.send_reply').where('unique_key', '=', `email.send_reply:${sent.id}`).executeTakeFirstOrThrow();
      expect(job.status).toBe('failed');
      expect(job.last_error).toContain('KEFU_SMTP_URL');
    } finally {
      t.kefu.config.smtpUrl = saved;
    }
    expect(mta.received.some((m) => m.subject?.includes('无发信'))).toBe(false);
  });
});
