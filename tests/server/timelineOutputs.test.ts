// The timeline's other outputs (Atom, JSON, Markdown, CSV), paging, the coverage chart and the live preview.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo, type DemoResult } from '../../server/demo.ts';
import { submitForm } from '../helpers/forms.ts';
import { tempDir } from '../helpers/tempDir.ts';

const PY = '/usr/bin/python3';
const hasFeedparser = (() => {
  try {
    execFileSync(PY, ['-c', 'import feedparser']);
    return true;
  } catch {
    return false;
  }
})();
if (!hasFeedparser) console.warn("skipping the Atom reader check: Debian's python3-feedparser is not installed (.ci/run installs it)");

describe('case outputs on the demo data', () => {
  let demo: DemoResult;
  let base: string;
  let caseId: number;
  const get = async (p: string) => {
    const res = await fetch(base + p);
    return { res, text: await res.text() };
  };
  beforeAll(async () => {
    demo = await setUpDemo(0);
    base = demo.running.url;
    caseId = demo.caseIds[0]!;
  }, 60_000);
  afterAll(() => demo?.cleanup());

  it.skipIf(!hasFeedparser)('serves an Atom 1.0 feed that a real reader parses cleanly, with stable ids', async () => {
    const { res, text } = await get(`/cases/${caseId}/feed.atom`);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const file = path.join(tempDir(), 'case.atom');
    writeFileSync(file, text);
    const out = JSON.parse(
      execFileSync(PY, ['-c', 'import feedparser,json,sys; d=feedparser.parse(sys.argv[1]); print(json.dumps({"bozo": d.bozo, "version": d.version, "title": d.feed.get("title"), "ids": [e.id for e in d.entries], "links": [e.get("link") for e in d.entries], "content": [e.content[0].value for e in d.entries]}))', file]).toString(),
    );
    const timeline = (await (await fetch(`${base}/api/cases/${caseId}/timeline`)).json()) as { entries: { url: string }[] };
    expect(out).toMatchObject({ bozo: false, version: 'atom10', title: 'ByteDance v. Tian Keyu' });
    expect(out.ids).toHaveLength(timeline.entries.length);
    expect(new Set(out.ids).size).toBe(out.ids.length);
    expect(out.links).toEqual(timeline.entries.map((e) => e.url));
    for (const c of out.content) expect(c).not.toMatch(/<script|\son\w+=|javascript:/i);
    const again = await get(`/cases/${caseId}/feed.atom`);
    expect(again.text.match(/<id>[^<]+<\/id>/g)).toEqual(text.match(/<id>[^<]+<\/id>/g));
  });

  it('advertises the Atom feed on the timeline page and links it', async () => {
    const { text } = await get(`/cases/${caseId}`);
    expect(text).toContain(`<link rel="alternate" type="application/atom+xml" title="ByteDance v. Tian Keyu (casewatch)" href="/cases/${caseId}/feed.atom">`);
    expect(text).toMatch(/<svg class="coverage-bars" viewBox="0 0 640 150" role="img" aria-labelledby="coverage-title"/);
    expect(text).toMatch(/Coverage by (week|month|quarter): \d+ stories from /);
  });

  it('serves timeline.json as the API does', async () => {
    const a = await (await fetch(`${base}/cases/${caseId}/timeline.json`)).json();
    const b = await (await fetch(`${base}/api/cases/${caseId}/timeline`)).json();
    expect(a).toEqual(b);
  });

  it('exports Markdown and CSV', async () => {
    const timeline = (await (await fetch(`${base}/api/cases/${caseId}/timeline`)).json()) as { entries: { title: string; publishedAt: string }[] };
    const md = await get(`/cases/${caseId}/export.md`);
    expect(md.res.headers.get('content-disposition')).toMatch(/attachment; filename="?case-\d+\.md"?/);
    expect(md.text.startsWith('# ByteDance v. Tian Keyu\n')).toBe(true);
    expect(md.text.split('\n').filter((l) => l.startsWith('- **'))).toHaveLength(timeline.entries.length);
    const csv = await get(`/cases/${caseId}/export.csv`);
    const lines = csv.text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('published_at,title,url,source,stage,amounts,status,score,reasons,also_reported_by');
    expect(lines.length).toBeGreaterThanOrEqual(timeline.entries.length + 1);
  });

  it('previews a draft case without saving it', async () => {
    const caseCount = async () => ((await (await fetch(`${base}/api/cases`)).json()) as { cases: unknown[] }).cases.length;
    const before = await caseCount();
    const res = await fetch(`${base}/api/cases/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ case: { title: 'Draft', parties: [{ name: 'Tesla', role: 'plaintiff', aliases: [] }, { name: 'Martin Tripp', role: 'defendant', aliases: [] }] } }),
    });
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { timeline: number; top: { status: string; reasons: string[] }[] };
    expect(preview.timeline).toBeGreaterThanOrEqual(5);
    expect(preview.top[0]).toMatchObject({ status: 'auto', reasons: expect.arrayContaining([expect.stringMatching(/Tripp/)]) });
    expect(await caseCount()).toBe(before);
    const bad = await fetch(`${base}/api/cases/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ case: { title: 'x', parties: [] } }) });
    expect(bad.status).toBe(400);
  });

  it('previews from the form without JavaScript, keeping what was typed', async () => {
    const res = await submitForm(base, '/cases/new', '/cases', { title: 'Tesla v. Tripp draft', party_0_name: 'Tesla', party_0_role: 'plaintiff', party_1_name: 'Martin Tripp', party_1_role: 'defendant', keywords: 'whistleblower', action: 'preview' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/Would match \d+ stored stories/);
    expect(page).toContain('value="Tesla v. Tripp draft"');
    expect(page).toContain('>whistleblower</textarea>');
  });
});

