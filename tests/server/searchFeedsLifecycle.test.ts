// A case's news-search feeds across its edits: stories and the user's rejections must survive a changed query.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedById, type FeedRow } from '../../db/feeds.ts';
import { pollOneFeed } from '../../jobs/pollFeeds.ts';
import { startTestApp } from '../helpers/app.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));

interface Feed {
  id: number;
  url: string;
  title: string;
  caseId: number | null;
  storyCount: number;
}

describe('per-case news-search feeds across edits', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  // The search URLs point at Google and Bing. A case's new search feeds are fetched at once when it is saved:
  // this fetcher records each attempt and answers it without the network, so only search URLs may show up here.
  const fetched: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ SEARCH_FEEDS: 'on' });
    app.ctx.poll.fetch = async (url) => {
      fetched.push(url);
      return { kind: 'networkError', message: 'tests never fetch' };
    };
  });
  afterAll(() => expect(fetched.filter((u) => !/^https:\/\/(news\.google\.com\/rss\/search|www\.bing\.com\/news\/search)\?/.test(u))).toEqual([]));

  const searchFeeds = async (caseId: number): Promise<Feed[]> => (await app.api('/api/feeds')).body.feeds.filter((f: Feed) => f.caseId === caseId);
  const edition = (f: Feed) => `${new URL(f.url).host} ${new URL(f.url).searchParams.get('hl') ?? new URL(f.url).searchParams.get('mkt')}`;
  const storyIds = async (feedId: number): Promise<number[]> => (await app.api(`/api/stories?feedId=${feedId}`)).body.stories.map((s: { id: number }) => s.id).sort();
  const onTimeline = async (caseId: number): Promise<number[]> => {
    const t = (await app.api(`/api/cases/${caseId}/timeline`)).body;
    return [...t.entries, ...t.review].flatMap((e: { storyId: number; duplicates: { storyId: number }[] }) => [e.storyId, ...e.duplicates.map((d) => d.storyId)]);
  };
  /** What a poll of the search would store, handed to the real poller as already-fetched bytes. */
  const pollWith = (feed: FeedRow, etag: string) =>
    pollOneFeed(app.ctx.poll, feed, {
      kind: 'ok',
      finalUrl: feed.url,
      permanentRedirectTo: null,
      status: 200,
      contentType: 'application/rss+xml',
      body: rss,
      validators: { etag, lastModified: 'Wed, 27 Nov 2024 10:00:00 GMT' },
      cacheMaxAgeSec: null,
    });
  const patch = (id: number, json: unknown) => app.api(`/api/cases/${id}?wait=true`, { method: 'PATCH', json });
  const englishParties = (byteDanceAliases: string[]) => [
    { name: 'ByteDance', role: 'plaintiff', aliases: byteDanceAliases },
    { name: 'Tian Keyu', role: 'defendant', aliases: [] },
  ];

  it('keep their ids, stories and the rejections when the query changes', async () => {
    const parties = (aliases: string[]) => [
      { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动', ...aliases] },
      { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
    ];
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties: parties([]) } })).body;
    const before = await searchFeeds(c.id);
    expect(before.map(edition)).toEqual(['news.google.com en-US', 'www.bing.com en-US', 'news.google.com zh-CN', 'www.bing.com zh-CN']);
    // Saved with ?wait=true: the answer came after the first fetch of all four (here, each refused).
    expect(c.fetchJob).toMatchObject({ kind: 'import', state: 'done', done: 4, total: 4 });
    expect(fetched.filter((u) => before.some((f) => f.url === u))).toHaveLength(4);
    const google = before[0]!;
    expect(await pollWith(feedById(app.ctx.db, google.id)!, '"v1"')).toMatchObject({ kind: 'fetched', newStories: 4 });
    const stories = await storyIds(google.id);
    const sued = (await app.api(`/api/cases/${c.id}/timeline`)).body.entries.find((e: { title: string }) => e.title.startsWith('ByteDance sues'));
    expect((await app.api(`/api/cases/${c.id}/stories/${sued.storyId}`, { method: 'POST', json: { decision: 'reject' } })).status).toBe(200);
    const kept = await onTimeline(c.id);
    expect(kept.length).toBeGreaterThan(0); // the Chinese report stays
    expect(kept).not.toContain(sued.storyId);

    expect((await patch(c.id, { parties: parties(['Bytedance Ltd.']) })).status).toBe(200);
    const after = await searchFeeds(c.id);
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(new URL(after[0]!.url).searchParams.get('q')).toBe('("ByteDance" OR "Bytedance Ltd.") "Tian Keyu"');
    expect(after.slice(2).map((f) => f.url)).toEqual(before.slice(2).map((f) => f.url));
    expect(after[0]!.storyCount).toBe(4);
    // The old query's validators would let the new query answer 304: they go, and the new query is fetched at once
    // (the English Bing query changed too; the Chinese ones did not and are not fetched again).
    const row = feedById(app.ctx.db, google.id)!;
    expect(row).toMatchObject({ url: after[0]!.url, etag: null, lastModified: null });
    expect(fetched.filter((u) => u === after[0]!.url || u === after[1]!.url)).toHaveLength(2);
    expect(fetched.filter((u) => u === after[2]!.url)).toHaveLength(1);

    // The new query brings the same articles: they are the same stories, and the rejected one stays out.
    expect(await pollWith(row, '"v2"')).toMatchObject({ kind: 'fetched', newStories: 0 });
    expect(await storyIds(google.id)).toEqual(stories);
    expect(await onTimeline(c.id)).toEqual(kept);
  });

  it('add and remove only the edition a Chinese alias calls for', async () => {
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian', parties: englishParties(['TikTok owner']) } })).body;
    const [google] = await searchFeeds(c.id);
    await pollWith(feedById(app.ctx.db, google!.id)!, '"en"');
    const english = await searchFeeds(c.id);

    await patch(c.id, { parties: englishParties(['TikTok owner', '字节跳动']) });
    const both = await searchFeeds(c.id);
    expect(both.map(edition)).toEqual(['news.google.com en-US', 'www.bing.com en-US', 'news.google.com zh-CN', 'www.bing.com zh-CN']);
    expect(both.slice(0, 2)).toEqual(english);
    expect(feedById(app.ctx.db, english[0]!.id)!.etag).toBe('"en"');

    await patch(c.id, { parties: englishParties(['TikTok owner']) });
    expect(await searchFeeds(c.id)).toEqual(english);
    expect(feedById(app.ctx.db, both[2]!.id)).toBeNull();
  });

  it('follow a new case title without being refetched', async () => {
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Old title', parties: [{ name: 'Acme Robotics', role: 'plaintiff' }] } })).body;
    const [google] = await searchFeeds(c.id);
    await pollWith(feedById(app.ctx.db, google!.id)!, '"t1"');
    await patch(c.id, { title: 'New title' });
    const [renamed] = await searchFeeds(c.id);
    expect(renamed).toMatchObject({ id: google!.id, url: google!.url, title: 'Google News (English): New title' });
    expect(feedById(app.ctx.db, google!.id)!.etag).toBe('"t1"');
  });

  it('give way when another case already runs the new query, without failing the edit', async () => {
    const first = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Globex v. Initech', parties: [{ name: 'Globex', role: 'plaintiff' }, { name: 'Initech', role: 'defendant' }] } })).body;
    const second = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Globex v. Initech (appeal)', parties: [{ name: 'Globex', role: 'plaintiff' }, { name: 'Initrode', role: 'defendant' }] } })).body;
    const firstUrls = (await searchFeeds(first.id)).map((f) => f.url);
    const edited = await patch(second.id, { parties: [{ name: 'Globex', role: 'plaintiff' }, { name: 'Initech', role: 'defendant' }] });
    expect(edited.status).toBe(200);
    expect(await searchFeeds(second.id)).toEqual([]);
    expect((await searchFeeds(first.id)).map((f) => f.url)).toEqual(firstUrls);
  });

  it('go with the case, leaving its stories stored', async () => {
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Umbrella v. Wayne', parties: [{ name: 'Umbrella Corp', role: 'plaintiff' }, { name: 'Wayne Enterprises', role: 'defendant' }] } })).body;
    const mine = await searchFeeds(c.id);
    expect(mine).toHaveLength(2);
    await pollWith(feedById(app.ctx.db, mine[0]!.id)!, '"u1"');
    const stored = await storyIds(mine[0]!.id);
    expect((await app.api(`/api/cases/${c.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await searchFeeds(c.id)).toEqual([]);
    for (const f of mine) expect(feedById(app.ctx.db, f.id)).toBeNull();
    const left = (await app.api('/api/stories?limit=200')).body.stories.filter((s: { id: number }) => stored.includes(s.id));
    expect(left.map((s: { feedId: number | null }) => s.feedId)).toEqual(stored.map(() => null));
  });
});
