// A case's subject as weighted terms (its summary, keywords and the stories the user confirmed), and how
// much a story is about it; also how much a story resembles the ones the user decided on.
import { isSubstringToken, tokenize } from './normalize.ts';

/** Document frequencies of topic terms in the stored stories. `docs` is how many stories were counted. */
export interface TermStats {
  docs: number;
  df(term: string): number;
}

/** No corpus yet: every term weighs the same. */
export const NO_STATS: TermStats = { docs: 0, df: () => 0 };

/**
 * Function words and news filler in the case languages with Latin script: they say nothing about a
 * subject. CJK text needs no list: its topic terms are character pairs, and particles rarely pair.
 */
const STOPWORDS = new Set(
  (
    'the a an and or of to in on at by for with from as is are was were be been has have had its it this that these those ' +
    'his her their he she they we you not but after before over under into about than then also which who whom what when ' +
    'where while said says say will would could should may can more most new former ex per other its one two three last ' +
    'year years month months week weeks day days company companies firm firms inc ltd co corp group court case million ' +
    'billion der die das und oder von zu im in am an mit fur auf ist sind war wurde wurden hat haben ein eine einen einem ' +
    'einer des dem den nach vor uber unter gegen sich auch bei als wie nicht mehr le la les un une des du de et ou au aux ' +
    'en dans sur par pour avec est sont a ete son sa ses leur qui que ne pas plus apres avant contre el los las y o del al ' +
    'con por para es son fue su sus que se no mas tras ante sobre entre ' +
    // Units of money and counting: the case's sums are compared as facts, not as words.
    'yuan renminbi rmb dollar dollars usd euro euros eur yen won pounds francs kronor kroner thousand mln bln bn trillion ' +
    'millions milliards millionen milliarden millones'
  ).split(' '),
);

/**
 * Topic terms of a text: Latin (and other spaced-script) words of three or more letters that are no
 * function word, and each pair of neighbouring CJK characters.
 */
export function topicTerms(text: string): Set<string> {
  return topicTermsOfTokens(tokenize(text));
}

/** `topicTerms` of text already tokenized (the matcher has the story's tokens from its scan). */
export function topicTermsOfTokens(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isSubstringToken(t)) {
      const next = tokens[i + 1];
      if (next !== undefined && isSubstringToken(next)) out.add(t + next);
    } else if (t.length >= 3 && !STOPWORDS.has(t) && !/^\d+$/.test(t)) {
      out.add(t);
    }
  }
  return out;
}

/** Inverse document frequency, smoothed; with too few stories counted, 1 for every term. */
export function idf(stats: TermStats, term: string): number {
  if (stats.docs < 50) return 1;
  return Math.log((stats.docs + 1) / (stats.df(term) + 1));
}

export interface Profile {
  /** term -> weight; the heaviest terms only. */
  weights: Map<string, number>;
  total: number;
}

const PROFILE_TERMS = 40;

/** The case's subject: its text's terms weighted by rarity, party names left out (they count on their own). */
export function buildProfile(texts: readonly string[], stats: TermStats, leaveOut: ReadonlySet<string>): Profile {
  const counts = new Map<string, number>();
  for (const text of texts) for (const t of topicTerms(text)) if (!leaveOut.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const weighted = [...counts].map(([t, n]) => [t, (1 + Math.log(n)) * idf(stats, t)] as const).filter(([, w]) => w > 0);
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const weights = new Map(weighted.slice(0, PROFILE_TERMS));
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}

/** Share of the profile's weight that the story's terms cover, 0..1, and the terms that did. */
export function topicSimilarity(profile: Profile, story: ReadonlySet<string>): { value: number; terms: string[] } {
  if (profile.total === 0) return { value: 0, terms: [] };
  let covered = 0;
  const terms: string[] = [];
  for (const [t, w] of profile.weights) {
    if (story.has(t)) {
      covered += w;
      terms.push(t);
    }
  }
  // A few shared rare terms already say a lot: the square root lifts small overlaps.
  return { value: Math.sqrt(covered / profile.total), terms };
}

/** A decided story's distinctive terms with their rarity weights, worked out once when the matcher compiles. */
export type WeightedTerms = ReadonlyMap<string, number>;

export function weighTerms(terms: Iterable<string>, stats: TermStats): WeightedTerms {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, idf(stats, t));
  return out;
}

/**
 * How much of a decided story's distinctive terms a new story shares (0..1), weighted by rarity: a story
 * that repeats most of them is "like" it.
 */
export function resemblance(story: ReadonlySet<string>, decided: WeightedTerms): number {
  let shared = 0;
  let total = 0;
  for (const [t, w] of decided) {
    total += w;
    if (story.has(t)) shared += w;
  }
  return total === 0 ? 0 : shared / total;
}
