// feedparser's corpus through the real poller: every file served over loopback HTTP with its headers,
// fetched, decoded, parsed, normalized and stored; then the stored stories are checked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedById, insertFeed } from '../../db/feeds.ts';
import { listStories, type StoryRow } from '../../db/stories.ts';
import { pollFeeds } from '../../jobs/pollFeeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { groupOf, passes, readManifest, type CorpusEntry as ManifestEntry, type CorpusGroup as Group } from '../helpers/feedparserCorpus.ts';
import { sharedDir } from '../helpers/shared.ts';

const dir = sharedDir('corpora/feedparser-tests');

describe.skipIf(!dir)('feedparser corpus through the poller', () => {
  let server: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let manifest: ManifestEntry[] = [];
  const feedIds = new Map<string, number>();
  const tally: Record<Group, { passed: number; total: number }> = { sanitize: { passed: 0, total: 0 }, encoding: { passed: 0, total: 0 }, rest: { passed: 0, total: 0 } };
  let summary: Awaited<ReturnType<typeof pollFeeds>>;

  beforeAll(async () => {
    manifest = readManifest(dir!);
    server = await startFeedServer(
      Object.fromEntries(
        manifest.map((m) => [
          `/${m.file}`,
          (_req: unknown, res: import('node:http').ServerResponse) => {
            res.writeHead(200, { 'content-type': 'application/xml', ...m.headers }).end(readFileSync(path.join(dir!, m.file)));
          },
        ]),
      ),
    );
    app = await startTestApp();
    const now = new Date();
    for (const m of manifest) feedIds.set(m.file, insertFeed(app.ctx.db, { url: `${server.base}/${m.file}` }, now)!.id);
    // All files come from one host: let the poller use more than its polite default of 2 per host.
    summary = await pollFeeds({ ...app.ctx.poll, perHost: 8 }, { all: true });
    for (const m of manifest) {
      const stories = listStories(app.ctx.db, { feedId: feedIds.get(m.file)!, limit: 10 });
      for (const check of m.checks) {
        const t = tally[groupOf(m.file)];
        t.total += 1;
        if (stories.length === 1 && passes(check, stories[0]!)) t.passed += 1;
      }
    }
    const rate = (g: Group) => `${g} ${tally[g].passed}/${tally[g].total} (${((100 * tally[g].passed) / Math.max(1, tally[g].total)).toFixed(1)}%)`;
    console.log(`corpus through the poller: ${JSON.stringify(summary)}; checks passed: ${rate('sanitize')}, ${rate('rest')}, ${rate('encoding')}`);
  }, 300_000);
  afterAll(() => server?.close());

  it('polls every file without a crash, each feed row telling what happened', () => {
    expect(summary.feeds).toBe(manifest.length);
    expect(summary.fetched + summary.failed).toBe(manifest.length);
    for (const m of manifest) {
      const row = feedById(app.ctx.db, feedIds.get(m.file)!)!;
      expect(row.lastFetchedAt, m.file).not.toBeNull();
      if (row.lastStatus !== 'ok') {
        expect(row.lastStatus, m.file).toBe('error');
        expect(row.lastError, m.file).toMatch(/\w{4,}/);
        expect(row.lastError, m.file).not.toMatch(/internal error/);
      }
    }
  });

  it('stores every well-formed feed', () => {
    for (const m of manifest.filter((e) => e.wellFormed && e.entries > 0)) {
      const row = feedById(app.ctx.db, feedIds.get(m.file)!)!;
      expect(row.lastStatus, m.file).toBe('ok');
    }
  });

  it('agrees with feedparser on at least 95% of checks, for the sanitize folder and for the rest', () => {
    expect(tally.sanitize.total).toBeGreaterThan(500);
    expect(tally.sanitize.passed / tally.sanitize.total).toBeGreaterThanOrEqual(0.95);
    expect(tally.rest.passed / tally.rest.total).toBeGreaterThanOrEqual(0.95);
    expect(tally.encoding.passed / Math.max(1, tally.encoding.total)).toBeGreaterThanOrEqual(0.95);
  });

  it('stores no active markup from the sanitize folder', () => {
    const rows = app.ctx.db.$client.prepare("select summary_html from stories").all() as { summary_html: string }[];
    expect(rows.length).toBeGreaterThan(500);
    for (const r of rows) expect(r.summary_html).not.toMatch(/<script|<iframe|<object|<embed|\son[a-z]+\s*=|javascript:|vbscript:|data:text\/html/i);
  });
});
