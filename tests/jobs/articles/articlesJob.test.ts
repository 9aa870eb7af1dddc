// The article job on loopback: teaser feeds whose links lead to realistic pages (charsets, redirects, a page too
// large, robots.txt, 429), aggregator links, per-host politeness, one request per URL, and the re-match.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedArticleCounts } from '../../../db/articles.ts';
import { insertCase } from '../../../db/cases.ts';
import { feedById, insertFeed } from '../../../db/feeds.ts';
import { recentJobs } from '../../../db/jobs.ts';
import { openDb, closeDb, inTransaction, type Db } from '../../../db/openDb.ts';
import { listStories, storyById } from '../../../db/stories.ts';
import { articlesJob, queueArticles } from '../../../jobs/articles/articlesJob.ts';
import { PageFetcher, type FetchFn } from '../../../jobs/articles/pageFetcher.ts';
import { fetchFeed } from '../../../jobs/fetchFeed.ts';
import { JobRunner } from '../../../jobs/jobRunner.ts';
import { silentLogger } from '../../../jobs/logger.ts';
import { MatcherCache } from '../../../app/matchStories.ts';
import { pollFeeds, type PollDeps } from '../../../jobs/pollFeeds.ts';
import { startFeedServer, type FeedServer, type Handler } from '../../helpers/feedServer.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/articles/${name}`, import.meta.url), 'utf8');
const html = (body: string | Buffer, type = 'text/html; charset=utf-8'): Handler => (_req, res) => void res.writeHead(200, { 'content-type': type }).end(body);
const redirect = (to: () => string, status = 302): Handler => (_req, res) => void res.writeHead(status, { location: to() }).end();

