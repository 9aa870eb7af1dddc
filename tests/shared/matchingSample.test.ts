// Precision and recall of the whole pipeline on the labelled sample: feeds served over loopback HTTP,
// polled by the real poller, half the cases added before the poll and half after (backfill).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseTimeline, createCase, decideStory, settled } from '../../app/cases.ts';
import { addFeed, pollAllNow } from '../../app/feeds.ts';
import { parseOr400 } from '../../app/errors.ts';
import { caseInputSchema } from '../../app/schemas.ts';
import { startTestApp } from '../helpers/app.ts';
import { recountCaseWeeks, storedCaseWeeks } from '../helpers/caseWeeks.ts';
import { startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { sharedDir } from '../helpers/shared.ts';

const dir = sharedDir('fixtures/matching-sample');
const TYPES: Record<string, string> = { '.rss': 'application/rss+xml', '.atom': 'application/atom+xml', '.rdf': 'application/rdf+xml' };

interface Labels {
  relevant: Record<string, string[]>;
  clusters: string[][];
  hostile: string[];
}

describe.skipIf(!dir)('labelled matching sample through the real poller', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const caseIdByKey = new Map<string, number>();
  let labels: Labels;

  beforeAll(async () => {
    const files = readdirSync(path.join(dir!, 'feeds'));
    feeds = await startFeedServer(
      Object.fromEntries(
        files.map((f) => [
          `/${f}`,
          (_req: unknown, res: import('node:http').ServerResponse) => {
            res.writeHead(200, { 'content-type': TYPES[path.extname(f)] ?? 'application/xml' }).end(readFileSync(path.join(dir!, 'feeds', f)));
          },
        ]),
      ),
    );
    app = await startTestApp();
    labels = JSON.parse(readFileSync(path.join(dir!, 'labels.json'), 'utf8'));
    const cases = JSON.parse(readFileSync(path.join(dir!, 'cases.json'), 'utf8')) as ({ key: string } & Record<string, unknown>)[];
    const half = Math.ceil(cases.length / 2);
    const add = async (c: (typeof cases)[number]) => {
      const { key, ...body } = c;
      caseIdByKey.set(key, (await settled(app.ctx, createCase(app.ctx, parseOr400(caseInputSchema, body, 'case')))).case.id);
    };
    for (const c of cases.slice(0, half)) await add(c);
    for (const f of files) await addFeed(app.ctx, { url: `${feeds.base}/${f}` });
    await pollAllNow(app.ctx);
    for (const c of cases.slice(half)) await add(c);
  });
  afterAll(() => feeds?.close());

  function timelineLinks(caseId: number): { entries: string[][]; all: Set<string> } {
    const t = caseTimeline(app.ctx, caseId);
    const entries = t.entries.map((e) => [e.url!, ...e.duplicates.map((d) => d.url!)]);
    return { entries, all: new Set(entries.flat()) };
  }

  it('reaches precision and recall of at least 0.9', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const [key, caseId] of caseIdByKey) {
      const got = timelineLinks(caseId).all;
      const want = new Set(Object.entries(labels.relevant).filter(([, keys]) => keys.includes(key)).map(([link]) => link));
      for (const l of got) (want.has(l) ? tp++ : (fp++, misses.push(`false positive ${key}: ${l}`)));
      for (const l of want) if (!got.has(l)) (fn++, misses.push(`missed ${key}: ${l}`));
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(`matching sample: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('shows each labelled syndication cluster as one entry, and distinct developments apart', () => {
    for (const caseId of caseIdByKey.values()) {
      const { entries } = timelineLinks(caseId);
      for (const cluster of labels.clusters) {
        const holding = entries.filter((e) => e.some((l) => cluster.includes(l)));
        if (holding.length === 0) continue;
        expect(holding, cluster.join(' ')).toHaveLength(1);
        expect(holding[0]![0], 'the original leads the entry').toBe(cluster[0]);
        expect([...holding[0]!].sort()).toEqual([...cluster].sort());
      }
      for (const e of entries) {
        if (e.length > 1) expect(labels.clusters.some((c) => e.every((l) => c.includes(l))), e.join(' ')).toBe(true);
      }
    }
  });

  it('every timeline entry says why it matched', () => {
    for (const caseId of caseIdByKey.values()) {
      for (const e of caseTimeline(app.ctx, caseId).entries) expect(e.reasons.length).toBeGreaterThan(0);
    }
  });

  it('keeps the per-week timeline counts equal to a recount (poll, clustering, backfill, then a rejected lead)', () => {
    const db = app.ctx.db;
    const before = storedCaseWeeks(db);
    expect(before).toEqual(recountCaseWeeks(db));
    // Reject the lead of the largest cluster: its copies stand alone or regroup, and the counts follow.
    const lead = db.$client.prepare('select case_id as c, lead_story_id as l, count(*) as n from matches where lead_story_id is not null group by 1, 2 order by n desc limit 1').get() as { c: number; l: number; n: number } | undefined;
    // The sample has syndication clusters, so some story leads copies.
    expect(lead).toBeDefined();
    decideStory(app.ctx, lead!.c, lead!.l, 'reject');
    expect(storedCaseWeeks(db)).not.toEqual(before);
    expect(storedCaseWeeks(db)).toEqual(recountCaseWeeks(db));
  });
});
