// `npm run fit`: fits the matcher's logistic model on the labelled sets and writes core/matching/model.json.
// Reports, before the final fit, how a model fitted without a fold of cases does on that fold (held out).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseDefinition } from '../core/caseDefinition.ts';
import { FEATURES, type FeatureName, type FeatureVector } from '../core/matching/features.ts';
import { Matcher, type CaseDecisions } from '../core/matching/matcher.ts';
import { solveLinear } from '../core/matching/correction.ts';
import { MODEL, logit, sigmoid, type Model } from '../core/matching/model.ts';
import { isCandidate } from '../core/matching/score.ts';
import { normalizeText } from '../core/matching/normalize.ts';
import type { TermStats } from '../core/matching/profile.ts';
import { loadLabelledSet, newerHalves, type LabelledSet } from './labelledSet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures');
const OUT = path.join(ROOT, 'core', 'matching', 'model.json');

interface Row {
  set: string;
  caseKey: string;
  link: string;
  x: FeatureVector;
  y: 0 | 1;
  /** Names no party and repeats no fact: never a match, whatever the model says. */
  candidate: boolean;
  /**
   * Names no party but uses the case's keywords with a dispute: held for review, on the timeline only when more
   * like a confirmed story than a rejected one (`ahead`), as the app does (core/matching/score.ts).
   */
  byKeywords: boolean;
  ahead: boolean;
  excluded: boolean;
  /** The case's correction learned from decisions, in log-odds (0 without decisions). */
  learned: number;
}

/** The row's probability under `model`, with what its case learned from decisions. */
const prob = (model: Model, r: Row) => sigmoid(logit(model, r.x) + r.learned);

function definitions(set: LabelledSet): { defs: CaseDefinition[]; keyOf: Map<number, string> } {
  const keyOf = new Map<number, string>();
  const defs = set.cases.map((c, i) => {
    keyOf.set(i + 1, c.key);
    const b = c.body as { title: string; summary?: string; court?: string; caseNumber?: string; parties: { name: string; role: 'plaintiff' | 'defendant' | 'other'; aliases?: string[] }[]; keywords?: string[]; exclude?: string[] };
    return { id: i + 1, title: b.title, summary: b.summary ?? null, court: b.court ?? null, caseNumber: b.caseNumber ?? null, parties: b.parties.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases ?? [] })), keywords: b.keywords ?? [], exclude: b.exclude ?? [] };
  });
  return { defs, keyOf };
}

/**
 * Document frequencies over the set's own stories, counted as the app counts them over its stored stories
 * (db/termStats.ts): a story counts when the term occurs in it as a substring, as the full-text index finds it.
 */
export function statsOf(stories: Iterable<{ title: string; summary: string }>): TermStats {
  const texts = [...stories].map((s) => normalizeText(`${s.title}\n${s.summary}`));
  const df = new Map<string, number>();
  return {
    docs: texts.length,
    df: (t) => {
      let n = df.get(t);
      if (n === undefined) {
        n = texts.filter((x) => x.includes(t)).length;
        df.set(t, n);
      }
      return n;
    },
  };
}

export function rowsOf(set: LabelledSet, links: Iterable<string>, decisions?: ReadonlyMap<number, CaseDecisions>, correctionPenalty?: number): Row[] {
  const { defs, keyOf } = definitions(set);
  const matcher = Matcher.compile(defs, { stats: statsOf(set.stories.values()), decisions, correctionPenalty });
  const rows: Row[] = [];
  for (const link of links) {
    const story = set.stories.get(link)!;
    for (const { caseId, assessment } of matcher.assessAll(story)) {
      const key = keyOf.get(caseId)!;
      const r = assessment.reading;
      rows.push({
        set: set.name,
        caseKey: key,
        link,
        x: r.features,
        y: set.relevant.get(link)?.has(key) ? 1 : 0,
        candidate: isCandidate(r),
        byKeywords: assessment.candidate === 'keywords',
        ahead: r.likeConfirmed > r.likeRejected,
        excluded: r.excludedBy !== null,
        learned: assessment.contributions.find((c) => c.feature === 'decisions')?.effect ?? 0,
      });
    }
  }
  return rows;
}

