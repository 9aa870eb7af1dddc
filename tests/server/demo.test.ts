// `npm run demo` offline: the bundled feeds through the real poller give populated timelines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../demo/demoData.ts';
import { caseTimeline } from '../../app/cases.ts';
import { demoDigestPath, setUpDemo, type DemoResult } from '../../server/demo.ts';

describe('demo', () => {
  let demo: DemoResult;
  beforeAll(async () => {
    demo = await setUpDemo(0);
  }, 60_000);
  afterAll(() => demo?.cleanup());

  it('shows a populated ByteDance v. Tian Keyu timeline from the loopback feeds', async () => {
    const res = await fetch(demo.timelineUrl);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('ByteDance v. Tian Keyu');
    const t = caseTimeline(demo.running.ctx, demo.caseIds[0]!);
    expect(t.case.title).toBe('ByteDance v. Tian Keyu');
    expect(t.entries.length).toBeGreaterThanOrEqual(5);
    for (const e of t.entries) expect(page).toContain(`id="story-${e.storyId}"`);
  });

  it('puts a digest for the demo reader in the outbox, listed on the subscriptions page', async () => {
    const page = await (await fetch(`${demo.running.url}/subscriptions`)).text();
    expect(page).toContain('reader@example.com');
    expect(page).toMatch(/\.eml/);
  });

  it('links straight to the digest, shown decoded as the subscriber reads it', async () => {
    const digest = demoDigestPath(demo.running.ctx);
    expect(digest).toMatch(/^\/subscriptions\/outbox\/[^/]+\.eml\/view$/);
    const page = await (await fetch(demo.running.url + digest)).text();
    expect(page).toContain('<article class="email-view"');
    expect(page).toContain('ByteDance v. Tian Keyu');
    expect(page).not.toMatch(/=[0-9A-F]{2}=[0-9A-F]{2}/);
  });

  it('matches the demo ground truth closely (every timeline story expected, most expected stories found)', () => {
    const { expected } = loadDemoData();
    for (const id of demo.caseIds) {
      const t = caseTimeline(demo.running.ctx, id);
      const want = new Set(expected[t.case.title]);
      const got = t.entries.flatMap((e) => [e.url, ...e.duplicates.map((d) => d.url)]);
      const wrong = got.filter((u) => !want.has(u!));
      expect(wrong, t.case.title).toEqual([]);
      expect(got.length / want.size, t.case.title).toBeGreaterThanOrEqual(0.75);
    }
  });
});
