// What a paralegal would note about one story and one case, as numbers a fitted model weighs: who is named
// and how, whether a dispute is reported and between whom, the case's facts, its subject, past decisions.
import { extractCaseNumbers } from '../timeline/caseNumbers.ts';
import { extractAmounts, sameAmount, type Amount } from '../timeline/facts.ts';
import { courtPlacesIn, sameCourtPlace, type CourtPlace } from './courtPlaces.ts';
import { readDispute, type DisputeReading } from './dispute.ts';
import { normalizeText, tokenize } from './normalize.ts';
import { hanSyllableTokens } from './pinyinText.ts';
import { claimSentences, describedCounterparts, describesPrecisely, judgeCounterpart, pseudonymKeyword, pseudonymOf, pseudonymsIn, separateCaseCue, type Pseudonym, type CounterpartVerdict, type Described, type RoleFound } from './counterparts.ts';
import { occurrences, sentences, sidesOf, suitSentences, type SuitSentence } from './roles.ts';
import { resemblance, topicSimilarity, topicTermsOfTokens, type Profile, type WeightedTerms } from './profile.ts';
import type { Correction } from './correction.ts';
import { fullText, type StoryText } from './knowledge.ts';
import type { Found, TermLocator } from './score.ts';
import type { CompiledCase, CompiledParty, Term } from './terms.ts';
import type { VariantKind } from './variants.ts';

