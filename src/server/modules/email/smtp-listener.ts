import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Kefu } from '../../platform/context.js';
import { receiveMail } from './inbound-mail.service.js';
import { orgForAddress } from './mail-addresses.js';

export type SmtpListener = { port: number; close(): Promise<void> };

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener: takes mail for the support addresses only (others: 550), refuses
 * messages over the size limit (552), turns each accepted message into a ticket message. A
 * failure while storing answers 451 so the sending server retries (delivery is idempotent).
 * Without KEFU_SMTP_LISTEN_USER no AUTH is offered: bind it to 127.0.0.1 behind the MTA.
 */
export async function startSmtpListener(kefu: Kefu, opts: { port?: number; host?: string; log?: Log } = {}): Promise<SmtpListener> {
  const c = kefu.config;
  const limit = c.mailMaxBytes;
  const log = opts.log;
  const needsAuth = !!c.smtpListenUser;
  const options: SMTPServerOptions = {
    name: 'kefu',
    banner: 'Kefu mail intake',
    size: limit,
    logger: false,
    disabledCommands: needsAuth ? ['STARTTLS'] : ['AUTH', 'STARTTLS'],
    authOptional: !needsAuth,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (needsAuth && auth.username === c.smtpListenUser && auth.password === c.smtpListenPassword) return callback(null, { user: auth.username });
      return callback(smtpError(535, '5.7.8 Authentication failed'));
    },
    onMailFrom(address, _session, callback) {
      const args = address.args;
      const declared = Number((args && args.SIZE) || 0);
      if (declared > limit) return callback(smtpError(552, `5.3.4 Message too big (limit ${limit} bytes)`));
      return callback();
    },
    onRcptTo(address, _session, callback) {
      orgForAddress(kefu.db, c, address.address).then(
        (orgId) => (orgId ? callback() : callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`))),
        (err: unknown) => {
          log?.error({ err }, 'smtp: recipient lookup failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > limit) return callback(smtpError(552, `5.3.4 Message too big (limit ${limit} bytes)`));
        const rcpt = session.envelope.rcptTo.map((r) => r.address);
        receiveMail(kefu, Buffer.concat(chunks), rcpt).then(
          (results) => {
            log?.info({ results: results.map((r) => ({ ticketId: r.ticketId, created: r.created, duplicate: r.duplicate })) }, 'smtp: message received');
            callback(null, 'Message accepted');
          },
          (err: unknown) => {
            log?.error({ err }, 'smtp: storing a message failed');
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', (err) => log?.warn({ err }, 'smtp: connection error'));
  const port = opts.port ?? c.smtpListenPort ?? 0;
  const host = opts.host ?? c.smtpListenHost;
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
