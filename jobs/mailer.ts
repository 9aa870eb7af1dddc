// Sends email through SMTP (nodemailer), or writes .eml files to the outbox when no SMTP server is set.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
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

/** Words for the subscriptions page; 5xx answers are permanent, everything else is worth a retry. */
function describe(err: SmtpError): { message: string; permanent: boolean } {
  if (err.responseCode) return { message: `mail server answered ${err.response ?? err.responseCode}`, permanent: err.responseCode >= 500 };
  if (err.code === 'ECONNREFUSED' || err.code === 'ESOCKET') return { message: `could not reach the mail server (${err.message ?? err.code})`, permanent: false };
  if (err.code === 'ETIMEDOUT' || err.code === 'ECONNECTION') return { message: `mail server connection failed (${err.message ?? err.code})`, permanent: false };
  return { message: `sending failed: ${err.message ?? String(err)}`, permanent: false };
}

export function smtpMailer(smtpUrl: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout } as SMTPTransport.Options);
  return {
    async send(m) {
      try {
        await transport.sendMail({ to: m.to, from: m.from, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers });
        return { ok: true, messageId: m.messageId };
      } catch (err) {
        return { ok: false, ...describe(err as SmtpError) };
      }
    },
    close: () => transport.close(),
  };
}

/** The default install has no mail server: each message becomes an .eml file (written atomically). */
export function outboxMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      try {
        const info = await transport.sendMail({ to: m.to, from: m.from, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers });
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
