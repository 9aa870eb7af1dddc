// The case page's states and actions through the real app: why a case has no stories (no feeds, failing feeds in
// words, nothing found), a new case's search feeds fetched at once, "Poll now" back to the case, deleting a case
// with confirmation, and confirm/reject with a notice and an Undo that is exact in the database and the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

function rss(items: { guid: string; link?: string; title: string; summary: string; date: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://d.example.com/</link>${items
    .map((i) => {
      const link = `<link>${i.link ?? `https://d.example.com/${i.guid}`}</link><guid>${i.guid}</guid>`;
      return `<item><title>${i.title}</title>${link}<pubDate>${i.date}</pubDate><description>${i.summary}</description></item>`;
    })
    .join('')}</channel></rss>`;
}

const ITEMS = [
  {
    guid: 'auto-1',
    title: 'ByteDance sues former intern Tian Keyu over sabotage',
    summary: 'ByteDance filed a lawsuit seeking 8 million yuan from Tian Keyu.',
    date: 'Tue, 26 Nov 2024 09:00:00 +0000',
  },
  {
    guid: 'review-1',
    title: 'ByteDance lawsuit draws attention',
    summary: 'A court in Beijing accepted a case filed by the company.',
    date: 'Wed, 27 Nov 2024 09:00:00 +0000',
  },
  {
    guid: 'review-2',
    title: 'ByteDance appeal',
    summary: 'ByteDance said it would appeal the court ruling.',
    date: 'Thu, 28 Nov 2024 09:00:00 +0000',
  },
  {
    guid: 'auto-2',
    title: '字节跳动起诉前实习生田柯宇',
    summary: '字节跳动向海淀法院起诉田柯宇，索赔800万元。',
    date: 'Fri, 29 Nov 2024 09:00:00 +0000',
  },
];
const BYTEDANCE = {
  title: 'ByteDance v. Tian Keyu',
  parties: [
    { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
    { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
  ],
  keywords: ['sabotage'],
};
const text = async (app: App, path: string) =>
  (await getPage(app.url, path)).html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a case with no stories says why', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({
      '/other.rss': serveBody(
        rss([
          {
            guid: 'x',
            title: 'Weather: sunny spells',
            summary: 'A dry week ahead.',
            date: 'Tue, 26 Nov 2024 09:00:00 +0000',
          },
        ]),
        'application/rss+xml',
      ),
    });
  });
  afterAll(() => feeds.close());

  it('without any feed: there is nothing to search, with a link to /feeds and the starter import', async () => {
    const app = await startTestApp();
    const { id } = (await app.api('/api/cases?wait=true', { method: 'POST', json: BYTEDANCE })).body;
    const page = await getPage(app.url, `/cases/${id}`);
    expect(page.html).toMatch(/No feeds yet, so there is nothing to search\./);
    expect(page.html).toContain('<a href="/feeds">Add a feed</a>');
    expect(page.html).toMatch(/<form method="post" action="\/feeds\/starter"[^>]*>.*Import the starter feeds/s);
    expect(page.html).not.toContain('New stories appear here as the feeds are polled');
    // No feed, so no poll to announce.
    expect(page.html).not.toContain('Poll now');
  });

  it('with feeds that bring nothing about it: how many stories were searched and when the next poll is', async () => {
    const app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/other.rss` } })).status).toBe(
      201,
    );
    const { id } = (await app.api('/api/cases?wait=true', { method: 'POST', json: BYTEDANCE })).body;
    const words = await text(app, `/cases/${id}`);
    expect(words).toMatch(/Nothing found yet\. None of the 1 stored stories matches this case/);
    const next = (await app.api('/api/feeds')).body.feeds[0].nextFetchAt as string;
    expect(words).toContain(`Next poll: ${next.slice(0, 10)} ${next.slice(11, 16)} UTC`);
    expect(words).toContain('Poll now');
  });

  it("fetches a new case's news-search feeds at once, and names their failure in words", async () => {
    const app = await startTestApp({ SEARCH_FEEDS: 'on' });
    const saved = (await app.api('/api/cases', { method: 'POST', json: BYTEDANCE })).body;
    expect(saved.fetchJob).toMatchObject({ kind: 'import', caseId: null, total: null });
    // The case page follows the fetch while it runs (the page's script reloads when it ends).
    const during = await getPage(app.url, `/cases/${saved.id}`);
    if ((await app.api(saved.fetchJob.url)).body.state !== 'done')
      expect(during.html).toContain(`data-job="/api/jobs/${saved.fetchJob.id}"`);
    const job = await app.ctx.jobs.wait(saved.fetchJob.id);
    expect(job).toMatchObject({ state: 'done', done: 4, total: 4 });
    await app.ctx.jobs.wait(saved.job.id);
    const searchFeeds = (await app.api('/api/feeds')).body.feeds.filter(
      (f: { caseId: number | null }) => f.caseId === saved.id,
    );
    expect(searchFeeds).toHaveLength(4);
    for (const f of searchFeeds) {
      // Fetched already (the test fetcher refuses anything but 127.0.0.1), with the next try ahead, not past.
      expect(f).toMatchObject({
        lastStatus: 'error',
        lastError: expect.stringMatching(/^tests reach 127\.0\.0\.1 only/),
      });
      expect(Date.parse(f.nextFetchAt)).toBeGreaterThan(Date.now());
    }
    const words = await text(app, `/cases/${saved.id}`);
    expect(words).toMatch(/No stories yet: all 4 feeds failed\./);
    expect(words).toMatch(
      /Google News \(English\): ByteDance v\. Tian Keyu: Tests reach 127\.0\.0\.1 only, not news\.google\.com\./,
    );
    expect(words).not.toContain('New stories appear here as the feeds are polled');
    // The case's search feeds say they fail; closed here, where the empty timeline already lists the failures.
    expect((await getPage(app.url, `/cases/${saved.id}`)).html).toMatch(
      /<details class="search-feeds">\s*<summary>4 news-search feeds for this case \(failing\)/,
    );
  });

  it('fetches the search feeds of a case saved from the form too', async () => {
    const app = await startTestApp({ SEARCH_FEEDS: 'on' });
    const fields = {
      title: 'Acme v. Roe',
      party_0_name: 'Acme Robotics',
      party_0_role: 'plaintiff',
      party_1_name: 'Jane Roe',
      party_1_role: 'defendant',
    };
    const res = await submitForm(app.url, '/cases/new', '/cases', fields);
    expect(res.status).toBe(303);
    const jobs = (await app.api('/api/jobs')).body.jobs as { kind: string; phrase: string; id: number }[];
    const fetch = jobs.find((j) => j.kind === 'import')!;
    expect(fetch.phrase).toMatch(/news-search feeds of “Acme v\. Roe”|Fetching|Read/);
    expect((await app.ctx.jobs.wait(fetch.id)).state).toBe('done');
  });
});

