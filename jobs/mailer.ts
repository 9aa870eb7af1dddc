// Sends email through SMTP (nodemailer), or writes .eml files to the outbox when no SMTP server is set.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

export interface OutgoingMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
}

export type SendResult = { ok: true; messageId: string } | { ok: false; message: string; permanent: boolean };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Words for the subscriptions page. A 5xx is marked permanent for the reader, but the digest job still
 * retries it with backoff: a misconfigured relay answers 5xx as readily as a dead mailbox, and stories
 * are never dropped.
 */
export function describeSmtpError(err: SmtpError): { message: string; permanent: boolean } {
  const detail = (err.message ?? String(err)).replace(/\s+/g, ' ').trim();
  if (err.responseCode) {
    const permanent = err.responseCode >= 500;
    const answer = (err.response ?? String(err.responseCode)).replace(/\s+/g, ' ').trim();
    return { message: `mail server answered ${answer}${permanent ? ' (a permanent refusal: check the address and the server settings)' : ' (a temporary refusal)'}`, permanent };
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(detail)) return { message: `could not reach the mail server (${detail})`, permanent: false };
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(detail)) return { message: `the mail server did not answer in time (${detail})`, permanent: false };
  if (err.code === 'EAUTH') return { message: `the mail server refused the login (${detail}): check the user and password in SMTP_URL`, permanent: false };
  if (err.code === 'ESOCKET' || err.code === 'ECONNECTION' || err.code === 'EPROTOCOL') return { message: `the connection to the mail server broke off (${detail})`, permanent: false };
  return { message: `sending failed: ${detail}`, permanent: false };
}

/**
 * SMTP through nodemailer. Options can ride on the URL's query (`smtp://host:25/?ignoreTLS=true` for a
 * relay without TLS, `?requireTLS=true` to refuse plain text); a plain smtp:// URL upgrades with
 * STARTTLS whenever the server offers it.
 */
export function smtpMailer(smtpUrl: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = lazyTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as SMTPTransport.Options);
  return {
    async send(m) {
      try {
        await (await transport.get()).sendMail({ to: m.to, from: m.from, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers });
        return { ok: true, messageId: m.messageId };
      } catch (err) {
        return { ok: false, ...describeSmtpError(err as SmtpError) };
      }
    },
    close: () => transport.close(),
  };
}

/**
 * A nodemailer transport made at the first message: a process that sends no mail (a poll, most commands) does not
 * load nodemailer at all.
 */
function lazyTransport(options: object): { get(): Promise<Transporter>; close(): void } {
  let made: Promise<Transporter> | null = null;
  return {
    get: () => (made ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options))),
    close: () => {
      // A transport that could not be made (its send said why) has nothing to close.
      void made?.then(
        (t) => t.close(),
        () => undefined,
      );
      made = null;
    },
  };
}

/** The default install has no mail server: each message becomes an .eml file (written atomically). */
export function outboxMailer(dir: string): Mailer {
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      try {
        const info = await (await transport.get()).sendMail({ to: m.to, from: m.from, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers });
        mkdirSync(dir, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.messageId.replace(/[^A-Za-z0-9._-]/g, '')}.eml`;
        const tmp = path.join(dir, `.${name}.tmp`);
        writeFileSync(tmp, info.message as Buffer);
        renameSync(tmp, path.join(dir, name));
        return { ok: true, messageId: m.messageId };
      } catch (err) {
        return { ok: false, message: `could not write to the outbox ${dir}: ${(err as Error).message}`, permanent: false };
      }
    },
    close: () => undefined,
  };
}

export interface OutboxFile {
  name: string;
  size: number;
  writtenAt: Date;
}

export function listOutbox(dir: string, limit = 50): OutboxFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml') && !n.startsWith('.'));
  } catch {
    return [];
  }
  return names
    .map((name) => {
      const st = statSync(path.join(dir, name));
      return { name, size: st.size, writtenAt: st.mtime };
    })
    .sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime())
    .slice(0, limit);
}

/** One outbox file by name; null for a name that is not a plain .eml file there (no path tricks). */
export function readOutboxFile(dir: string, name: string): Buffer | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.eml$/.test(name)) return null;
  try {
    return readFileSync(path.join(dir, name));
  } catch {
    return null;
  }
}
