// Runs the benchmark sections named on the command line (default: all) and prints one table per section.
import os from 'node:os';
import { runArticles } from './articles.ts';
import { runBackfill } from './backfill.ts';
import { runBackground } from './background.ts';
import { runEveryday } from './everyday.ts';
import { removeBigDbCache } from './lib/bigDb.ts';
import { runLoad } from './load.ts';
import { formatSection, removeAllScratch, type SectionReport } from './lib/report.ts';
import { runMatching } from './matching.ts';
import { runPoll } from './poll.ts';
import { runTimeline } from './timeline.ts';

const SECTIONS: Record<string, { about: string; run: () => Promise<SectionReport[]> }> = {
  poll: { about: 'poller: full vs unchanged (304) cycle over 1,000 feeds, parse and store throughput', run: async () => [await runPoll()] },
  matching: { about: 'Matcher vs naive at 10–10,000 cases, and backfill over 1,000,000 stories', run: async () => [runMatching(), await runBackfill()] },
  timeline: { about: 'timeline page and API under load, and the timeline query alone', run: async () => [await runTimeline()] },
  load: { about: 'mixed load (pages, API, search, case edits) for 30 s while polls write', run: async () => [await runLoad()] },
  articles: { about: 'article extraction: linkedom (chosen) against jsdom, each in its own process', run: async () => [await runArticles()] },
  background: { about: 'saving a case found in ~240,000 stories while readers load pages and /api/health', run: async () => [await runBackground()] },
  everyday: { about: 'whole processes: a poll against newsboat, `casewatch feeds list` start, `npm start` ready', run: async () => [await runEveryday()] },
};
// Parts of a section, runnable on their own while working on one figure.
const PARTS: Record<string, () => Promise<SectionReport[]>> = {
  'matching-memory': async () => [runMatching()],
  backfill: async () => [await runBackfill()],
};

function usage(): string {
  const lines = Object.entries(SECTIONS).map(([name, s]) => `  ${name.padEnd(16)} ${s.about}`);
  lines.push(`  ${'matching-memory'.padEnd(16)} only the in-memory part of "matching"`, `  ${'backfill'.padEnd(16)} only the backfill part of "matching"`);
  lines.push(`  ${'clean'.padEnd(16)} delete the cached 1,000,000-story database and exit`);
  return `usage: npm run bench -- [section ...]\n\nsections (default: ${Object.keys(SECTIONS).join(' ')}):\n${lines.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return 0;
  }
  if (argv.includes('clean')) {
    console.log(removeBigDbCache());
    return 0;
  }
  const names = argv.length ? argv : Object.keys(SECTIONS);
  const unknown = names.filter((n) => !SECTIONS[n] && !PARTS[n]);
  if (unknown.length) {
    console.error(`unknown section: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  console.log(`casewatch bench ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const started = performance.now();
  let misses = 0;
  for (const name of names) {
    const sectionStart = performance.now();
    const reports = await (SECTIONS[name]?.run ?? PARTS[name]!)();
    for (const report of reports) {
      console.log(formatSection(report));
      misses += report.rows.filter((r) => r.verdict === 'MISS').length;
    }
    console.log(`\n(${name} took ${Math.round((performance.now() - sectionStart) / 1000)} s)`);
  }
  console.log(`\ntotal ${Math.round((performance.now() - started) / 1000)} s; ${misses} goal(s) missed`);
  return 0;
}

// Child servers stop by themselves when this process goes away; temp folders need removing here.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeAllScratch();
    process.exit(130);
  });
}
process.exitCode = await main(process.argv.slice(2));
