// The outbox as a reader meets it: each .eml shown decoded (subject, HTML part, Chinese as Chinese), the raw
// source one click away; checked against mailparser, an independent MIME parser.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmSubscription } from '../../db/subscriptions.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url), 'utf8');
const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).sort();

describe('the outbox page', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let feeds: FeedServer;
  let digest: { view: string; raw: string };

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8') });
    app = await startTestApp();
    // A digest carries what arrives after the subscription: subscribe first, then the case and its stories.
    const sub = (await app.api('/api/subscriptions', { method: 'POST', json: { channel: 'email', target: 'reader@example.com', frequency: 'immediate' } })).body;
    confirmSubscription(app.ctx.db, sub.id, app.ctx.now());
    const parties = [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }];
    await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties } });
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    expect((await app.api('/api/digests/run', { method: 'POST' })).body).toMatchObject({ sent: 1, failed: 0 });
    const list = await (await fetch(`${app.url}/subscriptions`)).text();
    const item = /<li><a href="(\/subscriptions\/outbox\/[^"]+\/view)">ByteDance v\. Tian Keyu[^<]*<\/a>.*?<a class="small" href="([^"]+)"/.exec(list);
    expect(item, 'the digest is listed by its subject').not.toBeNull();
    digest = { view: item![1]!, raw: item![2]! };
  });
  afterAll(() => feeds.close());

  it('renders the digest decoded, as the subscriber reads it, with Chinese as Chinese', async () => {
    const res = await fetch(app.url + digest.view);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('字节跳动起诉前实习生田柯宇 索赔800万元');
    expect(page).toContain('<dt>To</dt><dd>reader@example.com</dd>');
    expect(page).toMatch(/<h1>ByteDance v\. Tian Keyu: 2 new stories/);
    // No transfer encoding left over: quoted-printable would show as "=E5=AD=97" and soft breaks as "=\n".
    expect(page).not.toMatch(/=[0-9A-F]{2}=[0-9A-F]{2}/);
    expect(page).toContain(`<a href="${digest.raw}">Raw source (.eml)</a>`);
  });

  it('shows the same links and text as an independent MIME parser finds, with nothing active left in', async () => {
    const raw = await fetch(app.url + digest.raw);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const source = await raw.text();
    expect(source).toContain('Content-Transfer-Encoding: quoted-printable');
    const parsed = await simpleParser(source);
    const page = await (await fetch(app.url + digest.view)).text();
    const shown = page.slice(page.indexOf('<article class="email-view"'), page.indexOf('</article>'));
    expect(hrefs(shown)).toEqual(hrefs(String(parsed.html)));
    expect(shown).toContain('You receive this because this address subscribed to casewatch digests.');
    // The page's CSP refuses inline styles: the email's own style attributes are dropped, not left to be refused.
    expect(shown).not.toMatch(/style=|<script|<img|<iframe/i);
    expect(page).toContain('<summary>Plain-text version</summary>');
    expect(page).toContain(parsed.text!.split('\n')[0]!);
  });

  it('answers 404 for a name that is not an outbox file', async () => {
    expect((await fetch(`${app.url}/subscriptions/outbox/..%2F..%2Ftest.db/view`)).status).toBe(404);
    expect((await fetch(`${app.url}/subscriptions/outbox/missing.eml/view`)).status).toBe(404);
  });
});
