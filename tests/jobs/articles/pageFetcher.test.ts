// The polite page fetcher on loopback: Retry-After in seconds and as a date, waits too long to honour, robots.txt
// that cannot be read, pages that are not web pages, and the SSRF guard of the feed fetcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageFetcher } from '../../../jobs/articles/pageFetcher.ts';
import { fetchFeed } from '../../../jobs/fetchFeed.ts';
import { startFeedServer, type FeedServer } from '../../helpers/feedServer.ts';

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><p>Hello.</p></body></html>';

describe('the page fetcher', () => {
  let site: FeedServer;
  let broken: FeedServer;
  let dated = 0;
  const fetcher = (extra: Partial<ConstructorParameters<typeof PageFetcher>[0]> = {}) =>
    new PageFetcher({ fetch: fetchFeed, fetchOptions: { allowPrivate: true }, ...extra });

  beforeAll(async () => {
    site = await startFeedServer({
      '/page': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
      '/pdf': (_req, res) => void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'),
      '/later': (_req, res) => void res.writeHead(503, { 'retry-after': '7200' }).end(),
      '/dated': (_req, res) => {
        dated += 1;
        if (dated === 1) return void res.writeHead(429, { 'retry-after': new Date(Date.now() + 1500).toUTCString() }).end();
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      },
    });
    broken = await startFeedServer({
      '/robots.txt': (_req, res) => void res.writeHead(500).end(),
      '/page': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    });
  });
  afterAll(async () => {
    await site?.close();
    await broken?.close();
  });

  it('reads a page, and asks for robots.txt once per host', async () => {
    const pages = fetcher();
    expect(await pages.page(`${site.base}/page`)).toMatchObject({ kind: 'page', finalUrl: `${site.base}/page` });
    expect(await pages.page(`${site.base}/page?again`)).toMatchObject({ kind: 'page' });
    expect(site.hits.get('/robots.txt')).toBe(1);
  });

  it('fails a body that is not a web page, with its type', async () => {
    expect(await fetcher().page(`${site.base}/pdf`)).toEqual({ kind: 'failed', reason: 'not a web page (application/pdf)' });
  });

  it('waits for a Retry-After given as an HTTP date', { timeout: 10_000 }, async () => {
    const started = Date.now();
    expect(await fetcher().page(`${site.base}/dated`)).toMatchObject({ kind: 'page' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(dated).toBe(2);
  });

  it('does not wait for hours: the article fails with the wait asked, and the host gets no more requests meanwhile', async () => {
    const pages = fetcher({ maxRetryWaitSec: 30 });
    expect(await pages.page(`${site.base}/later`)).toEqual({ kind: 'failed', reason: `HTTP 503 Service Unavailable: ${new URL(site.base).host} asked to wait 7200 s` });
    const before = site.hits.get('/page') ?? 0;
    expect(await pages.page(`${site.base}/page`)).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/asked to wait \d+ s before more requests/) });
    expect(site.hits.get('/page') ?? 0).toBe(before);
  });

  it('skips the pages of a host whose robots.txt cannot be read', async () => {
    expect(await fetcher().page(`${broken.base}/page`)).toEqual({ kind: 'skipped', reason: `robots.txt of ${new URL(broken.base).host} could not be read: HTTP 500 Internal Server Error` });
    expect(broken.hits.get('/page') ?? 0).toBe(0);
  });

  it('keeps the feed fetcher\'s SSRF guard: loopback is refused unless private addresses are allowed', async () => {
    const pages = new PageFetcher({ fetch: fetchFeed, fetchOptions: { allowPrivate: false } });
    const r = await pages.page(`${site.base}/page`);
    expect(r.kind).toBe('failed');
    expect(r.kind !== 'page' && r.reason).toMatch(/refused: 127\.0\.0\.1 is a private address/);
    expect(await pages.page('javascript:alert(1)')).toEqual({ kind: 'failed', reason: 'not an http(s) link' });
  });
});
