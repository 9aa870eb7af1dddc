// The layers of the architecture table in README.md, checked on every import of the sources: core/ imports nothing
// of ours, db/ only core/, app/ core/ and db/, views/ only types of core/ and app/, jobs/ and server/ what the table
// allows. The few imports that cross the lines on purpose are listed below with the reason.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const LAYERS = ['core', 'db', 'app', 'jobs', 'views', 'server'] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import at run time; `types` layers only through `import type`. */
const ALLOWED: Record<Layer, { values: Layer[]; types: Layer[] }> = {
  core: { values: [], types: [] },
  db: { values: ['core'], types: ['core'] },
  app: { values: ['core', 'db'], types: ['core', 'db'] },
  jobs: { values: ['core', 'db', 'app', 'views'], types: ['core', 'db', 'app', 'views'] },
  views: { values: [], types: ['core', 'app'] },
  server: { values: ['core', 'db', 'app', 'jobs', 'views'], types: ['core', 'db', 'app', 'jobs', 'views'] },
};

/** Deliberate crossings: "from -> to" (files, from the project root), whether they must stay type-only, and why. */
const EXCEPTIONS: Record<string, { typeOnly: boolean; why: string }> = {
  'app/context.ts -> jobs/logger.ts': { typeOnly: true, why: 'the context carries the runners the composition root built' },
  'app/context.ts -> jobs/mailer.ts': { typeOnly: true, why: 'as above' },
  'app/context.ts -> jobs/mutex.ts': { typeOnly: true, why: 'as above' },
  'app/context.ts -> jobs/jobRunner.ts': { typeOnly: true, why: 'as above' },
  'app/context.ts -> jobs/backfill/backfillJob.ts': { typeOnly: true, why: 'as above' },
  'app/context.ts -> jobs/pollFeeds.ts': { typeOnly: true, why: 'as above' },
  'app/context.ts -> server/config.ts': { typeOnly: true, why: "the context carries the server's configuration" },
  'app/context.ts -> server/responseCache.ts': { typeOnly: true, why: 'and its response cache, which writes invalidate' },
  'app/feeds.ts -> jobs/pollFeeds.ts': { typeOnly: false, why: '"poll now" and adding a feed run the poller' },
  'app/feeds.ts -> jobs/fetchFeed.ts': { typeOnly: true, why: 'the fetch result a new feed is checked with' },
  'app/subscriptions.ts -> jobs/sendDigests.ts': { typeOnly: false, why: '"send now", the preview and the confirmation email run the digest sender' },
  'views/coverageChart.ts -> core/timeline/weeks.ts': { typeOnly: false, why: "the chart lays out weeks by the week rule's one TypeScript home" },
  'views/email/digest.ts -> core/digest.ts': { typeOnly: false, why: "the email's subject line is composed with the digest" },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every relative import of a file: static imports and re-exports (type-only or not) and dynamic import(). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const out: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm)) {
    out.push({ target: path.resolve(path.dirname(file), m[3]!), typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) out.push({ target: path.resolve(path.dirname(file), m[1]!), typeOnly: false });
  return out;
}

const layerOf = (file: string): Layer | null => {
  const top = path.relative(ROOT, file).split(path.sep)[0];
  return (LAYERS as readonly string[]).includes(top!) ? (top as Layer) : null;
};

describe('the layers', () => {
  const edges = LAYERS.flatMap((layer) =>
    sources(path.join(ROOT, layer)).flatMap((file) =>
      importsOf(file).map((i) => ({ from: path.relative(ROOT, file), to: path.relative(ROOT, i.target), fromLayer: layer, toLayer: layerOf(i.target), typeOnly: i.typeOnly })),
    ),
  );

  it('reads the imports of every source file', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from === 'app/cases.ts' && e.to === 'db/cases.ts')).toBe(true);
  });

  it.each(LAYERS)('%s/ imports only what STYLE.md allows it', (layer) => {
    const crossing = edges
      .filter((e) => e.fromLayer === layer && e.toLayer && e.toLayer !== layer)
      .filter((e) => !(e.typeOnly ? ALLOWED[layer].types : ALLOWED[layer].values).includes(e.toLayer!))
      .filter((e) => {
        const allowed = EXCEPTIONS[`${e.from} -> ${e.to}`];
        return !allowed || (allowed.typeOnly && !e.typeOnly);
      })
      .map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);
    expect(crossing).toEqual([]);
  });

  it('lists no exception that no longer happens', () => {
    const seen = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(EXCEPTIONS).filter((k) => !seen.has(k))).toEqual([]);
  });
});