/** Decisions the eval's learning run would make: per case up to 10 of the older stories it shows. */
function simulatedDecisions(set: LabelledSet, model: Model, older: ReadonlySet<string>): Map<number, CaseDecisions> {
  const { keyOf } = definitions(set);
  const rows = rowsOf(set, [...older]);
  const out = new Map<number, CaseDecisions>();
  for (const [caseId, key] of keyOf) {
    const mine = rows.filter((r) => r.caseKey === key && (r.candidate || r.byKeywords) && !r.excluded).map((r) => ({ r, p: prob(model, r) }));
    const shown = (m: { r: Row; p: number }) => m.p >= model.thresholds.auto && onTimelineIfAbove(m.r);
    const review = mine.filter((m) => m.p >= model.thresholds.review && !shown(m));
    const wrong = mine.filter((m) => shown(m) && m.r.y === 0);
    const picked = [...review, ...wrong].slice(0, 10);
    out.set(caseId, {
      confirmed: picked.filter((m) => m.r.y === 1).map((m) => set.stories.get(m.r.link)!),
      rejected: picked.filter((m) => m.r.y === 0).map((m) => set.stories.get(m.r.link)!),
    });
  }
  return out;
}

/**
 * L2-regularised logistic regression by Newton's method (the bias is not penalised). `lambda` is the
 * penalty per row: small, since the features are few and the rows a few hundred.
 */
export function fit(rows: readonly Row[], lambda = 0.003, iterations = 30): Model {
  const model = fitFree(rows, new Set(), lambda, iterations);
  // Domain knowledge the data may not show: a party found only through a spelling the user did not type is
  // weaker evidence than the name as written, never stronger. A weight fitted the other way is held at zero.
  const held = new Set(SIGNED_NEGATIVE.filter((f) => model.weights[f] > 0));
  return held.size ? fitFree(rows, held, lambda, iterations) : model;
}

const SIGNED_NEGATIVE: readonly FeatureName[] = ['plaintiffAlone', 'variantOnly', 'common', 'coMentionNoDispute', 'otherLitigants', 'roleConflict', 'likeRejected'];

function fitFree(rows: readonly Row[], held: ReadonlySet<FeatureName>, lambda: number, iterations: number): Model {
  const usable = rows.filter((r) => r.candidate && !r.excluded);
  const free = FEATURES.filter((f) => !held.has(f));
  const d = free.length + 1;
  const X = usable.map((r) => [1, ...free.map((f) => r.x[f])]);
  const y = usable.map((r) => r.y);
  let w = new Array<number>(d).fill(0);
  const n = usable.length;
  for (let it = 0; it < iterations; it++) {
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const g = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        g[j]! += (y[i]! - p) * xi[j]!;
        for (let k = j; k < d; k++) H[j]![k]! += s * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) H[j]![k] = H[k]![j]!;
      if (j > 0) {
        H[j]![j]! += lambda * n;
        g[j]! -= lambda * n * w[j]!;
      } else {
        H[0]![0]! += 1e-9;
      }
    }
    const step = solveLinear(H, g);
    w = w.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const weights = Object.fromEntries(FEATURES.map((f) => [f, held.has(f) ? 0 : round(w[free.indexOf(f) + 1]!)])) as Model['weights'];
  return { bias: round(w[0]!), weights, thresholds: MODEL.thresholds };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** Whether the row can reach the timeline: a candidate by name, or by keywords when like a confirmed story. */
const onTimelineIfAbove = (r: Row) => r.candidate || (r.byKeywords && r.ahead);

/** Pairs on the timeline at threshold `t`, against the labels (positives that are no candidate count as missed). */
function tally(rows: readonly Row[], positives: number, model: Model, t: number): Tally {
  let tp = 0;
  let fp = 0;
  for (const r of rows) {
    if (!onTimelineIfAbove(r) || r.excluded || prob(model, r) < t) continue;
    if (r.y) tp++;
    else fp++;
  }
  return { tp, fp, fn: positives - tp };
}