/** A page that holds no article, only a canonical link (Google's hop page, an AMP stub). */
const hopPage = (canonical: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Redirecting</title><link rel="canonical" href="${canonical}"></head><body><p>Opening the article…</p></body></html>`;

const rss = (items: { title: string; link: string; summary: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Teasers</title><link>http://example.org/</link><description>t</description>${items
    .map((i, n) => `<item><title>${i.title}</title><link>${i.link.replace(/&/g, '&amp;')}</link><guid>g${n}-${i.link.length}</guid><description>${i.summary}</description><pubDate>Tue, 01 Dec 2026 0${n % 10}:00:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`;

const SUMMARY = 'A technology group says a former intern tampered with its code.';
const LONG_SUMMARY = `ByteDance and a former intern met in court. ${'The hearing went on for hours as lawyers argued about logs and access. '.repeat(6)}`;
const GOOGLE_OPAQUE = 'CBMiK0FVX3lxTE1rZXhhbXBsZXRva2VuZm9ydGVzdHNvbmx5MTIzNDU2Nzg5MA';

describe('the article job', () => {
  let db: Db;
  let publisher: FeedServer;
  let other: FeedServer;
  let google: FeedServer;
  let feeds: FeedServer;
  let active = 0;
  let maxActive = 0;
  const requested: string[] = [];
  let busyFirstAt = 0;
  let busyRetryAt = 0;
  let caseA = 0;
  let caseB = 0;

  /** The real fetcher; news.google.com and bing.com go to loopback stand-ins so every request is counted. */
  const fetch: FetchFn = async (url, validators, opts) => {
    requested.push(url);
    const u = new URL(url);
    if (u.hostname === 'news.google.com') {
      const result = await fetchFeed(`${google.base}${u.pathname}${u.search}`, validators, opts);
      return result.kind === 'ok' && result.finalUrl.startsWith(google.base) ? { ...result, finalUrl: `https://news.google.com${result.finalUrl.slice(google.base.length)}` } : result;
    }
    if (u.hostname.endsWith('bing.com')) return { kind: 'blocked', message: 'the Bing stand-in must never be asked' };
    return fetchFeed(url, validators, opts);
  };

  const counted = (h: Handler): Handler => (req, res) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    res.on('close', () => (active -= 1));
    // Slow enough that requests overlap unless something holds them back.
    setTimeout(() => h(req, res), 80);
  };

  beforeAll(async () => {
    const big = `<!doctype html><html><head><meta charset="utf-8"><title>Live</title></head><body><article>${'<p>ByteDance hearing continues. '.repeat(130_000)}</p></article></body></html>`;
    const gbk = iconv.encode(fixture('zh-court.html').replace('charset=utf-8', 'charset=gbk'), 'gbk');
    // Shift_JIS declared only in the page: the response says text/html with no charset.
    const sjis = iconv.encode(fixture('ja-court.html').replace('<meta charset="UTF-8">', '<meta charset="Shift_JIS">'), 'shift_jis');
    publisher = await startFeedServer();
    const routes: Record<string, Handler> = {
      '/robots.txt': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /nothing-here/\n\nUser-agent: casewatch\nDisallow: /private/\n'),
      '/a/en': html(fixture('en-court.html')),
      '/a/zh': html(gbk, 'text/html; charset=gbk'),
      '/a/ja': html(sjis, 'text/html'),
      '/r/1': redirect(() => `${publisher.base}/r/2`, 301),
      '/r/2': redirect(() => '/a/moved'),
      '/a/moved': html(fixture('en-court.html').replace('A district court in Beijing', 'Second report. A district court in Beijing')),
      '/a/huge': html(big),
      '/private/en': html(fixture('en-court.html')),
      '/a/weather': html(fixture('en-court.html')),
      '/a/long': html(fixture('en-court.html')),
      '/a/busy': (_req, res) => {
        if (!busyFirstAt) {
          busyFirstAt = Date.now();
          return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
        }
        busyRetryAt ||= Date.now();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture('en-court.html'));
      },
    };
    for (const [p, h] of Object.entries(routes)) publisher.routes.set(p, counted(h));
    other = await startFeedServer({
      '/landing': html(hopPage('')),
      '/story': html(fixture('en-court.html').replace('A district court in Beijing', 'Via Google. A district court in Beijing')),
    });
    other.routes.set('/landing', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(hopPage(`${other.base}/story`)));
    google = await startFeedServer({
      [`/rss/articles/${GOOGLE_OPAQUE}`]: redirect(() => `${google.base}/hop`),
      '/hop': redirect(() => `${other.base}/landing`),
      [`/rss/articles/${GOOGLE_OPAQUE}stay`]: html('<!doctype html><html><head><title>Before you continue</title></head><body><form><button>Accept all</button></form></body></html>'),
    });
    const A = publisher.base;
    const bing = (target: string) => `https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=abc&url=${encodeURIComponent(target)}&c=123&mkt=en-us`;
    feeds = await startFeedServer({
      '/one.xml': html(
        rss([
          { title: 'ByteDance suit against former intern heard in Beijing', link: `${A}/a/en`, summary: SUMMARY },
          { title: '字节跳动诉前实习生案开庭', link: `${A}/a/zh`, summary: '案件在北京开庭审理。' },
          { title: 'ByteDance元インターン提訴、北京で審理', link: `${A}/a/ja`, summary: '北京の裁判所で審理が始まった。' },
          { title: 'ByteDance hearing: a second report', link: `${A}/r/1`, summary: SUMMARY },
          { title: 'ByteDance intern hearing live updates', link: `${A}/a/huge`, summary: SUMMARY },
          { title: 'ByteDance hearing behind a disallowed path', link: `${A}/private/en`, summary: SUMMARY },
          { title: 'ByteDance hearing on a busy site', link: `${A}/a/busy`, summary: SUMMARY },
          { title: 'Weather turns cold in Beijing', link: `${A}/a/weather`, summary: 'Snow is expected on Friday.' },
          { title: 'ByteDance intern case in full', link: `${A}/a/long`, summary: LONG_SUMMARY },
        ]),
        'application/rss+xml',
      ),
      '/two.xml': html(
        rss([
          { title: 'ByteDance suit against former intern heard - The Daily Ledger', link: bing(`${A}/a/en`), summary: 'Beijing court hears the case…' },
          { title: 'ByteDance intern suit heard - Google News', link: `https://news.google.com/rss/articles/${GOOGLE_OPAQUE}?oc=5`, summary: 'ByteDance intern suit heard' },
          { title: 'ByteDance intern suit, consent wall - Google News', link: `https://news.google.com/rss/articles/${GOOGLE_OPAQUE}stay?oc=5`, summary: 'ByteDance' },
        ]),
        'application/rss+xml',
      ),
    });
    db = openDb(path.join(tempDir(), 'articles.db'));
    const now = new Date('2026-12-01T12:00:00Z');
    inTransaction(db, () => {
      caseA = insertCase(db, {
        title: 'ByteDance v. Tian Keyu',
        court: "Haidian District People's Court",
        keywords: [],
        parties: [
          { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
          { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
        ],
      }, now).id;
      caseB = insertCase(db, {
        title: 'Tripp Logistics v. Halcyon Freight',
        keywords: [],
        parties: [
          { name: 'Tripp Logistics', role: 'plaintiff', aliases: [] },
          { name: 'Halcyon Freight', role: 'defendant', aliases: [] },
        ],
      }, now).id;
      insertFeed(db, { url: `${feeds.base}/one.xml` }, now);
      insertFeed(db, { url: `${feeds.base}/two.xml` }, now);
    });
  });

  afterAll(async () => {
    await Promise.all([publisher, other, google, feeds].map((s) => s?.close()));
    if (db) closeDb(db);
  });

  async function pollAndRead(): Promise<void> {
    const matchers = new MatcherCache();
    const now = () => new Date('2026-12-01T12:00:00Z');
    const pages = new PageFetcher({ fetch, fetchOptions: { allowPrivate: true }, perHost: 2, maxBytes: 2 * 1024 * 1024 });
    const jobs = new JobRunner({ db, log: silentLogger, now, handlers: { articles: articlesJob({ db, pages, matchers, log: silentLogger, now }) }, limits: { articles: 1 } });
    const poll: PollDeps = { db, fetch: fetchFeed, fetchOptions: { allowPrivate: true }, matchers, log: silentLogger, now, onStored: (ids) => void queueArticles(db, jobs, ids) };
    await pollFeeds(poll, { all: true });
    for (const job of recentJobs(db, { limit: 5, kinds: ['articles'] })) await jobs.wait(job.id);
    await jobs.close();
  }

  const story = (title: string) => {
    const row = listStories(db, { limit: 100 }).find((s) => s.title === title);
    if (!row) throw new Error(`no story ${title}`);
    return storyById(db, row.id)!;
  };
  const matchOf = (storyId: number, caseId: number) =>
    db.$client.prepare('select status, reasons from matches where story_id = ? and case_id = ?').get(storyId, caseId) as { status: string; reasons: string } | undefined;
  const hitsOf = (path: string) => requested.filter((u) => u.startsWith(publisher.base + path)).length;

  it('reads the article behind each teaser a case may need, in one job after the poll', { timeout: 30_000 }, async () => {
    await pollAndRead();
    const en = story('ByteDance suit against former intern heard in Beijing');
    expect(en.articleState).toBe('fetched');
    expect(en.articleText).toContain('The plaintiff, ByteDance, accuses former intern Tian Keyu');
    expect(en.publisherUrl).toBe('https://www.dailyledger.example/courts/2026/12/01/beijing-intern-sabotage-suit');
    expect(en.publisherName).toBe('The Daily Ledger');
    expect(en.articleFetchedAt).not.toBeNull();
  });

  it('decodes GBK from the header and Shift_JIS from <meta charset> alone', () => {
    expect(story('字节跳动诉前实习生案开庭').articleText).toContain('原告北京字节跳动科技有限公司起诉其前实习生田柯宇');
    expect(story('ByteDance元インターン提訴、北京で審理').articleText).toContain('元インターンの田柯宇氏が2024年');
  });

  it('follows a redirect chain, and fails a page too large with the reason', () => {
    expect(story('ByteDance hearing: a second report').articleText).toContain('Second report. A district court');
    const huge = story('ByteDance intern hearing live updates');
    expect(huge.articleState).toBe('failed');
    expect(huge.articleReason).toMatch(/larger than 2 MB/);
    expect(huge.articleText).toBeNull();
  });

  it('obeys robots.txt for the casewatch agent: skipped with the reason, the page never asked for', () => {
    const s = story('ByteDance hearing behind a disallowed path');
    expect(s.articleState).toBe('skipped');
    expect(s.articleReason).toMatch(/robots\.txt .* disallows it for casewatch/);
    expect(hitsOf('/private/')).toBe(0);
    expect(hitsOf('/robots.txt')).toBe(1);
  });

  it('waits as a 429 Retry-After says, then reads the page', () => {
    expect(story('ByteDance hearing on a busy site').articleState).toBe('fetched');
    expect(hitsOf('/a/busy')).toBe(2);
    expect(busyRetryAt - busyFirstAt).toBeGreaterThanOrEqual(950);
  });

  it('holds at most two requests at once to one host', () => {
    expect(maxActive).toBeLessThanOrEqual(2);
    expect(maxActive).toBe(2);
  });

  it('never fetches a story that matches no case, nor one whose feed gives more than a teaser', () => {
    expect(hitsOf('/a/weather')).toBe(0);
    expect(story('Weather turns cold in Beijing').articleState).toBe('none');
    expect(hitsOf('/a/long')).toBe(0);
    expect(story('ByteDance intern case in full').articleState).toBe('none');
  });

  it('resolves Bing links offline and asks for the same URL once for two feeds', () => {
    expect(requested.filter((u) => u.includes('bing.com'))).toEqual([]);
    expect(hitsOf('/a/en')).toBe(1);
    const viaBing = story('ByteDance suit against former intern heard - The Daily Ledger');
    expect(viaBing.articleState).toBe('fetched');
    expect(viaBing.articleText).toBe(story('ByteDance suit against former intern heard in Beijing').articleText);
    expect(viaBing.publisherUrl).toBe(story('ByteDance suit against former intern heard in Beijing').publisherUrl);
  });

  it('follows a Google News link through its redirects and the canonical link; one that stays on Google fails', () => {
    const g = story('ByteDance intern suit heard - Google News');
    expect(g.articleState).toBe('fetched');
    expect(g.articleText).toContain('Via Google. A district court');
    const stay = story('ByteDance intern suit, consent wall - Google News');
    expect(stay.articleState).toBe('failed');
    expect(stay.articleReason).toMatch(/stayed on news\.google\.com/);
  });

  it('matches the story again with its article: the defendant named only there, the sidebar not at all', () => {
    const en = story('ByteDance suit against former intern heard in Beijing');
    const m = matchOf(en.id, caseA);
    expect(m?.status).toBe('auto');
    expect(JSON.parse(m!.reasons).join('; ')).toContain('Tian Keyu (in the article)');
    // The related box, "Read more" line, comments and sidebar name the other case's parties: no match there.
    expect(matchOf(en.id, caseB)).toBeUndefined();
    expect(db.$client.prepare('select count(*) from matches where case_id = ?').pluck().get(caseB)).toBe(0);
  });

  it('merges the copies found through an aggregator into one timeline entry', () => {
    const direct = story('ByteDance suit against former intern heard in Beijing');
    const viaBing = story('ByteDance suit against former intern heard - The Daily Ledger');
    const leads = db.$client.prepare('select story_id as id, lead_story_id as lead from matches where case_id = ? and story_id in (?, ?)').all(caseA, direct.id, viaBing.id) as { id: number; lead: number | null }[];
    expect(leads).toHaveLength(2);
    expect(leads.filter((l) => l.lead === null)).toHaveLength(1);
  });

  it('finds a story by a word that is only in its article, in Latin and CJK search', () => {
    const en = story('ByteDance suit against former intern heard in Beijing');
    expect(listStories(db, { q: 'Haidian', limit: 50 }).map((s) => s.id)).toContain(en.id);
    expect(listStories(db, { q: 'Keyu', limit: 50 }).map((s) => s.id)).toContain(en.id);
    const zh = story('字节跳动诉前实习生案开庭');
    expect(listStories(db, { q: '柯宇', limit: 50 }).map((s) => s.id)).toContain(zh.id);
  });

  it('counts per feed what was read, failed and skipped, with the reasons', () => {
    const feedId = story('ByteDance intern hearing live updates').feedId!;
    const counts = feedArticleCounts(db, feedId);
    expect(counts).toMatchObject({ fetched: 5, failed: 1, skipped: 1 });
    expect(counts.reasons.map((r) => r.state).sort()).toEqual(['failed', 'skipped']);
    // A failed or skipped article is the article's problem, never the feed's.
    expect(feedById(db, feedId)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0, lastError: null });
  });

  it('does nothing more when run again: no new request, no change', { timeout: 20_000 }, async () => {
    const before = requested.length;
    const snapshot = db.$client.prepare('select id, article_state, article_text from stories order by id').all();
    await pollAndRead();
    expect(requested.length).toBe(before);
    expect(db.$client.prepare('select id, article_state, article_text from stories order by id').all()).toEqual(snapshot);
  });
});
