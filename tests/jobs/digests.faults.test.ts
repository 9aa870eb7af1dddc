// A failing mail server (refused, 4xx, 5xx, cut off in DATA) and a crash mid-send: every story still arrives exactly once.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveriesOf } from '../../db/deliveries.ts';
import { silentLogger } from '../../jobs/logger.ts';
import { smtpMailer, type Mailer } from '../../jobs/mailer.ts';
import { sendDigests } from '../../jobs/sendDigests.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { freePort, startSmtp, type TestSmtp } from './digestsHelpers.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url), 'utf8');

/** Distinct texts: near-identical ones would be folded as syndicated copies of each other. */
const EXTRA: Record<number, string> = {
  1: 'The Haidian court postponed the hearing in the ByteDance lawsuit against Tian Keyu after new evidence was filed.',
  2: 'Judges scheduled the trial of Tian Keyu for September; ByteDance maintains he sabotaged model training.',
  3: 'Lawyers for ByteDance and Tian Keyu confirmed they are negotiating to end the dispute out of court.',
};

/** The fixture with one more ByteDance v. Tian Keyu story on top. */
function withStory(n: number, title: string): string {
  return rss.replace(
    '<item>',
    `<item><title>${title}</title><link>https://wire.example.com/extra/${n}</link><guid>extra-${n}</guid><pubDate>Tue, 0${n} Jun 2025 09:00:00 +0800</pubDate><description>${EXTRA[n]}</description></item><item>`,
  );
}

describe('email digests when the mail server fails', () => {
  let smtp: TestSmtp;
  let port: number;
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let subId: number;
  let version = 1;
  const run = async () => (await app.api('/api/digests/run', { method: 'POST' })).body as { sent: number; failed: number };
  const page = async () => (await fetch(`${app.url}/subscriptions`)).text();
  const deliveries = () => deliveriesOf(app.ctx.db, subId);
  const publish = async (n: number, title: string) => {
    feeds.routes.set('/news.rss', serveBody(withStory(n, title), 'application/rss+xml; charset=utf-8', `"v${++version}"`));
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body).toMatchObject({ failed: 0, newMatches: 1 });
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    port = smtp.port;
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8', '"v1"') });
    const appPort = await freePort();
    app = await startTestApp({ PORT: String(appPort), BASE_URL: `http://127.0.0.1:${appPort}`, SMTP_URL: smtp.url });
    const c = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }] },
    });
    const sub = await app.api('/api/subscriptions', { method: 'POST', json: { caseId: c.body.id, channel: 'email', target: 'reader@example.com', frequency: 'immediate' } });
    subId = sub.body.id;
    const link = smtp.received[0]!.parsed.text!.match(/http\S+\/confirm\/\S+/)![0];
    expect((await fetch(link)).status).toBe(200);
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await feeds.close();
    await smtp.close();
  });

  it('keeps the digest and says why when the server refuses the connection', async () => {
    await smtp.close();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).status).toBe(201);
    expect(await run()).toEqual({ sent: 0, failed: 1 });
    const html = await page();
    expect(html).toContain('could not reach the mail server');
    expect(html).toContain('ECONNREFUSED');
    expect(html).toContain('(the last delivery failed; casewatch tries again');
    expect(deliveries().map((d) => d.state)).toEqual(['retry', 'retry']);
  });

  it('retries after a temporary refusal (451); a story published meanwhile waits for the next digest', async () => {
    smtp = await startSmtp(port);
    smtp.mode = 'tempfail';
    await publish(1, 'ByteDance v. Tian Keyu hearing adjourned');
    expect(await run()).toEqual({ sent: 0, failed: 1 });
    expect(await page()).toContain('mail server answered 451 greylisted, try again later (a temporary refusal)');
    expect(smtp.attempts).toHaveLength(1);
  });

  it('keeps retrying after a permanent refusal (550) and shows it as such; an email subscription is never switched off', async () => {
    smtp.mode = 'reject';
    expect(await run()).toEqual({ sent: 0, failed: 1 });
    const html = await page();
    expect(html).toContain('mail server answered 550 mailbox unavailable (a permanent refusal: check the address and the server settings)');
    expect(html).toContain('(the last 3 deliveries failed; casewatch tries again');
    expect((await app.api('/api/subscriptions')).body.subscriptions[0]).toMatchObject({ disabledReason: null, consecutiveFailures: 3 });
  });

  it('retries after the connection drops in the middle of DATA', async () => {
    smtp.mode = 'drop';
    expect(await run()).toEqual({ sent: 0, failed: 1 });
    expect(await page()).toContain('the connection to the mail server broke off');
    expect(smtp.received).toHaveLength(0);
  });

  it('then sends the very same message once, and the newer story in a digest of its own', async () => {
    smtp.mode = 'accept';
    expect(await run()).toEqual({ sent: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const [held, newer] = smtp.received.map((m) => m.parsed);
    // Every attempt carried one Message-ID: a copy that got through in spite of an error is recognisable.
    expect(new Set([...smtp.attempts.slice(0, -1), held!.messageId])).toEqual(new Set([held!.messageId]));
    expect(held!.subject).toBe('ByteDance v. Tian Keyu: 2 new stories (filed)');
    expect(held!.text).not.toContain('hearing adjourned');
    expect(newer!.subject).toMatch(/^ByteDance v\. Tian Keyu: 1 new story/);
    expect(newer!.text).toContain('ByteDance v. Tian Keyu hearing adjourned');

    expect(await run()).toEqual({ sent: 0, failed: 0 });
    const d = deliveries();
    expect(d).toHaveLength(3);
    expect(new Set(d.map((x) => x.storyId)).size).toBe(3);
    expect(d.every((x) => x.state === 'sent')).toBe(true);
    const html = await page();
    expect(html).toContain('active');
    expect(html).toContain('last problem (since resolved)');
    expect(html).toContain('3 stories sent');
  });

  it('after a crash between the send and its record, sends the identical digest once more and nothing else twice', async () => {
    await publish(2, 'ByteDance v. Tian Keyu trial date set');
    const real = smtpMailer(smtp.url, { timeoutMs: 5000 });
    // The message reaches the server, then the process "dies" before the outcome is written.
    const crashing: Mailer = {
      send: async (m) => {
        await real.send(m);
        throw new Error('process killed');
      },
      close: () => real.close(),
    };
    const deps = { db: app.ctx.db, log: silentLogger, baseUrl: app.ctx.config.baseUrl, mailFrom: app.ctx.config.mailFrom };
    expect(await sendDigests({ ...deps, mailer: crashing }, { force: true })).toEqual({ sent: 0, failed: 1 });
    expect(smtp.received).toHaveLength(3);
    const first = smtp.received[2]!.parsed;
    expect(deliveries().filter((d) => d.state === 'sending')).toHaveLength(1);

    // Restarted, within the lease the digest may still be in flight elsewhere: nothing is sent, nothing new is claimed.
    await publish(3, 'ByteDance v. Tian Keyu settlement talks');
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(3);

    const later = () => new Date(Date.now() + 11 * 60_000);
    expect(await sendDigests({ ...deps, mailer: real, now: later }, { force: true })).toEqual({ sent: 2, failed: 0 });
    const [again, next] = smtp.received.slice(3).map((m) => m.parsed);
    expect(again!.messageId).toBe(first.messageId);
    expect(again!.subject).toBe(first.subject);
    expect(again!.text).toBe(first.text);
    expect(next!.text).toContain('settlement talks');
    expect(next!.text).not.toContain('trial date set');
    real.close();

    expect(await run()).toEqual({ sent: 0, failed: 0 });
    const d = deliveries();
    expect(d).toHaveLength(5);
    expect(new Set(d.map((x) => x.storyId)).size).toBe(5);
    expect(d.every((x) => x.state === 'sent')).toBe(true);
  });
});

