// The mailers make their nodemailer transport at the first message; a URL nodemailer cannot use is refused at start.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxMailer, smtpMailer } from '../../jobs/mailer.ts';
import { parseConfig } from '../../server/config.ts';

const mail = { to: 'reader@example.org', from: 'casewatch <digests@casewatch.test>', subject: 'Digest', text: 'One new story', html: '<p>One new story</p>', messageId: '<m1@casewatch.test>', headers: {} };

/** Rejections nobody handled while `fn` ran and a few turns of the event loop after it. */
async function unhandledDuring(fn: () => Promise<void> | void): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => void seen.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    await fn();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  return seen;
}

describe('mailers', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('refuses an SMTP_URL that is not a URL at start, naming the variable', () => {
    expect(() => parseConfig({ SMTP_URL: 'smtp://[mail.example.org' })).toThrow(/^invalid SMTP_URL \("smtp:\/\/\[mail\.example\.org"\): must be a URL such as smtp:\/\//);
    expect(() => parseConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/^invalid SMTP_URL .*must start with smtp:\/\/ or smtps:\/\//);
    expect(parseConfig({ SMTP_URL: 'smtp://user:pw@mail.example.org:587/?ignoreTLS=true' }).smtpUrl).toBe('smtp://user:pw@mail.example.org:587/?ignoreTLS=true');
  });

  it('says why when its transport cannot be made, and closes afterwards without an unhandled rejection', async () => {
    const mailer = smtpMailer('smtp://[mail.example.org');
    const unhandled = await unhandledDuring(async () => {
      const sent = await mailer.send(mail);
      expect(sent.ok).toBe(false);
      expect(!sent.ok && sent.message).toMatch(/invalid url/i);
      mailer.close();
    });
    expect(unhandled).toEqual([]);
  });

  it('closes before any message and writes to the outbox at the first one', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'casewatch-outbox-'));
    const unused = outboxMailer(dir);
    expect(await unhandledDuring(() => unused.close())).toEqual([]);
    const mailer = outboxMailer(dir);
    expect(readdirSync(dir)).toEqual([]);
    expect(await mailer.send(mail)).toEqual({ ok: true, messageId: mail.messageId });
    expect(await mailer.send({ ...mail, messageId: '<m2@casewatch.test>' })).toEqual({ ok: true, messageId: '<m2@casewatch.test>' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    mailer.close();
  });
});
