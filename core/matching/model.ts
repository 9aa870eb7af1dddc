// The fitted scorer: a logistic model over the features, its thresholds, and each feature's part in words.
import fitted from './model.json' with { type: 'json' };
import { FEATURES, type CaseReading, type FeatureName, type FeatureVector } from './features.ts';

export interface Model {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Probability at which a story joins the timeline, and at which it waits in review. */
  thresholds: { auto: number; review: number };
  /** Penalty of the per-case correction learned from decisions (correction.ts); 0 or absent: none. */
  correctionPenalty?: number;
}

export const MODEL: Model = fitted as Model;

/** Score 0-100 at which a story joins the timeline, and at which it goes to review. */
export const THRESHOLDS = {
  auto: Math.round(MODEL.thresholds.auto * 100),
  review: Math.round(MODEL.thresholds.review * 100),
} as const;

export function logit(model: Model, x: FeatureVector): number {
  let z = model.bias;
  for (const f of FEATURES) z += model.weights[f] * x[f];
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability that the story belongs to the case. */
export function probability(model: Model, x: FeatureVector): number {
  return sigmoid(logit(model, x));
}

export interface Contribution {
  /** A feature, or `decisions`: the case's correction learned from the user's decisions. */
  feature: FeatureName | 'decisions';
  value: number;
  /** weight × value, in log-odds. */
  effect: number;
  words: string;
}

const roleWord = (role: string) => (role === 'other' ? 'party' : role);

/**
 * Who the story names, the first reason of every match ("plaintiff Acme Robotics (as 艾克美机器人) in title,
 * defendant Jane Doe named"): what made the story a candidate, before any feature is weighed.
 */
export function namedWords(r: CaseReading, parties: readonly { name: string; role: string }[]): string {
  const out: string[] = [];
  parties.forEach((p, i) => {
    const f = r.parties[i];
    if (!f || f.level === 'anonymised') return;
    const as =
      f.kind === 'pinyin' ? ' (in Han characters)' : f.term.display !== p.name ? ` (as ${f.term.display}${f.kind ? `, ${f.kind}` : ''})` : '';
    out.push(`${roleWord(p.role)} ${p.name}${as}${f.inTitle ? ' in title' : f.inArticle ? ' (in the article)' : ''}`);
  });
  return out.length ? `${out.join(', ')} named` : '';
}

/** One feature's part in words, e.g. "both parties named, but no dispute reported". */
function words(feature: FeatureName, r: CaseReading, parties: readonly { name: string; role: string }[]): string {
  switch (feature) {
    case 'onlyPlaintiff':
      return 'only the plaintiff named';
    case 'plaintiffAlone':
      return "only the plaintiff, and nothing else of the case";
    case 'bothSides':
      return 'plaintiff and defendant both named';
    case 'nameless':
      return r.factsMatched.length || r.courtsMatched.length ? "no party named, only the case's facts" : 'no party named';
    case 'offTitle':
      return 'nothing about the case in the title';
    case 'variantOnly':
      return 'parties found only through other spellings';
    case 'anonymised': {
      const forms = r.parties.filter((f) => f?.level === 'anonymised').map((f) => f!.term.display);
      const support = r.features.anonymised >= 1 ? "the case's facts or other side" : "the case's keywords";
      return `anonymised party (${forms.join(', ')}) with ${support}`;
    }
    case 'dispute':
      return 'a dispute is reported';
    case 'legalWords':
      return 'legal words';
    case 'coMentionNoDispute':
      return 'both parties named, but no dispute reported';
    case 'otherLitigants': {
      const { described, caseRoles } = r.counterpart;
      const ours = caseRoles.length ? caseRoles.map((d) => d.words).join(', ') : 'not of that kind';
      if (r.counterpart.separate) return `the story says it is another dispute ("${r.counterpart.separate}")`;
      if (described.suedBy.length) return `the plaintiff sued by someone else (${described.suedBy.map((d) => d.words).join(', ')}): another case`;
      if (described.sues.length) return `a dispute with someone else (${described.sues.map((d) => d.words).join(', ')}; the case's defendant: ${ours}): another case`;
      return 'a dispute with someone else: another case';
    }
    case 'roleConflict':
      return 'the parties on the wrong sides: another case';
    case 'court':
      return `the case's court: ${r.courtsMatched.join(', ')}`;
    case 'facts':
      return `the case's facts: ${r.factsMatched.join(', ')}`;
    case 'topicStrong':
      return "much about the case's subject";
    case 'topic':
      return r.topicTerms.length ? `about the case's subject: ${readableTerms(r.topicTerms).slice(0, 5).join(', ')}` : "nothing of the case's subject";
    case 'keywords':
      return `keywords: ${r.keywords.map((k) => k.display).join(', ')}`;
    case 'common':
      return 'a name used as an ordinary word';
    case 'likeConfirmed':
      return `like ${plural(Math.max(1, r.likeConfirmedCount), 'story', 'stories')} you confirmed`;
    case 'likeRejected':
      return `like ${plural(Math.max(1, r.likeRejectedCount), 'story', 'stories')} you rejected`;
  }
}

const CJK_PAIR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}$/u;

/**
 * Subject terms as a reader would write them: CJK character pairs that overlap are joined back into the word
 * they came from (实习 + 习生 -> 实习生, 模型 + 型训 + 训练 -> 模型训练).
 */
export function readableTerms(terms: readonly string[]): string[] {
  const out = [...terms];
  for (let joined = true; joined; ) {
    joined = false;
    for (let i = 0; i < out.length && !joined; i++) {
      for (let j = 0; j < out.length && !joined; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (i === j || !CJK_PAIR.test(a) || !CJK_PAIR.test(b) || a.at(-1) !== b[0]) continue;
        out[i] = a + b.slice(1);
        out.splice(j, 1);
        joined = true;
      }
    }
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Features that mean something when absent (their absence is the reason). */
const SAY_WHEN_ZERO: ReadonlySet<FeatureName> = new Set(['dispute', 'topic']);

/** Each feature's part in the score, largest first; features that played no part are left out. */
export function contributions(model: Model, r: CaseReading, parties: readonly { name: string; role: string }[]): Contribution[] {
  const out: Contribution[] = [];
  for (const f of FEATURES) {
    const value = r.features[f];
    const effect = model.weights[f] * value;
    // "Both named, but no dispute" already says the dispute is missing.
    if (value === 0 && SAY_WHEN_ZERO.has(f) && !(f === 'dispute' && r.features.coMentionNoDispute > 0)) {
      const absent = f === 'dispute' ? 'no dispute reported' : words(f, r, parties);
      out.push({ feature: f, value, effect: 0, words: absent });
      continue;
    }
    if (value === 0 || Math.abs(effect) < 0.05) continue;
    out.push({ feature: f, value, effect, words: words(f, r, parties) });
  }
  return out.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
}

/** A contribution as a reason a user reads: its words and its direction. */
export function reasonText(c: Contribution): string {
  return `${c.words} (${c.effect > 0 ? '+' : '−'})`;
}