describe('paging a long timeline', () => {
  it('shows 100 entries a page with links between pages', async () => {
    const { startTestApp } = await import('../helpers/app.ts');
    const { startFeedServer, serveBody } = await import('../helpers/feedServer.ts');
    const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');
    const items = Array.from({ length: 230 }, (_, i) => {
      // Distinct wording per item, so no two stories look like copies of each other.
      const text = Array.from({ length: 30 }, (_, k) => `${words[k % words.length]}${(i * 7919 + k * 104_729) % 997}`).join(' ');
      const date = new Date(Date.UTC(2020, 0, 1) + i * 9 * 86_400_000).toUTCString();
      return `<item><title>ByteDance v. Tian Keyu development ${i}: court ${words[i % 20]}</title><link>https://p.example.com/${i}</link><guid>p-${i}</guid><pubDate>${date}</pubDate><description>${i} ${text}</description></item>`;
    }).join('');
    const feeds = await startFeedServer({ '/p.rss': serveBody(`<?xml version="1.0"?><rss version="2.0"><channel><title>Paging</title>${items}</channel></rss>`, 'application/rss+xml') });
    const app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/p.rss` } });
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Paging case', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] } })).body;
    const first = (await app.api(`/api/cases/${c.id}/timeline`)).body;
    expect(first).toMatchObject({ page: 1, pageCount: 3, perPage: 100, totalEntries: 230, totalStories: 230, totalReview: 0 });
    expect(first.entries).toHaveLength(100);
    // Walking the API's pages gives every entry once, newest first.
    const seen: { storyId: number; publishedAt: string }[] = [];
    for (let page = 1; page <= 5; page++) seen.push(...(await app.api(`/api/cases/${c.id}/timeline?perPage=60&page=${page}`)).body.entries);
    expect(seen).toHaveLength(230); // page 5 is past the end: empty
    expect(new Set(seen.map((e) => e.storyId)).size).toBe(230);
    expect(seen.map((e) => e.publishedAt)).toEqual(seen.map((e) => e.publishedAt).sort().reverse());
    expect((await app.api(`/api/cases/${c.id}/timeline?perPage=1001`)).status).toBe(400);
    const json = (await (await fetch(`${app.url}/cases/${c.id}/timeline.json?order=oldest&perPage=5&page=2`)).json()) as { entries: { title: string }[] };
    expect(json.entries.map((e: { title: string }) => e.title.split(':')[0])).toEqual([5, 6, 7, 8, 9].map((i) => `ByteDance v. Tian Keyu development ${i}`));
    const page1 = await (await fetch(`${app.url}/cases/${c.id}`)).text();
    expect(page1.match(/<article class="entry"/g)).toHaveLength(100);
    expect(page1).toContain('Page 1 of 3');
    expect(page1).toContain(`href="/cases/${c.id}?order=newest&amp;page=2" rel="next"`);
    const page3 = await (await fetch(`${app.url}/cases/${c.id}?page=3&order=oldest`)).text();
    expect(page3.match(/<article class="entry"/g)).toHaveLength(30);
    expect(page3).toContain('development 229');
    expect((await fetch(`${app.url}/cases/${c.id}?page=0`)).status).toBe(400);
    await feeds.close();
  });
});
