// Email digests end to end: the real app, a real SMTP server in this process, the mail parsed as a reader's client would.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { freePort, hrefs, rawHeader, rssOf, startSmtp, type TestSmtp } from './digestsHelpers.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url), 'utf8');
const FIRST = 'ByteDance sues former intern Tian Keyu for 8 million yuan over sabotaged model training';
const SECOND = '字节跳动起诉前实习生田柯宇 索赔800万元';
const NEW = 'Court rules for ByteDance against former intern Tian Keyu';
// The first story again from another outlet: the timeline folds it into the original.
const mirror = rssOf(
  [
    {
      title: FIRST,
      link: 'https://mirror.example.org/bytedance-intern-lawsuit',
      guid: 'mirror-1',
      date: 'Tue, 26 Nov 2024 11:00:00 +0800',
      description:
        "ByteDance has filed a lawsuit in Beijing's Haidian District People's Court against Tian Keyu, a former intern it accuses of tampering with code used to train its large language models, and is seeking 8 million yuan in damages.",
    },
  ],
  'Mirror Daily',
);

describe('email digests through a real SMTP server', () => {
  let smtp: TestSmtp;
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let base: string;
  let caseId: number;
  let subId: number;
  let unsubscribe: string;
  const run = async () => (await app.api('/api/digests/run', { method: 'POST' })).body as { sent: number; failed: number };

  beforeAll(async () => {
    smtp = await startSmtp();
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8', '"v1"'), '/mirror.rss': serveBody(mirror, 'application/rss+xml') });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp({ PORT: String(port), BASE_URL: base, SMTP_URL: smtp.url, MAIL_FROM: 'casewatch <digests@casewatch.test>' });
    const created = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: {
        title: 'ByteDance v. Tian Keyu',
        parties: [
          { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
          { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
        ],
        keywords: ['sabotage', '8 million yuan'],
      },
    });
    caseId = created.body.id;
  });
  afterAll(async () => {
    await feeds.close();
    await smtp.close();
  });

  it('sends the confirmation first and nothing else until its link is followed', async () => {
    const res = await app.api('/api/subscriptions', { method: 'POST', json: { caseId, channel: 'email', target: 'reader@example.com', frequency: 'immediate' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'email', confirmed: false, caseId });
    expect(res.body.secret).toBeUndefined();
    subId = res.body.id;

    expect(smtp.received).toHaveLength(1);
    const confirm = smtp.received[0]!.parsed;
    expect(confirm.subject).toBe('Confirm your casewatch digest for ByteDance v. Tian Keyu');
    const link = (confirm.text ?? '').match(/http\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
    expect(link?.startsWith(`${base}/confirm/`)).toBe(true);
    expect(hrefs(confirm.html)).toContain(link);

    // Stories join the timeline after the subscription was made, but the address is not confirmed yet.
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).status).toBe(201);
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/mirror.rss` } })).status).toBe(201);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await (await fetch(`${base}/subscriptions`)).text()).toContain('waiting for confirmation');

    const confirmed = await fetch(link!);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Subscription confirmed');
    expect((await app.api('/api/subscriptions')).body.subscriptions[0]).toMatchObject({ id: subId, confirmed: true });
  });

  it('sends one digest with a plain-text and an HTML part, the list headers and working links', async () => {
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const mail = smtp.received[1]!.parsed;
    expect(mail.subject).toBe('ByteDance v. Tian Keyu: 2 new stories (filed)');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('reader@example.com');
    expect(mail.from?.value).toEqual([{ name: 'casewatch', address: 'digests@casewatch.test' }]);
    expect(mail.messageId).toMatch(/^<digest\.\d+\.[0-9a-z]+\.[0-9a-f]{16}@127\.0\.0\.1>$/);

    const raw = smtp.received[1]!.raw;
    expect(rawHeader(raw, 'Content-Type')[0]).toMatch(/^multipart\/alternative;/);
    expect(rawHeader(raw, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
    const listUnsub = rawHeader(raw, 'List-Unsubscribe');
    expect(listUnsub).toHaveLength(1);
    expect(listUnsub[0]).toMatch(new RegExp(`^<${base}/unsubscribe/[A-Za-z0-9_-]{32}>$`));
    unsubscribe = listUnsub[0]!.slice(1, -1);
    expect(mail.headers.get('list')).toEqual({ unsubscribe: { url: unsubscribe }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });

    const text = mail.text ?? '';
    for (const want of [FIRST, SECOND, 'Test Wire, 2024-11-26, filed, 8 million yuan', 'Also reported by Mirror Daily', 'latest stage: filed', `Timeline: ${base}/cases/${caseId}`, 'https://wire.example.com/2024/11/26/bytedance-sues-former-intern', `Unsubscribe: ${unsubscribe}`]) {
      expect(text).toContain(want);
    }
    expect(text).toContain("ByteDance has filed a lawsuit in Beijing's Haidian District People's Court");
    expect(text).not.toContain('video editing app');
    // The copy is folded, not listed: each story title appears once.
    expect(text.split(FIRST)).toHaveLength(2);

    const links = hrefs(mail.html);
    expect(links).toEqual(expect.arrayContaining([`${base}/cases/${caseId}`, 'https://wire.example.com/2024/11/26/bytedance-sues-former-intern', 'https://wire.example.com/2024/11/27/zijie-qisu', unsubscribe]));
    expect(mail.html).toContain('Also reported by Mirror Daily');
    expect((await fetch(`${base}/cases/${caseId}`)).status).toBe(200);
  });

  it('sends nothing on a second run', async () => {
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const page = await (await fetch(`${base}/subscriptions/${subId}/preview`)).text();
    expect(page).toContain('Nothing new since the last digest');
  });

  it('sends a digest with only the story that joined the timeline since', async () => {
    const updated = rss.replace(
      '<item>',
      `<item><title>${NEW}</title><link>https://wire.example.com/2025/06/03/ruling</link><guid>wire-5</guid><pubDate>Tue, 03 Jun 2025 09:00:00 +0800</pubDate><description>The Haidian District People's Court ordered Tian Keyu to pay ByteDance 300,000 yuan in damages over the sabotage.</description></item><item>`,
    );
    feeds.routes.set('/news.rss', serveBody(updated, 'application/rss+xml; charset=utf-8', '"v2"'));
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body).toMatchObject({ failed: 0, newMatches: 1 });
    const preview = await (await fetch(`${base}/subscriptions/${subId}/preview`)).text();
    expect(preview).toContain('ByteDance v. Tian Keyu: 1 new story (ruling)');

    expect(await run()).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received[2]!.parsed;
    expect(mail.subject).toBe('ByteDance v. Tian Keyu: 1 new story (ruling)');
    expect(mail.text).toContain(NEW);
    expect(mail.text).toContain('300,000 yuan');
    for (const old of [FIRST, SECOND]) expect(mail.text).not.toContain(old);
    expect(mail.messageId).not.toBe(smtp.received[1]!.parsed.messageId);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
  });

  it('unsubscribes with one POST to the link in the header, without login; a GET only asks', async () => {
    const ask = await fetch(unsubscribe);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toMatch(/<form method="post" action="\/unsubscribe\/[A-Za-z0-9_-]+"><button type="submit">Unsubscribe<\/button>/);
    expect((await app.api('/api/subscriptions')).body.subscriptions).toHaveLength(1);

    // What a mail client sends for RFC 8058 one-click.
    const post = () => fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const done = await post();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Unsubscribed');
    expect((await app.api('/api/subscriptions')).body.subscriptions).toEqual([]);
    expect((await post()).status).toBe(404);
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(3);
  });
});