describe('a confirmation email that cannot be sent', () => {
  it('is shown on the page and sent by the next digest run once the server is back', async () => {
    const smtpPort = await freePort();
    const appPort = await freePort();
    const app = await startTestApp({ PORT: String(appPort), BASE_URL: `http://127.0.0.1:${appPort}`, SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?ignoreTLS=true` });
    const res = await app.api('/api/subscriptions', { method: 'POST', json: { channel: 'email', target: 'reader@example.com' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ confirmed: false, consecutiveFailures: 1, lastError: expect.stringMatching(/^confirmation email not sent: could not reach the mail server/) });
    const html = await (await fetch(`${app.url}/subscriptions`)).text();
    expect(html).toContain('not confirmed');
    expect(html).toContain('confirmation email not sent: could not reach the mail server');

    const smtp = await startSmtp(smtpPort);
    try {
      expect((await app.api('/api/digests/run', { method: 'POST' })).body).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received.map((m) => m.parsed.subject)).toEqual(['Confirm your casewatch digest for all cases']);
      expect((await app.api('/api/digests/run', { method: 'POST' })).body).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(await (await fetch(`${app.url}/subscriptions`)).text()).toContain('waiting for confirmation');
    } finally {
      await smtp.close();
    }
  });
});

describe('smtpMailer options on the URL', () => {
  it('ignoreTLS=true keeps a plain connection to a server that offers STARTTLS with a certificate the client cannot verify', async () => {
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({ authOptional: true, logger: false, onData: (s, _x, cb) => s.on('data', () => undefined).on('end', () => cb()) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as { port: number }).port;
    const mail = { to: 'a@example.com', from: 'b@example.com', subject: 's', text: 't', html: '<p>t</p>', messageId: '<m@x>' };
    try {
      const upgrading = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 5000 });
      const refused = await upgrading.send(mail);
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/certificate/i) });
      upgrading.close();
      const plain = smtpMailer(`smtp://127.0.0.1:${port}/?ignoreTLS=true`, { timeoutMs: 5000 });
      expect(await plain.send(mail)).toEqual({ ok: true, messageId: '<m@x>' });
      plain.close();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