describe('"Poll now" on a case page', () => {
  let app: App;
  let caseId: number;
  beforeAll(async () => {
    app = await startTestApp();
    caseId = (await app.api('/api/cases?wait=true', { method: 'POST', json: BYTEDANCE })).body.id;
  });

  it('starts a poll and goes back to the case', async () => {
    const res = await submitForm(app.url, `/cases/${caseId}`, '/feeds/poll', { back: `/cases/${caseId}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}`);
    expect((await app.api('/api/jobs')).body.jobs[0]).toMatchObject({ kind: 'poll' });
  });

  it('goes to the feeds page without a back field, and refuses any other place to go back to', async () => {
    expect((await submitForm(app.url, '/feeds', '/feeds/poll')).headers.get('location')).toBe('/feeds');
    for (const back of [
      'https://evil.example/cases/1',
      '//evil.example/cases/1',
      '/cases/1/../../admin',
      '/feeds',
      `/cases/${caseId}?x=1`,
    ]) {
      const res = await submitForm(app.url, `/cases/${caseId}`, '/feeds/poll', { back });
      expect(res.status, back).toBe(400);
      expect(await res.text(), back).toContain('back must be a case page such as /cases/12');
    }
  });
});

describe('deleting a case from its page', () => {
  let app: App;
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({ '/d.rss': serveBody(rss(ITEMS), 'application/rss+xml') });
    app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/d.rss` } });
  });
  afterAll(() => feeds.close());

  it('links to a confirmation that says what is lost and what stays', async () => {
    const { id } = (await app.api('/api/cases?wait=true', { method: 'POST', json: BYTEDANCE })).body;
    expect((await getPage(app.url, `/cases/${id}`)).html).toContain(
      `<a class="danger-link" href="/cases/${id}/delete">Delete case</a>`,
    );
    const words = await text(app, `/cases/${id}/delete`);
    expect(words).toMatch(/Delete “ByteDance v\. Tian Keyu”\?/);
    expect(words).toMatch(/its timeline: 2 stories, and 2 stories waiting for review;/);
    expect(words).toMatch(/your decisions: none made yet/);
    expect(words).toMatch(/its news-search feeds: none/);
    expect(words).toMatch(/The stories themselves stay stored/);
  });

  it('deletes on the confirmed POST only, then goes to the case list, naming the case in ?deleted=; the stories stay', async () => {
    const { id } = (
      await app.api('/api/cases?wait=true', { method: 'POST', json: { ...BYTEDANCE, title: 'To delete' } })
    ).body;
    const session = newSession();
    await getPage(app.url, `/cases/${id}/delete`, session);
    const forged = await fetch(`${app.url}/cases/${id}/delete`, {
      method: 'POST',
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await app.api(`/api/cases/${id}`)).status).toBe(200);
    const res = await submitForm(app.url, `/cases/${id}/delete`, `/cases/${id}/delete`, {}, session);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?deleted=To+delete');
    const list = await fetch(app.url + res.headers.get('location'));
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Deleted “To delete” with its timeline and decisions. Its stories stay stored.');
    expect((await app.api(`/api/cases/${id}`)).status).toBe(404);
    expect((await fetch(`${app.url}/cases/${id}/delete`)).status).toBe(404);
    expect((await app.api('/api/stories')).body.stories).toHaveLength(4);
  });
});

describe('confirm and reject with a visible result and an undo', () => {
  let app: App;
  let feeds: FeedServer;
  const ids = new Map<string, number>();
  // A second feed carries the same article as auto-1 (same link): rejecting one rejects both.
  const twin = {
    ...ITEMS[0]!,
    guid: 'auto-1-again',
    link: 'https://d.example.com/auto-1',
    title: 'ByteDance sues ex-intern Tian Keyu over sabotage (wire copy)',
  };

  const newCase = async () =>
    (await app.api('/api/cases?wait=true', { method: 'POST', json: BYTEDANCE })).body.id as number;
  const timeline = async (caseId: number) =>
    (await app.api(`/api/cases/${caseId}/timeline`)).body as {
      entries: { storyId: number; status: string; reasons: string[]; duplicates: { storyId: number }[] }[];
      review: { storyId: number }[];
    };
  const shape = (t: Awaited<ReturnType<typeof timeline>>) => ({
    entries: t.entries.map((e) => [e.storyId, e.status, e.duplicates.map((d) => d.storyId)]).sort(),
    review: t.review.map((e) => e.storyId).sort(),
  });
  const decide = (caseId: number, storyId: number, decision: unknown) =>
    app.api(`/api/cases/${caseId}/stories/${storyId}`, { method: 'POST', json: { decision } });

  beforeAll(async () => {
    feeds = await startFeedServer({
      '/d.rss': serveBody(rss(ITEMS), 'application/rss+xml'),
      '/twin.rss': serveBody(rss([twin]), 'application/rss+xml'),
    });
    app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/d.rss` } });
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/twin.rss` } });
    for (const s of (await app.api('/api/stories')).body.stories) ids.set(s.guid, s.id);
  });
  afterAll(() => feeds.close());

  it('undoes a confirm in the API: the story is back in review, as it was', async () => {
    const caseId = await newCase();
    const before = shape(await timeline(caseId));
    expect(before.review).toContain(ids.get('review-1'));
    expect((await decide(caseId, ids.get('review-1')!, 'confirm')).body).toMatchObject({
      status: 'confirmed',
      previous: 'review',
    });
    const confirmed = (await timeline(caseId)).entries.find((e) => e.storyId === ids.get('review-1'))!;
    // A confirmed story no longer says it is held for review.
    expect(confirmed.reasons.at(-1)).toBe('confirmed by you');
    expect(confirmed.reasons.join('; ')).not.toContain('held for review');
    expect((await decide(caseId, ids.get('review-1')!, 'undo')).body).toEqual({
      caseId,
      storyId: ids.get('review-1'),
      status: 'review',
      twinsRestored: 0,
    });
    expect(shape(await timeline(caseId))).toEqual(before);
  });

  it('undoes a reject with the copies of the same article it rejected too, folded as before', async () => {
    const caseId = await newCase();
    const before = shape(await timeline(caseId));
    const lead = before.entries.find((e) => (e[2] as number[]).length > 0)!;
    expect([lead[0], ...(lead[2] as number[])].sort()).toEqual([ids.get('auto-1'), ids.get('auto-1-again')].sort());
    expect((await decide(caseId, lead[0] as number, 'reject')).body).toMatchObject({
      status: 'rejected',
      previous: 'auto',
      twinsRejected: 1,
    });
    expect(shape(await timeline(caseId)).entries.map((e) => e[0])).not.toContain(lead[0]);
    expect((await decide(caseId, lead[0] as number, 'undo')).body).toMatchObject({ status: 'auto', twinsRestored: 1 });
    expect(shape(await timeline(caseId))).toEqual(before);
  });

  it('answers 409 when there is nothing to undo, and 400 naming the field for a bad decision', async () => {
    const caseId = await newCase();
    const nothing = await decide(caseId, ids.get('review-2')!, 'undo');
    expect(nothing.status).toBe(409);
    expect(nothing.body).toEqual({
      error: `story ${ids.get('review-2')} has no confirm or reject to undo on case ${caseId}`,
      details: [{ path: 'decision', message: expect.stringMatching(/^nothing to undo/) }],
    });
    await decide(caseId, ids.get('review-2')!, 'reject');
    expect((await decide(caseId, ids.get('review-2')!, 'undo')).status).toBe(200);
    expect((await decide(caseId, ids.get('review-2')!, 'undo')).status).toBe(409);
    const bad = await decide(caseId, ids.get('review-2')!, 'maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'decision', message: 'must be "confirm", "reject" or "undo"' }]);
    expect((await decide(999_999, ids.get('review-2')!, 'undo')).status).toBe(404);
  });

  it('shows what a page form did with an Undo button, and the undo puts the story back in review', async () => {
    const caseId = await newCase();
    const story = ids.get('review-2')!;
    const session = newSession();
    const res = await submitForm(
      app.url,
      `/cases/${caseId}`,
      `/cases/${caseId}/stories/${story}`,
      { decision: 'reject' },
      session,
    );
    expect(res.headers.get('location')).toBe(`/cases/${caseId}?decided=reject&story=${story}`);
    const after = await getPage(app.url, res.headers.get('location')!, session);
    expect(after.html).toMatch(
      /<div class="notice" role="status"><p>Rejected “ByteDance appeal”\. It is hidden from this case\./,
    );
    expect(after.html).toMatch(
      new RegExp(
        `<form method="post" action="/cases/${caseId}/stories/${story}" class="inline">.*name="decision" value="undo".*>Undo</button>`,
      ),
    );
    const undo = await submitForm(
      app.url,
      res.headers.get('location')!,
      `/cases/${caseId}/stories/${story}`,
      { decision: 'undo' },
      session,
    );
    expect(undo.headers.get('location')).toBe(`/cases/${caseId}?decided=undo&story=${story}#review-${story}`);
    const back = await getPage(app.url, undo.headers.get('location')!.split('#')[0]!, session);
    expect(back.html).toContain('Undone: “ByteDance appeal” is back in the review queue.');
    expect(back.html).toContain(`id="review-${story}"`);
    // The notice is only a pointer: once undone, the reject notice says nothing (and offers no stale Undo).
    expect((await getPage(app.url, `/cases/${caseId}?decided=reject&story=${story}`, session)).html).not.toContain(
      'class="notice"',
    );
    expect((await getPage(app.url, `/cases/${caseId}?decided=sideways&story=${story}`, session)).res.status).toBe(400);
  });
});
