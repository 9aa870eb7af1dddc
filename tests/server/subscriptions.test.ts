// Subscriptions through the API and the pages, with no mail server: the outbox, the forms, preview and token links.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../jobs/digestsHelpers.ts';
import { submitForm } from '../helpers/forms.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url), 'utf8');

describe('subscriptions without SMTP_URL', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let feeds: FeedServer;
  let caseId: number;
  const page = async (p: string) => {
    const res = await fetch(app.url + p);
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8') });
    const port = await freePort();
    app = await startTestApp({ PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` });
    caseId = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] } })).body.id;
  });
  afterAll(() => feeds.close());

  it.each([
    ['a bad address', { channel: 'email', target: 'not-an-address' }, 'target', 'must be an email address'],
    ['a webhook that is not http(s)', { channel: 'webhook', target: 'ftp://hooks.example.com/x' }, 'target', 'must be an http:// or https:// URL'],
    ['an unknown zone', { channel: 'email', target: 'a@example.com', timezone: 'Mars/Base' }, 'timezone', 'must be an IANA time zone such as "Europe/Berlin" or "UTC"'],
    ['hour 24', { channel: 'email', target: 'a@example.com', hour: 24 }, 'hour', /0.+23/],
    ['an unknown frequency', { channel: 'email', target: 'a@example.com', frequency: 'hourly' }, 'frequency', 'must be "immediate", "daily" or "weekly"'],
    ['an unknown case', { channel: 'email', target: 'a@example.com', caseId: 999 }, 'caseId', 'no such case'],
  ])('refuses %s with the field at fault', async (_name, body, path, message) => {
    const res = await app.api('/api/subscriptions', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ path, message: typeof message === 'string' ? message : expect.stringMatching(message) });
  });

  it('writes the confirmation to the outbox and lists it on the page, readable from there', async () => {
    const res = await app.api('/api/subscriptions', { method: 'POST', json: { caseId, channel: 'email', target: 'reader@example.com', frequency: 'weekly', weekday: 3, hour: 7, timezone: 'Europe/Berlin' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ frequency: 'weekly', weekday: 3, hour: 7, timezone: 'Europe/Berlin', confirmed: false, lastError: null });
    const list = await page('/subscriptions');
    expect(list.text).toContain('weekly on Wednesday at 07:00 Europe/Berlin');
    expect(list.text).toContain('waiting for confirmation');
    const name = list.text.match(/href="\/subscriptions\/outbox\/([^"]+\.eml)"/)?.[1];
    expect(name).toBeDefined();
    const eml = await page(`/subscriptions/outbox/${name}`);
    expect(eml.status).toBe(200);
    expect(eml.text).toContain('Subject: Confirm your casewatch digest for ByteDance v. Tian Keyu');
    expect((await page('/subscriptions/outbox/..%2F..%2Ftest.db')).status).toBe(404);
    expect((await page('/subscriptions/outbox/missing.eml')).status).toBe(404);

    // Stories, confirmation, then "send now": the digest lands in the outbox too.
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).status).toBe(201);
    const parsed = await simpleParser(eml.text);
    const token = parsed.text!.match(/\/confirm\/([A-Za-z0-9_-]+)/)![1];
    expect((await page(`/confirm/${token}`)).status).toBe(200);
    const sent = await submitForm(app.url, '/subscriptions', '/digests/run');
    expect(sent.status).toBe(200);
    const after = await sent.text();
    expect(after).toContain('Sent 1 digest.');
    expect([...after.matchAll(/\.eml<\/a>/g)]).toHaveLength(2);
    // The English report and the Chinese one, which names the defendant only in Han characters (田柯宇): the
    // pinyin watch "Tian Keyu" finds it.
    expect(after).toContain('2 stories sent');
  });

  it('confirm and unsubscribe links with an unknown token answer 404', async () => {
    expect((await page('/confirm/abcdefghijklmnopqrstuvwx')).status).toBe(404);
    expect((await page('/confirm/short')).status).toBe(404);
    const post = await fetch(`${app.url}/unsubscribe/abcdefghijklmnopqrstuvwx`, { method: 'POST' });
    expect(post.status).toBe(404);
    const ask = await page('/unsubscribe/abcdefghijklmnopqrstuvwx');
    expect(ask.status).toBe(404);
    expect(ask.text).toContain('This unsubscribe link is unknown or was already used.');
  });

  it('subscribes through the form, keeps what was typed when a field is wrong, and refuses a form without its CSRF token', async () => {
    const bad = await submitForm(app.url, '/subscriptions', '/subscriptions', { caseId: String(caseId), channel: 'webhook', target: 'not a url', frequency: 'daily', hour: '9', weekday: '1', timezone: 'UTC' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('must be an http:// or https:// URL');
    expect(badHtml).toContain('value="not a url"');

    const ok = await submitForm(app.url, '/subscriptions', '/subscriptions', { caseId: '', channel: 'webhook', target: 'https://hooks.example.com/casewatch', frequency: 'immediate', hour: '', weekday: '', timezone: '' });
    expect(ok.status).toBe(201);
    expect(await ok.text()).toContain('Webhook added.');
    const hook = (await app.api('/api/subscriptions')).body.subscriptions.find((s: { channel: string }) => s.channel === 'webhook');
    expect(hook).toMatchObject({ caseId: null, frequency: 'immediate', confirmed: true, timezone: 'UTC' });

    const noToken = await fetch(`${app.url}/subscriptions/${hook.id}/delete`, { method: 'POST', redirect: 'manual' });
    expect(noToken.status).toBe(403);
    const removed = await submitForm(app.url, '/subscriptions', `/subscriptions/${hook.id}/delete`);
    expect(removed.status).toBe(303);
    expect((await app.api(`/api/subscriptions/${hook.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('previews a fresh subscription as having nothing new; an unknown one is 404', async () => {
    const hook = await app.api('/api/subscriptions', { method: 'POST', json: { caseId: null, channel: 'webhook', target: 'https://hooks.example.com/all' } });
    const empty = await page(`/subscriptions/${hook.body.id}/preview`);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Nothing new since the last digest');
    expect((await page('/subscriptions/999/preview')).status).toBe(404);
    expect((await app.api(`/api/subscriptions/${hook.body.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});
