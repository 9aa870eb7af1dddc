// Webhook digests: signed JSON with a Slack-style text, retries after a 500 and a timeout, switched off after repeated failure.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_MAX_FAILURES } from '../../core/digest.ts';
import { deliveriesOf } from '../../db/deliveries.ts';
import { silentLogger } from '../../jobs/logger.ts';
import { sendDigests } from '../../jobs/sendDigests.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { submitForm } from '../helpers/forms.ts';
import { freePort } from './digestsHelpers.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url), 'utf8');
const EXTRA = [
  'The Haidian court postponed the hearing in the ByteDance lawsuit against Tian Keyu after new evidence was filed.',
  'Judges scheduled the trial of Tian Keyu for September; ByteDance maintains he sabotaged model training.',
];

interface Hit {
  headers: IncomingMessage['headers'];
  raw: string;
}

describe('webhook digests', () => {
  let feeds: FeedServer;
  let receiver: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let subId: number;
  let secret: string;
  let answer: 'ok' | 'error' | 'hang' = 'error';
  const hits: Hit[] = [];
  const run = async () => (await app.api('/api/digests/run', { method: 'POST' })).body as { sent: number; failed: number };
  const page = async () => (await fetch(`${app.url}/subscriptions`)).text();
  const publish = async (n: number, title: string) => {
    const item = `<item><title>${title}</title><link>https://wire.example.com/extra/${n}</link><guid>extra-${n}</guid><pubDate>Tue, 0${n + 1} Jun 2025 09:00:00 +0800</pubDate><description>${EXTRA[n]}</description></item><item>`;
    feeds.routes.set('/news.rss', serveBody(rss.replace('<item>', item), 'application/rss+xml; charset=utf-8', `"x${n}"`));
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body).toMatchObject({ failed: 0, newMatches: 1 });
  };

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8', '"v1"') });
    receiver = await startFeedServer({
      '/hook': (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          hits.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
          if (answer === 'ok') res.writeHead(200).end('ok');
          else if (answer === 'error') res.writeHead(500).end('boom');
          // 'hang': never answer; the sender's timeout must end the wait.
        });
      },
    });
    const port = await freePort();
    app = await startTestApp({ PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await feeds.close();
    await receiver.close();
  });

  it('returns the signing secret once, at creation', async () => {
    const c = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }] },
    });
    const res = await app.api('/api/subscriptions', { method: 'POST', json: { caseId: c.body.id, channel: 'webhook', target: `${receiver.base}/hook`, frequency: 'immediate' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'webhook', confirmed: true, secret: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    subId = res.body.id;
    secret = res.body.secret;
    const listed = (await app.api('/api/subscriptions')).body.subscriptions[0];
    expect(listed.secret).toBeUndefined();
    expect(JSON.stringify((await app.api('/api/subscriptions')).body)).not.toContain(secret);
  });

  it('retries after a 500 and then delivers a signed payload once', async () => {
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).status).toBe(201);
    expect(await run()).toEqual({ sent: 0, failed: 1 });
    expect(await page()).toContain('webhook answered HTTP 500 Internal Server Error');
    answer = 'ok';
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    expect(await run()).toEqual({ sent: 0, failed: 0 });

    expect(hits).toHaveLength(2);
    for (const hit of hits) {
      // What a receiver does: HMAC-SHA256 of the raw body with the secret, compared in constant time.
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(hit.raw).digest('hex')}`);
      const got = Buffer.from(String(hit.headers['x-casewatch-signature']));
      expect(got.length === expected.length && timingSafeEqual(got, expected)).toBe(true);
      expect(hit.headers['content-type']).toBe('application/json');
    }
    expect(hits[1]!.raw).toBe(hits[0]!.raw);
    expect(hits[1]!.headers['x-casewatch-delivery']).toBe(hits[0]!.headers['x-casewatch-delivery']);

    const body = JSON.parse(hits[1]!.raw);
    expect(body.id).toBe(hits[1]!.headers['x-casewatch-delivery']);
    expect(body.subject).toBe('ByteDance v. Tian Keyu: 2 new stories (filed)');
    expect(body.text.split('\n')[0]).toBe('ByteDance v. Tian Keyu: 2 new stories (filed)');
    expect(body.text).toContain('<https://wire.example.com/2024/11/26/bytedance-sues-former-intern|ByteDance sues former intern Tian Keyu for 8 million yuan over sabotaged model training>');
    expect(body.cases).toHaveLength(1);
    expect(body.cases[0].entries.map((e: { title: string }) => e.title)).toEqual([
      'ByteDance sues former intern Tian Keyu for 8 million yuan over sabotaged model training',
      '字节跳动起诉前实习生田柯宇 索赔800万元',
    ]);
    expect(body.cases[0].entries[0]).toMatchObject({ source: 'Test Wire', stage: 'filed', amounts: ['8 million yuan'], publishedAt: '2024-11-26T01:30:00.000Z' });

    const wrong = `sha256=${createHmac('sha256', 'not the secret').update(hits[1]!.raw).digest('hex')}`;
    expect(hits[1]!.headers['x-casewatch-signature']).not.toBe(wrong);
    expect(deliveriesOf(app.ctx.db, subId).map((d) => d.state)).toEqual(['sent', 'sent']);
  });

  it('gives up on a webhook that does not answer within the timeout, and retries', async () => {
    answer = 'hang';
    await publish(0, 'ByteDance v. Tian Keyu hearing adjourned');
    const preview = await (await fetch(`${app.url}/subscriptions/${subId}/preview`)).text();
    expect(preview).toContain('<strong>Subject:</strong> ByteDance v. Tian Keyu: 1 new story');
    expect(preview).toContain('&quot;text&quot;: &quot;ByteDance v. Tian Keyu: 1 new story');
    expect(preview).toContain('&quot;title&quot;: &quot;ByteDance v. Tian Keyu hearing adjourned&quot;');
    const started = Date.now();
    const deps = { db: app.ctx.db, mailer: app.ctx.mailer, log: silentLogger, baseUrl: app.ctx.config.baseUrl, mailFrom: app.ctx.config.mailFrom, webhookTimeoutMs: 300, allowPrivate: true };
    expect(await app.ctx.digestLock.run(() => sendDigests(deps, { force: true })).done).toEqual({ sent: 0, failed: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await page()).toContain('webhook did not answer within 300 ms');
    expect(await (await fetch(`${app.url}/subscriptions/${subId}/preview`)).text()).toContain('failed to go out and is waiting for its retry');
    answer = 'ok';
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    const body = JSON.parse(hits.at(-1)!.raw);
    expect(body.cases[0].entries.map((e: { title: string }) => e.title)).toEqual(['ByteDance v. Tian Keyu hearing adjourned']);
  });

  it(`switches the webhook off after ${WEBHOOK_MAX_FAILURES} failures in a row, shows why, and keeps the stories for a resume`, async () => {
    answer = 'error';
    await publish(1, 'ByteDance v. Tian Keyu trial date set');
    for (let i = 0; i < WEBHOOK_MAX_FAILURES; i++) expect(await run()).toEqual({ sent: 0, failed: 1 });
    const before = hits.length;
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(hits).toHaveLength(before);
    const html = await page();
    expect(html).toContain(`switched off after ${WEBHOOK_MAX_FAILURES} failed deliveries in a row (last: webhook answered HTTP 500 Internal Server Error)`);
    expect(html).toContain(`action="/subscriptions/${subId}/resume"`);

    const resumed = await submitForm(app.url, '/subscriptions', `/subscriptions/${subId}/resume`);
    expect(resumed.status).toBe(303);
    expect((await app.api('/api/subscriptions')).body.subscriptions[0]).toMatchObject({ disabledReason: null, consecutiveFailures: 0 });
    answer = 'ok';
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    expect(JSON.parse(hits.at(-1)!.raw).cases[0].entries.map((e: { title: string }) => e.title)).toEqual(['ByteDance v. Tian Keyu trial date set']);
    const d = deliveriesOf(app.ctx.db, subId);
    expect(d).toHaveLength(4);
    expect(new Set(d.map((x) => x.storyId)).size).toBe(4);
    expect(d.every((x) => x.state === 'sent')).toBe(true);
  });
});