export const FEATURES = [
  'onlyPlaintiff',
  'plaintiffAlone',
  'bothSides',
  'nameless',
  'offTitle',
  'variantOnly',
  'anonymised',
  'dispute',
  'legalWords',
  'coMentionNoDispute',
  'otherLitigants',
  'roleConflict',
  'court',
  'facts',
  'topic',
  'topicStrong',
  'keywords',
  'common',
  'likeConfirmed',
  'likeRejected',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** The case-independent reading of a story, made once per story and shared by every candidate case. */
export interface StoryReading {
  title: string;
  text: string;
  dispute: DisputeReading;
  /** Legal-vocabulary concepts found, and whether one is in the title. */
  legal: readonly (Found | null)[];
  amounts: Amount[];
  caseNumbers: string[];
  /** The courts the story names, with the city each sits in. */
  courtPlaces: readonly CourtPlace[];
  topic: Set<string>;
  /** Sentences with a suing verb or a party label, as tokens (for the sides of a suit). */
  sentences: readonly SuitSentence[];
  /** Every sentence as tokens. */
  clauses: readonly (readonly string[])[];
  /** The sentences that can say whom a party sues or accuses, also without a suing verb ("filed suit against"). */
  claims: readonly (readonly string[])[];
  /** The words by which the story says its dispute is a separate one ("unrelated to …"), if any. */
  separateCue: string | null;
  /** People named only by a letter after their role ("전 수석연구원 A씨"). */
  pseudonyms: readonly Pseudonym[];
  /** Tokens of a span of the story (a litigant's words), made once per story whatever the number of cases. */
  tokensOf(span: string): readonly string[];
}

const CITATION = /\S\s+v\.\s+\p{Lu}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const NO_DISPUTE: DisputeReading = { reported: false, kinds: [], litigants: [], cues: [] };

/**
 * The story's reading. Sums and case numbers are read at once (they make candidates); the dispute and the
 * topic terms only when a case asks, since most stories are no candidate for any case.
 */
export function readStory(story: StoryText, legal: readonly (Found | null)[], tokens?: () => readonly string[]): StoryReading {
  const text = fullText(story);
  let dispute: DisputeReading | null = null;
  let topic: Set<string> | null = null;
  let split: SuitSentence[] | null = null;
  let clauses: string[][] | null = null;
  let claims: (readonly string[])[] | null = null;
  let separate: string | null | undefined;
  let pseudonyms: Pseudonym[] | null = null;
  let places: CourtPlace[] | null = null;
  const spans = new Map<string, readonly string[]>();
  return {
    tokensOf(span: string) {
      let t = spans.get(span);
      if (!t) spans.set(span, (t = tokenize(span)));
      return t;
    },
    // Every sentence is tokenized once: the suing ones are picked from them.
    get sentences() {
      return (split ??= suitSentences(this.clauses));
    },
    get clauses() {
      return (clauses ??= sentences(text));
    },
    get claims() {
      return (claims ??= claimSentences(this.clauses));
    },
    get pseudonyms() {
      // Field by field, as the compiled matcher tests them: a letter at a title's end is no pseudonym with the summary.
      return (pseudonyms ??= [story.title, story.summary, story.article ?? ''].flatMap(pseudonymsIn));
    },
    get separateCue() {
      if (separate === undefined) separate = separateCaseCue(this.clauses);
      return separate;
    },
    title: story.title,
    text,
    get dispute() {
      // A dispute told in Latin script carries a legal word of the vocabulary, or "X v. Y"; the reader's CJK cues
      // (기소, 선고, 地検…) are more than the vocabulary lists, so text with CJK characters is always read.
      return (dispute ??= legal.some(Boolean) || CITATION.test(text) || CJK.test(text) ? readDispute(text) : NO_DISPUTE);
    },
    legal,
    amounts: extractAmounts(text),
    caseNumbers: extractCaseNumbers(text),
    get courtPlaces() {
      return (places ??= courtPlacesIn(text));
    },
    get topic() {
      // The tokens of title, summary and article one after the other are those of the text they make joined by
      // line breaks (a separator): the matcher hands over the ones its scan made.
      return (topic ??= topicTermsOfTokens(tokens ? tokens() : tokenize(text)));
    },
  };
}

/** What the case knows beyond its terms: its subject and the user's decisions, as topic-term sets. */
export interface CaseKnowledge {
  /** The case's subject from its own text and the stories the user confirmed. */
  profile: Profile;
  /**
   * The subject from the case's own text alone. A story counts as much on topic as the better of the two says:
   * one confirmed story's many rare terms (a Korean report's character pairs) must not crowd out of the profile
   * the words of the case's summary and keywords that its other stories share.
   */
  ownProfile: Profile;
  /** What the case's decisions changed in the model's weights (null: no decisions). */
  correction: Correction | null;
  /** Distinctive terms of the stories the user confirmed and rejected, weighted. */
  confirmed: readonly WeightedTerms[];
  rejected: readonly WeightedTerms[];
  /**
   * The user confirmed a story that names no party of the case (an anonymised report): the case is reported
   * without names, so a story with one of its keywords and a dispute is read too, and joins if it is like one
   * the user confirmed.
   */
  reportedNameless: boolean;
}

export type PartyLevel = 'exact' | 'variant' | 'anonymised';

export interface PartyFind {
  level: PartyLevel;
  inTitle: boolean;
  /** Found only in the article fetched from the story's page, not in the feed's text. */
  inArticle: boolean;
  term: Term;
  kind: VariantKind | 'pinyin' | null;
}

const seen = (where: TermLocator, t: Term) => {
  const l = where(t);
  return l.title || l.summary || l.article ? l : null;
};

/** The first term found in the title, else in the feed's text, else in the article. */
function firstFound(terms: readonly Term[], where: TermLocator): { term: Term; inTitle: boolean; inArticle: boolean } | null {
  let summaryHit: Term | null = null;
  let articleHit: Term | null = null;
  for (const t of terms) {
    const l = seen(where, t);
    if (l?.title) return { term: t, inTitle: true, inArticle: false };
    if (l?.summary && !summaryHit) summaryHit = t;
    if (l?.article && !articleHit) articleHit = t;
  }
  if (summaryHit) return { term: summaryHit, inTitle: false, inArticle: false };
  return articleHit ? { term: articleHit, inTitle: false, inArticle: true } : null;
}

/** The strongest way the story names the party: as written, as a variant, or anonymised. */
export function findParty(p: CompiledParty, where: TermLocator): PartyFind | null {
  const exact = firstFound(p.terms, where);
  if (exact) {
    // Headlines use short forms ("Tripp") once the text names the party in full.
    const inTitle = exact.inTitle || p.shortForms.some((s) => where(s).title);
    return { level: 'exact', inTitle, inArticle: exact.inArticle && !inTitle, term: exact.term, kind: null };
  }
  const variant = firstFound(p.variants, where);
  if (variant) return { level: 'variant', ...variant, kind: (variant.term as Term & { kind: VariantKind }).kind };
  const pinyin = firstFound(p.pinyin, where);
  if (pinyin) return { level: 'variant', ...pinyin, kind: 'pinyin' };
  const anon = firstFound(p.anonymised, where);
  if (anon) return { level: 'anonymised', ...anon, kind: null };
  return null;
}

export interface CaseReading {
  parties: (PartyFind | null)[];
  keywords: Term[];
  /** The case's courts named in the story. */
  courtsMatched: string[];
  /** Sums and case numbers of the case the story repeats. */
  factsMatched: string[];
  /** How much they say: 1 for each precise sum or case number, ½ for a round sum. */
  factWeight: number;
  topicTerms: string[];
  likeConfirmed: number;
  likeRejected: number;
  /** Decided stories this one closely resembles (for reasons). */
  likeConfirmedCount: number;
  likeRejectedCount: number;
  excludedBy: Term | null;
  /** Whom the story says our plaintiff sues, when that is not the case's defendant. */
  counterpart: CounterpartReading;
  features: FeatureVector;
}

function courtsMatched(c: CompiledCase, where: TermLocator, s: StoryReading): string[] {
  // One court may be found in several forms (北京知产法院 and 北京知识产权法院): it counts, and is named, once.
  const named = [...new Set(c.facts.courts.filter((court) => seen(where, court)).map((court) => court.display))];
  if (named.length > 0 || c.facts.courtPlaces.length === 0) return named;
  // Else a court of the same city and kind in the story's own language: the case's court, its appeal court, or
  // the criminal court of the same affair.
  const same = sameCourtPlace(c.facts.courtPlaces, s.courtPlaces);
  return same ? [`${same.story.text} = ${same.ours.text}`] : [];
}

/**
 * How much a sum says: a round one ("8 million yuan", one significant digit) is repeated by many unrelated
 * stories, a precise one ("18.6 million yuan", "940,000 euros") seldom. Case numbers are always specific.
 */
export function amountSpecificity(value: number): number {
  const digits = String(value).replace(/\./, '').replace(/^0+/, '').replace(/0+$/, '').length;
  return digits >= 2 ? 1 : 0.5;
}

function factsMatched(c: CompiledCase, s: StoryReading): { texts: string[]; weight: number } {
  const texts: string[] = [];
  let weight = 0;
  for (const a of c.facts.amounts) {
    const hit = s.amounts.find((b) => sameAmount(a, b));
    if (!hit) continue;
    texts.push(hit.text === a.text ? a.text : `${hit.text} = ${a.text}`);
    // A round sum on either side ("1,000,000 yuan" in the story) is too common to tie the two together.
    weight += Math.min(amountSpecificity(a.value), amountSpecificity(hit.value));
  }
  for (const n of c.facts.caseNumbers) {
    if (!s.caseNumbers.includes(n)) continue;
    texts.push(n);
    weight += 1;
  }
  return { texts, weight };
}

/**
 * Which side of the case a span of text names, if any: any written name or variant of its parties, or the
 * anonymised form the story uses for one ("云帆数据诉许某": 许某 is our defendant, not someone else).
 */
function sideNamed(c: CompiledCase, s: StoryReading, span: string, found: readonly (PartyFind | null)[]): Set<'plaintiff' | 'defendant' | 'other'> {
  const out = new Set<'plaintiff' | 'defendant' | 'other'>();
  const tokens = s.tokensOf(span);
  let syllables: string[] | null = null;
  c.parties.forEach((p, i) => {
    const terms = [...p.terms, ...p.shortForms, ...p.variants];
    if (terms.some((t) => occurrences(tokens, t.tokens).length > 0)) out.add(p.role);
    const f = found[i];
    if (f?.level !== 'anonymised') return;
    // A pinyin pattern ("~xu ~某") is looked for in the span's syllables, like the story scan does.
    const inSpan = f.term.tokens[0]?.startsWith('~') ? (syllables ??= hanSyllableTokens(normalizeText(span))) : tokens;
    if (occurrences(inSpan, f.term.tokens).length > 0) out.add(p.role);
  });
  return out;
}

/**
 * Whom the story's dispute is between, against this case: `other` when a side of ours is a litigant and the
 * other side is someone else while our other side goes unnamed; `conflict` when our plaintiff is the one
 * sued or our defendant the one suing.
 */
function litigantsCheck(c: CompiledCase, s: StoryReading, named: (PartyFind | null)[]): { other: boolean; conflict: boolean } {
  let other = false;
  let conflict = false;
  let ours = false;
  const namedRoles = new Set(c.parties.filter((_, i) => named[i]?.level === 'exact' || named[i]?.level === 'variant').map((p) => p.role));
  for (const l of s.dispute.litigants) {
    const claimant = sideNamed(c, s, l.claimant, named);
    const respondent = sideNamed(c, s, l.respondent, named);
    if (respondent.has('plaintiff') && !respondent.has('defendant') && !claimant.has('plaintiff')) conflict = true;
    if (claimant.has('defendant') && !claimant.has('plaintiff') && !respondent.has('defendant')) conflict = true;
    if ((claimant.has('plaintiff') && respondent.has('defendant')) || (claimant.has('defendant') && respondent.has('plaintiff'))) ours = true;
    const oneSide = claimant.size + respondent.size > 0;
    if (oneSide && !(claimant.size > 0 && respondent.size > 0)) {
      const missing = claimant.has('plaintiff') || respondent.has('plaintiff') ? 'defendant' : 'plaintiff';
      if (!namedRoles.has(missing)) other = true;
    }
  }
  return { other: other && !ours, conflict: conflict && !ours };
}

/**
 * The sides our named parties take next to a suing verb: `swapped` when our plaintiff is only ever sued or our
 * defendant only ever suing (another case), `plaintiffSues` when our plaintiff sues someone.
 */
function partySides(c: CompiledCase, found: readonly (PartyFind | null)[], text: readonly SuitSentence[]): { swapped: boolean; plaintiffSues: boolean } {
  let swapped = false;
  let plaintiffSues = false;
  c.parties.forEach((p, i) => {
    const f = found[i];
    if (!f || f.level === 'anonymised' || p.role === 'other') return;
    const sides = sidesOf([...p.terms, ...p.variants], text);
    if (p.role === 'plaintiff') {
      plaintiffSues ||= sides.has('claimant');
      swapped ||= sides.has('respondent') && !sides.has('claimant');
    } else swapped ||= sides.has('claimant') && !sides.has('respondent');
  });
  return { swapped, plaintiffSues };
}

const wordPatterns = new Map<string, RegExp>();

/** The word in lowercase, standing alone; compiled once per word (bounded like the reference path's cache). */
function lowercaseWord(word: string): RegExp {
  let re = wordPatterns.get(word);
  if (!re) {
    if (wordPatterns.size >= 20_000) wordPatterns.clear();
    re = new RegExp(`(?<![\\p{L}])${word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}(?![\\p{L}])`, 'u');
    wordPatterns.set(word, re);
  }
  return re;
}

/** Lowercase use of a capitalised one-word name ("a bellwether freight carrier", "une ardoise"). */
function usedAsWord(found: readonly (PartyFind | null)[], text: string): number {
  let common = 0;
  for (const f of found) {
    if (!f || f.term.tokens.length !== 1 || !/^\p{Lu}\p{Ll}+$/u.test(f.term.display)) continue;
    if (lowercaseWord(f.term.display.toLowerCase()).test(text)) common = 1;
  }
  return common;
}

/** How close the story comes to the closest decided story, and how many it resembles closely. */
function likeDecided(story: ReadonlySet<string>, decided: readonly WeightedTerms[]): { best: number; close: number } {
  let best = 0;
  let close = 0;
  for (const d of decided) {
    const r = resemblance(story, d);
    best = Math.max(best, r);
    if (r >= CLOSE) close++;
  }
  return { best, close };
}

const CLOSE = 0.35;

const level = (f: PartyFind | null) => (!f ? 0 : f.level === 'exact' ? 1 : f.level === 'variant' ? 0.6 : 0);

/**
 * An anonymised name (许某, "Timo R.") says something only with support: the case's facts or its other side
 * (full weight), or the case's own keywords (half).
 */
export function anonymousSupport(parties: readonly (PartyFind | null)[], facts: number, named: number, keywords: number): number {
  if (!parties.some((f) => f?.level === 'anonymised')) return 0;
  return facts > 0 || named > 0 ? 1 : keywords > 0 ? 0.5 : 0;
}

const NO_FEATURES = Object.fromEntries(FEATURES.map((f) => [f, 0])) as FeatureVector;

/**
 * The features of one story for one case, with what they were read from (for reasons). With `quick`, a
 * story that is no candidate (no party in any form with support, no precise fact) is left at who is named:
 * the dispute, sides and subject are read only for candidates.
 */
export function readCase(c: CompiledCase, k: CaseKnowledge, s: StoryReading, where: TermLocator, quick = false): CaseReading {
  const parties = c.parties.map((p) => findParty(p, where));
  const keywords = c.keywords.filter((t) => seen(where, t));
  const courts = courtsMatched(c, where, s);
  const { texts: facts, weight: factWeight } = factsMatched(c, s);
  pseudonymousDefendant(c, s, parties, keywords.filter((k) => pseudonymKeyword(k.display)).length, facts.length + courts.length);
  const named = parties.filter((f) => f && f.level !== 'anonymised');
  const anonymised = anonymousSupport(parties, facts.length + courts.length, named.length, keywords.length);
  if (quick && named.length === 0 && factWeight < 1 && anonymised === 0 && keywords.length < (k.reportedNameless ? 1 : 2)) {
    const none = { likeConfirmed: 0, likeRejected: 0, likeConfirmedCount: 0, likeRejectedCount: 0, topicTerms: [], excludedBy: null, counterpart: NO_COUNTERPART };
    return { parties, keywords, courtsMatched: courts, factsMatched: facts, factWeight, ...none, features: { ...NO_FEATURES, anonymised } };
  }
  const learned = topicSimilarity(k.profile, s.topic);
  const own = k.profile === k.ownProfile ? learned : topicSimilarity(k.ownProfile, s.topic);
  const topic = own.value > learned.value ? own : learned;
  let excludedBy: Term | null = null;
  for (const t of c.exclusions) if (!excludedBy && seen(where, t)) excludedBy = t;
  const byRole = (role: string) => Math.max(0, ...c.parties.map((p, i) => (p.role === role ? level(parties[i]!) : 0)));
  const plaintiff = byRole('plaintiff');
  const defendant = byRole('defendant');
  const legalCount = s.legal.filter(Boolean).length;
  // The dispute reader knows the verbs; two kinds of legal words (a court and a ruling) tell it too.
  const dispute = s.dispute.reported ? 1 : legalCount >= 2 ? 0.5 : 0;
  const { other, conflict: litigantConflict } = litigantsCheck(c, s, parties);
  // Sides are read only where a dispute is: without one no suing verb stands next to a party.
  const sides = s.dispute.reported ? partySides(c, parties, s.sentences) : { swapped: false, plaintiffSues: false };
  const conflict = litigantConflict || sides.swapped;
  // Whom our plaintiff sues when the story does not name our defendant, as the story describes them ("a former
  // quality manager") against the case's own description of its defendant ("its former director").
  const anonymousDefendant = c.parties.some((p, i) => p.role === 'defendant' && parties[i]?.level === 'anonymised');
  const counterpart = plaintiff > 0 && defendant === 0 && !anonymousDefendant && s.dispute.reported ? counterpartOf(c, s) : NO_COUNTERPART;
  // Our plaintiff suing someone the story does not name as our defendant: often another of its suits. Not when
  // the story names our defendant anonymised ("云帆数据起诉前员工许某" sues 许某) or describes them as the case does.
  // ("a company" fits the new employer as well as anyone: only a precise fit says it is ours.)
  const suesOther = defendant === 0 && sides.plaintiffSues && !anonymousDefendant && !counterpart.precise;
  // Our plaintiff only ever sued, and our defendant nowhere: someone else sues it ("ByteDance sued by music labels").
  const describedOther = counterpart.verdict === 'other' || (sides.swapped && defendant === 0 && counterpart.verdict !== 'ours');
  // A litigant the dispute reader could not tie to us is ours when the story describes them precisely as the case
  // does ("起诉前实习生" on a case against a former intern); "a company" might be anyone.
  const otherSide = (other && !counterpart.precise) || describedOther;
  // A court hears many cases of the same company: beside a dispute with someone else it says nothing.
  const courtCounts = !otherSide && !suesOther && !conflict;
  const confirmed = likeDecided(s.topic, k.confirmed);
  const rejected = likeDecided(s.topic, k.rejected);
  const likeConfirmed = confirmed.best;
  const likeRejected = rejected.best;
  const features: FeatureVector = {
    // A company's own news names it alone; the one it sued is what makes a story about the case.
    onlyPlaintiff: plaintiff > 0 && defendant === 0 ? 1 : 0,
    // ...and nothing else of the case: none of its subject, keywords, facts or court. Whatever the dispute, the
    // company's name is all that ties the story to this case.
    plaintiffAlone: plaintiff > 0 && defendant === 0 && topic.terms.length === 0 && keywords.length === 0 && factWeight === 0 && !(courtCounts && courts.length > 0) ? 1 : 0,
    bothSides: plaintiff > 0 && defendant > 0 ? 1 : 0,
    // Court reports that name nobody: only the case's facts and subject tie them to it.
    nameless: parties.some(Boolean) ? 0 : 1,
    // A title that names no party, keyword or legal word is about something else; the case is a side note.
    offTitle: named.some((f) => f!.inTitle) || keywords.some((k) => where(k).title) || s.legal.some((f) => f?.inTitle) ? 0 : 1,
    variantOnly: named.length > 0 && named.every((f) => f!.level === 'variant') ? 1 : 0,
    // (A court that counts for nothing still counts as support here: a dispute with someone else has a party of ours
    // named, which supports an anonymised one anyway.)
    anonymised,
    dispute,
    legalWords: Math.min(legalCount, 4) / 4,
    coMentionNoDispute: plaintiff > 0 && defendant > 0 && !dispute ? 1 : 0,
    otherLitigants: otherSide ? 1 : suesOther ? 0.5 : 0,
    roleConflict: conflict ? 1 : 0,
    court: courtCounts && courts.length > 0 ? 1 : 0,
    facts: Math.min(factWeight, 2) / 2,
    topic: topic.value,
    // Most stories share a few of the case's words; sharing many is what sets a story about the case apart.
    topicStrong: Math.min(1, Math.max(0, (topic.value - 0.4) / 0.25)),
    keywords: Math.min(keywords.length, 3) / 3,
    common: usedAsWord(parties, s.text),
    likeConfirmed,
    likeRejected,
  };
  return {
    parties,
    keywords,
    courtsMatched: courts,
    factsMatched: facts,
    factWeight,
    topicTerms: topic.terms,
    likeConfirmed,
    likeRejected,
    likeConfirmedCount: confirmed.close,
    likeRejectedCount: rejected.close,
    excludedBy,
    counterpart: describedOther ? counterpart : NO_COUNTERPART,
    features,
  };
}

/**
 * A court report that names our defendant only by a letter after their role ("B사 전 수석연구원 A씨" for a case
 * against a former principal research engineer) names them anonymised: where the story also uses one of the case's
 * keywords written in CJK script, as such reports are (the compiled matcher reaches the case through it, and the
 * backfill finds the story through it, so every path reads the same), and repeats the case's
 * court or facts or names its plaintiff. A researcher named by a letter in a story that shares a keyword alone
 * could be anyone's.
 */
function pseudonymousDefendant(c: CompiledCase, s: StoryReading, parties: (PartyFind | null)[], keywords: number, factsAndCourts: number): void {
  if (keywords === 0 || c.parties.some((p, i) => p.role === 'defendant' && parties[i])) return;
  if (factsAndCourts === 0 && !parties.some((f) => f && f.level !== 'anonymised')) return;
  const at = c.parties.findIndex((p) => p.role === 'defendant' && p.kind !== 'organisation');
  if (at < 0) return;
  const found = pseudonymOf(c.counterpart, s.pseudonyms);
  if (found) parties[at] = { level: 'anonymised', inTitle: false, inArticle: false, term: { display: found.display, tokens: [], key: found.display }, kind: null };
}

/** Whom the story says our plaintiff sues, and whether that fits the case's defendant. */
export interface CounterpartReading {
  verdict: CounterpartVerdict;
  /** The story's words for them ("quality manager" reads as manager): whom our plaintiff sues, who sues it. */
  described: Described;
  /** The case's words for its defendants. */
  caseRoles: readonly RoleFound[];
  /** The words by which the story says its dispute is a separate one. */
  separate: string | null;
  /** A precise role of the story ("intern") fits one of the case's. */
  precise: boolean;
}

const NO_COUNTERPART: CounterpartReading = { verdict: 'unknown', described: { sues: [], suedBy: [] }, caseRoles: [], separate: null, precise: false };

function counterpartOf(c: CompiledCase, s: StoryReading): CounterpartReading {
  const described = describedCounterparts(c.plaintiffTerms, s.claims);
  const verdict = judgeCounterpart(c.counterpart, described);
  // "The case is unrelated to Bellwether's earlier dispute": the story says so itself, and only a precise fit
  // ("its former intern") says otherwise; "a manufacturer" might be the new employer or anyone.
  const exact = describesPrecisely(c.counterpart, described);
  const separate = exact ? null : s.separateCue;
  return { verdict: separate ? 'other' : verdict, described, caseRoles: c.counterpart.roles, separate, precise: exact };
}