const p = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
const rc = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
const f1 = (t: Tally) => (p(t) + rc(t) ? (2 * p(t) * rc(t)) / (p(t) + rc(t)) : 0);
const show = (t: Tally) => `P ${p(t).toFixed(3)} R ${rc(t).toFixed(3)} F1 ${f1(t).toFixed(3)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;

/** Penalties of the per-case correction tried by the learning simulation (0: no correction). */
const PENALTIES = [0, 0.5, 1, 2, 4, 8];

/** Precision the timeline threshold must keep on the fitted rows; the held-out figures show what it gives. */
const MIN_PRECISION = 0.9;

/**
 * The timeline threshold with the best F1 among those keeping precision at MIN_PRECISION, at the top of the run of
 * thresholds that give it: where the data cannot tell, a story the matcher is unsure of goes to review rather than
 * to the timeline. Review at half of it.
 */
function chooseThresholds(rows: readonly Row[], positives: number, model: Model): Model['thresholds'] {
  const scores: { t: number; f: number }[] = [];
  for (let i = 20; i <= 90; i++) {
    const x = tally(rows, positives, model, i / 100);
    scores.push({ t: i / 100, f: p(x) >= MIN_PRECISION ? f1(x) : -1 });
  }
  const top = Math.max(...scores.map((s) => s.f));
  const first = scores.findIndex((s) => s.f === top);
  let last = first;
  while (last + 1 < scores.length && scores[last + 1]!.f === top) last++;
  const best = top < 0 ? { t: 0.5 } : scores[last]!;
  const auto = Math.round(best.t * 100) / 100;
  return { auto, review: Math.round((auto / 2) * 100) / 100 };
}

function positivesOf(set: LabelledSet, keys: ReadonlySet<string>, links?: ReadonlySet<string>): number {
  let n = 0;
  for (const [link, cases] of set.relevant) if (!links || links.has(link)) for (const k of cases) if (keys.has(k)) n++;
  return n;
}

/** Every wrong pair with its probability and features; positives that were no candidate at all. */
function explainErrors(sets: readonly LabelledSet[], rows: readonly Row[], model: Model, only?: ReadonlySet<string>): void {
  const seen = new Set(rows.filter((r) => r.candidate).map((r) => `${r.caseKey} ${r.link}`));
  for (const r of rows) {
    if (!r.candidate || r.excluded) continue;
    const pr = prob(model, r);
    if ((pr >= model.thresholds.auto) === (r.y === 1)) continue;
    const on = FEATURES.filter((f) => r.x[f] !== 0).map((f) => `${f}=${r.x[f].toFixed(2)}`).join(' ');
    console.log(`${r.y ? 'MISSED' : 'WRONG '} p=${pr.toFixed(2)} ${r.caseKey} ${sets.find((s) => s.name === r.set)!.stories.get(r.link)!.title.slice(0, 70)}\n        ${on}`);
  }
  for (const s of sets) {
    for (const [link, keys] of s.relevant) for (const k of keys) if ((!only || only.has(link)) && !seen.has(`${k} ${link}`)) console.log(`NO CANDIDATE ${k} ${s.stories.get(link)?.title.slice(0, 80)}`);
  }
}

async function main(): Promise<number> {
  if (!existsSync(FIXTURES)) {
    console.log(`skipped: ${FIXTURES} is not here`);
    return 0;
  }
  const sets = await Promise.all(readdirSync(FIXTURES).filter((d) => d.startsWith('matching-')).sort().map((d) => loadLabelledSet(path.join(FIXTURES, d))));
  const base = sets.flatMap((s) => rowsOf(s, s.stories.keys()));
  const allKeys = (s: LabelledSet) => new Set(s.cases.map((c) => c.key));
  // Held out: for each set, fit on the other sets and on half its cases, report on the other half.
  for (const set of sets) {
    const keys = set.cases.map((c) => c.key);
    const folds = [keys.filter((_, i) => i % 2 === 0), keys.filter((_, i) => i % 2 === 1)];
    const total: Tally = { tp: 0, fp: 0, fn: 0 };
    for (const fold of folds) {
      const held = new Set(fold);
      const model = fit(base.filter((r) => !(r.set === set.name && held.has(r.caseKey))));
      model.thresholds = chooseThresholds(base.filter((r) => !(r.set === set.name && held.has(r.caseKey))), sets.reduce((n, s) => n + positivesOf(s, s === set ? new Set(keys.filter((k) => !held.has(k))) : allKeys(s)), 0), model);
      const t = tally(base.filter((r) => r.set === set.name && held.has(r.caseKey)), positivesOf(set, held), model, model.thresholds.auto);
      total.tp += t.tp;
      total.fp += t.fp;
      total.fn += t.fn;
    }
    console.log(`${set.name}, each half of its cases held out of the fit: ${show(total)}`);
  }
  // Final: fit on everything without decisions; then the weight of what a case learns from decisions,
  // chosen on the eval's learning protocol simulated in memory (decisions on the older half of each feed,
  // F1 on the newer half).
  const model = fit(base);
  const positives = sets.reduce((n, s) => n + positivesOf(s, allKeys(s)), 0);
  model.thresholds = chooseThresholds(base, positives, model);
  const simulated = sets.map((set) => {
    const newer = newerHalves(set);
    const older = new Set([...set.stories.keys()].filter((l) => !newer.has(l)));
    return { set, newer, decisions: simulatedDecisions(set, model, older), positives: positivesOf(set, allKeys(set), newer) };
  });
  // The two parts of learning, chosen together: the weight of resemblance to decided stories, and the penalty
  // of the per-case correction (core/matching/correction.ts; 0 is none, larger is a smaller correction).
  const scores: { beta: number; penalty: number; f: number }[] = [];
  let later: { rows: Row[]; positives: number }[] = [];
  for (const penalty of PENALTIES) {
    const rows = simulated.map((x) => ({ rows: rowsOf(x.set, x.newer, x.decisions, penalty), positives: x.positives }));
    if (penalty === 0) later = rows;
    for (let beta = 0; beta <= 4; beta += 0.5) {
      const trial: Model = { ...model, weights: { ...model.weights, likeConfirmed: beta, likeRejected: -beta } };
      const t = rows.reduce((acc, l) => {
        const x = tally(l.rows, l.positives, trial, trial.thresholds.auto);
        return { tp: acc.tp + x.tp, fp: acc.fp + x.fp, fn: acc.fn + x.fn };
      }, { tp: 0, fp: 0, fn: 0 });
      console.log(`  learning weight ${beta.toFixed(1)}, correction penalty ${penalty}: newer stories ${show(t)}`);
      scores.push({ beta, penalty, f: f1(t) });
    }
  }
  // The middle of the best plateau in each of the two settings (the penalty first, then the weight at that
  // penalty): no setting the simulation cannot tell apart from its neighbours is favoured.
  const top = Math.max(...scores.map((x) => x.f));
  const plateau = scores.filter((x) => x.f >= top - 1e-9);
  const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const penalty = middle([...new Set(plateau.map((x) => x.penalty))]);
  const beta = middle(plateau.filter((x) => x.penalty === penalty).map((x) => x.beta));
  const best = plateau.find((x) => x.penalty === penalty && x.beta === beta)!;
  if (process.argv.includes('--verbose')) {
    for (const [i, l] of later.entries()) {
      const set = sets[i]!;
      const newer = newerHalves(set);
      explainErrors([set], l.rows, model, newer);
    }
  }
  model.weights.likeConfirmed = best.beta;
  model.weights.likeRejected = -best.beta;
  model.correctionPenalty = best.penalty;
  console.log(`learning: weight ${best.beta}, correction penalty ${best.penalty}`);
  console.log(`all sets, fitted on all (not held out): ${show(tally(base, positives, model, model.thresholds.auto))}`);
  console.log(`thresholds: timeline ${model.thresholds.auto}, review ${model.thresholds.review}`);
  const inReview = base.filter((r) => r.candidate && !r.excluded && prob(model, r) >= model.thresholds.review && prob(model, r) < model.thresholds.auto);
  console.log(`review queue: ${inReview.length} stories, ${inReview.filter((r) => r.y).length} of them relevant; timeline and review together: ${show(tally(base, positives, model, model.thresholds.review))}`);
  console.log(FEATURES.map((f) => `  ${f.padEnd(20)} ${model.weights[f].toFixed(3)}`).join('\n'));
  if (process.argv.includes('--verbose')) explainErrors(sets, base, model);
  if (!process.argv.includes('--dry-run')) {
    writeFileSync(OUT, `${JSON.stringify(model, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, OUT)}`);
  }
  return 0;
}

if (!process.env.CASEWATCH_FIT_NO_MAIN) main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
