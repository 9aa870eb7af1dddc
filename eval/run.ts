// `npm run eval`: precision, recall and F1 per case and overall on each labelled set, plus the learning figure.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateLearning, evaluateSet, evaluateTeasers, f1, precision, recall, type Counts, type SetScore } from './evaluate.ts';
import { loadLabelledSet } from './labelledSet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures');

const fmt = (n: number) => n.toFixed(3);
const row = (label: string, c: Counts, extra = '') =>
  `  ${label.padEnd(22)} P ${fmt(precision(c))}  R ${fmt(recall(c))}  F1 ${fmt(f1(c))}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})${extra}`;

function printSet(name: string, s: SetScore, verbose: boolean): void {
  console.log(`\n${name}`);
  for (const c of s.cases) {
    console.log(row(c.key, c, c.review ? `, ${c.review} in review` : ''));
    if (verbose) {
      for (const l of c.falsePositives) console.log(`      wrongly on the timeline: ${l}`);
      for (const l of c.misses) console.log(`      missed: ${l}`);
    }
  }
  console.log(row('overall', s.total));
}

function usage(): string {
  return 'usage: npm run eval -- [--verbose] [--no-learning] [--no-teasers] [SET ...]\n\nSETs are folder names under ../shared/fixtures starting with "matching-" (default: all of them).';
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(usage());
    return 0;
  }
  const verbose = argv.includes('--verbose');
  const learning = !argv.includes('--no-learning');
  const teasers = !argv.includes('--no-teasers');
  if (!existsSync(FIXTURES)) {
    console.log(`skipped: ${FIXTURES} is not here (the labelled sets sit beside the project only in its own workspace)`);
    return 0;
  }
  const named = argv.filter((a) => !a.startsWith('--'));
  const sets = named.length ? named : readdirSync(FIXTURES).filter((d) => d.startsWith('matching-')).sort();
  for (const name of sets) {
    const dir = path.join(FIXTURES, name);
    if (!existsSync(path.join(dir, 'labels.json'))) {
      console.error(`casewatch eval: no labelled set at ${dir}`);
      return 2;
    }
    const set = await loadLabelledSet(dir);
    printSet(`${name}: ${set.cases.length} cases, ${set.dates.size} stories (half the cases added before the poll, half after)`, await evaluateSet(set), verbose);
    if (learning) {
      const l = await evaluateLearning(set);
      console.log(`  learning (F1 on the newer half of each feed after ${l.decisions} decisions on the older half):`);
      console.log(row('without decisions', l.without.total));
      console.log(row('with decisions', l.with.total, `  change ${(f1(l.with.total) - f1(l.without.total) >= 0 ? '+' : '')}${fmt(f1(l.with.total) - f1(l.without.total))}`));
      if (verbose) {
        for (const [label, s] of [['without', l.without], ['with', l.with]] as const) {
          for (const c of s.cases) for (const x of c.falsePositives) console.log(`      ${label}: wrongly on ${c.key}: ${x}`);
          for (const c of s.cases) for (const x of c.misses) console.log(`      ${label}: missed on ${c.key}: ${x}`);
        }
        for (const d of l.log) console.log(`      decided: ${d}`);
      }
    }
    if (teasers) {
      const full = await evaluateTeasers(set, 'full');
      const teaser = await evaluateTeasers(set, 'teaser');
      const article = await evaluateTeasers(set, 'article', full.score);
      const gap = f1(article.score.total) - f1(full.score.total);
      console.log('  teasers (feed text cut to its first sentence, the full text on loopback article pages; every case added first):');
      console.log(row('full feeds', full.score.total));
      console.log(row('teaser only', teaser.score.total));
      console.log(row('with article text', article.score.total, `  vs full feeds ${gap >= 0 ? '+' : ''}${fmt(gap)}`));
      console.log(`  matches made from a page's related box (another case's parties): ${article.fromBoilerplate.length}`);
      if (verbose) {
        for (const b of article.fromBoilerplate) console.log(`      from boilerplate: ${b}`);
        for (const c of article.score.cases) for (const x of c.misses) console.log(`      with article text: missed on ${c.key}: ${x}`);
        for (const c of article.score.cases) for (const x of c.falsePositives) console.log(`      with article text: wrongly on ${c.key}: ${x}`);
      }
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
