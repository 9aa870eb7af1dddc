// The user's confirm/reject decisions survive case edits, re-matching and re-polls (API and page forms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { recountCaseWeeks, storedCaseWeeks } from '../helpers/caseWeeks.ts';
import { submitForm } from '../helpers/forms.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';

function rss(items: { guid: string; title: string; summary: string; date: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Decisions Wire</title><link>https://d.example.com/</link>${items
    .map((i) => `<item><title>${i.title}</title><link>https://d.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${i.date}</pubDate><description>${i.summary}</description></item>`)
    .join('')}</channel></rss>`;
}

const items = [
  { guid: 'auto-1', title: 'ByteDance sues former intern Tian Keyu over sabotage', summary: 'ByteDance filed a lawsuit seeking 8 million yuan from Tian Keyu.', date: 'Tue, 26 Nov 2024 09:00:00 +0000' },
  { guid: 'review-1', title: 'ByteDance lawsuit draws attention', summary: 'A court in Beijing accepted a case filed by the company.', date: 'Wed, 27 Nov 2024 09:00:00 +0000' },
  { guid: 'review-2', title: 'ByteDance appeal', summary: 'ByteDance said it would appeal the court ruling.', date: 'Thu, 28 Nov 2024 09:00:00 +0000' },
  { guid: 'auto-2', title: '字节跳动起诉前实习生田柯宇', summary: '字节跳动向海淀法院起诉田柯宇，索赔800万元。', date: 'Fri, 29 Nov 2024 09:00:00 +0000' },
];

describe('review queue and decisions', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let caseId: number;
  const ids = new Map<string, number>();
  const timeline = async () => (await app.api(`/api/cases/${caseId}/timeline`)).body as { entries: { storyId: number; status: string }[]; review: { storyId: number }[] };

  beforeAll(async () => {
    feeds = await startFeedServer({ '/d.rss': serveBody(rss(items), 'application/rss+xml') });
    app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/d.rss` } });
    for (const s of (await app.api('/api/stories')).body.stories) ids.set(s.guid, s.id);
    caseId = (
      await app.api('/api/cases?wait=true', {
        method: 'POST',
        json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }], keywords: ['sabotage'] },
      })
    ).body.id;
  });
  afterAll(() => feeds.close());

  it('puts clear matches on the timeline and doubtful ones in review', async () => {
    const t = await timeline();
    expect(t.entries.map((e) => e.storyId).sort()).toEqual([ids.get('auto-1'), ids.get('auto-2')].sort());
    expect(t.review.map((e) => e.storyId).sort()).toEqual([ids.get('review-1'), ids.get('review-2')].sort());
  });

  it('confirm moves a story to the timeline; reject removes it (API and page form)', async () => {
    const ok = await app.api(`/api/cases/${caseId}/stories/${ids.get('review-1')}`, { method: 'POST', json: { decision: 'confirm' } });
    expect(ok.body).toMatchObject({ status: 'confirmed' });
    const form = await submitForm(app.url, `/cases/${caseId}`, `/cases/${caseId}/stories/${ids.get('review-2')}`, { decision: 'reject' });
    expect(form.status).toBe(303);
    await app.api(`/api/cases/${caseId}/stories/${ids.get('auto-2')}`, { method: 'POST', json: { decision: 'reject' } });
    const t = await timeline();
    expect(t.review).toEqual([]);
    expect(t.entries.map((e) => [e.storyId, e.status]).sort()).toEqual(
      [
        [ids.get('auto-1'), 'auto'],
        [ids.get('review-1'), 'confirmed'],
      ].sort(),
    );
    expect((await app.api(`/api/cases/${caseId}/stories/999999`, { method: 'POST', json: { decision: 'reject' } })).status).toBe(404);
    expect((await app.api(`/api/cases/${caseId}/stories/${ids.get('auto-1')}`, { method: 'POST', json: { decision: 'maybe' } })).status).toBe(400);
  });

  it('decisions stick after an edit that re-matches the case and after re-polls of edited stories', async () => {
    const before = await timeline();
    await app.api(`/api/cases/${caseId}?wait=true`, { method: 'PATCH', json: { keywords: ['sabotage', '8 million yuan', 'appeal'] } });
    const shape = (t: Awaited<ReturnType<typeof timeline>>) => ({ entries: t.entries.map((e) => [e.storyId, e.status]).sort(), review: t.review });
    expect(shape(await timeline())).toEqual(shape(before));
    const edited = items.map((i) => ({ ...i, title: `${i.title} (updated)`, summary: `${i.summary} Tian Keyu was not available for comment.` }));
    feeds.routes.set('/d.rss', serveBody(rss(edited), 'application/rss+xml'));
    const poll = (await app.api('/api/poll?wait=true', { method: 'POST' })).body;
    expect(poll).toMatchObject({ fetched: 1, newStories: 0 });
    const after = await timeline();
    expect(after.entries.map((e) => [e.storyId, e.status]).sort()).toEqual(before.entries.map((e) => [e.storyId, e.status]).sort());
    expect(after.review).toEqual([]);
    const stories = (await app.api('/api/stories')).body.stories;
    expect(stories).toHaveLength(4);
    expect(stories.every((s: { title: string }) => s.title.endsWith('(updated)'))).toBe(true);
  });

  it('keeps the decisions in the exports: confirmed on the timeline, rejected listed with their status', async () => {
    const csv = await (await fetch(`${app.url}/cases/${caseId}/export.csv`)).text();
    // The status cell follows the amounts cell and precedes the score; no earlier cell of these rows holds a comma-free "rejected".
    const statusOf = (url: string) => csv.split('\r\n').find((line) => line.includes(`,${url},`))?.match(/,(auto|confirmed|rejected|review),\d+,/)?.[1];
    expect(statusOf('https://d.example.com/review-1')).toBe('confirmed');
    expect(statusOf('https://d.example.com/review-2')).toBe('rejected');
    expect(statusOf('https://d.example.com/auto-2')).toBe('rejected');
    const md = await (await fetch(`${app.url}/cases/${caseId}/export.md`)).text();
    expect(md).toMatch(/## Rejected \(2\)[\s\S]*ByteDance appeal/);
  });

  it('leaves the per-week timeline counts equal to a recount after the decisions, the edit and the re-poll', () => {
    expect(storedCaseWeeks(app.ctx.db).length).toBeGreaterThan(0);
    expect(storedCaseWeeks(app.ctx.db)).toEqual(recountCaseWeeks(app.ctx.db));
  });
});
