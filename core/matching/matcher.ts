// Matches a story against every tracked case at once through one compiled index of all their terms.

import type { CaseDefinition } from '../caseDefinition.ts';
import { SAME_AMOUNT_TOLERANCE } from '../timeline/facts.ts';
import { TokenAutomaton } from './automaton.ts';
import { PSEUDONYM_QUICK, takesPseudonym } from './counterparts.ts';
import type { CaseKnowledge } from './features.ts';
import { readStory, type StoryReading } from './features.ts';
import { caseKnowledge, type CaseDecisions, type MatcherOptions } from './knowledge.ts';
import { normalizeText, tokenizeNormalized } from './normalize.ts';
import { hanSyllableTokens } from './pinyinText.ts';
import type { MatchResult, StoryText } from './reference.ts';
import { MODEL, type Model } from './model.ts';
import { assess, legalEvidence, type FullAssessment, type TermLocation, type TermLocator } from './score.ts';
import { candidateTermsOf, compileCase, legalConcepts, type CompiledCase, type Term } from './terms.ts';

export { candidateTermsOf } from './terms.ts';

export { THRESHOLDS } from './score.ts';
export { explainMatch, matchCase } from './reference.ts';
export type { MatchExplanation, MatchResult, StoryText } from './reference.ts';
export type { CaseDecisions, MatcherOptions } from './knowledge.ts';

/** A keyword shared by more cases than this makes no candidate (see `KEYWORD_CANDIDATE` in score.ts). */
export const KEYWORD_CANDIDATE_MAX_CASES = 200;

const NONE: ReadonlySet<number> = new Set();

const NOWHERE: TermLocation = { title: false, summary: false, article: false };

/** Cases by the amounts and case numbers of their facts, so a story repeating one becomes a candidate. */
class FactIndex {
  private readonly amounts = new Map<string, { value: number; caseId: number }[]>();
  private readonly numbers = new Map<string, number[]>();

  constructor(cases: Iterable<CompiledCase>) {
    for (const c of cases) {
      for (const a of c.facts.amounts) {
        const list = this.amounts.get(a.currency) ?? [];
        list.push({ value: a.value, caseId: c.id });
        this.amounts.set(a.currency, list);
      }
      for (const n of c.facts.caseNumbers) this.numbers.set(n, [...(this.numbers.get(n) ?? []), c.id]);
    }
    for (const list of this.amounts.values()) list.sort((x, y) => x.value - y.value);
  }

  get empty(): boolean {
    return this.amounts.size === 0 && this.numbers.size === 0;
  }

  addCandidates(s: StoryReading, into: Set<number>): void {
    for (const a of s.amounts) {
      const list = this.amounts.get(a.currency);
      if (!list) continue;
      // The window `sameAmount` allows: within 0.5% of the larger of the two sums.
      const lo = a.value * (1 - SAME_AMOUNT_TOLERANCE);
      const hi = a.value / (1 - SAME_AMOUNT_TOLERANCE);
      let i = lowerBound(list, lo);
      for (; i < list.length && list[i]!.value <= hi; i++) into.add(list[i]!.caseId);
    }
    for (const n of s.caseNumbers) for (const id of this.numbers.get(n) ?? []) into.add(id);
  }
}

function lowerBound(list: readonly { value: number }[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.value < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Everything compiled from the current cases. Each distinct term (party name, alias, variant, short form,
 * keyword, exclusion, court, legal word) is one pattern of the automaton; names and courts name their cases.
 * Pinyin patterns ('~xu ~zhen ~yu') are scanned in the story's Han characters read as syllables.
 */
class CompiledIndex {
  private readonly tokenIds = new Map<string, number>();
  private readonly patternIds = new Map<string, number>();
  private readonly patterns: number[][] = [];
  private readonly owners: number[][] = [];
  /** Cases whose keyword a pattern is; two keywords of one case (and a dispute) make a review candidate. */
  private readonly keywordOwners: number[][] = [];
  /** Cases a short form or keyword pattern names without making it their candidate (null: none). */
  private readonly mentionOwners: (number[] | null)[] = [];
  private readonly automaton: TokenAutomaton;
  private readonly hasPinyin: boolean;
  readonly facts: FactIndex;
  // A pattern was seen in the current story when its stamp equals `generation`; no clearing per story.
  private readonly titleStamp: Int32Array;
  private readonly summaryStamp: Int32Array;
  private readonly articleStamp: Int32Array;
  /** Patterns seen anywhere in the current story (each keyword counts once per story). */
  private readonly anyStamp: Int32Array;
  private generation = 0;
  /** Cases whose defendant a court report may name by a letter after their role (`takesPseudonym`). */
  private readonly lettered = new Set<number>();

  /** `nameless(id)`: the case is reported without names (see `CaseKnowledge.reportedNameless`); one keyword makes it a candidate. */
  constructor(
    cases: Iterable<CompiledCase>,
    private readonly nameless: (caseId: number) => boolean = () => false,
  ) {
    const list = [...cases];
    for (const c of list) if (takesPseudonym(c.counterpart)) this.lettered.add(c.id);
    for (const term of legalConcepts().flatMap((c) => c.forms)) this.addPattern(term);
    let pinyin = false;
    for (const c of list) {
      for (const term of candidateTermsOf(c)) {
        const owners = this.owners[this.addPattern(term)]!;
        if (owners[owners.length - 1] !== c.id) owners.push(c.id);
        // A name watched in pinyin, its surname + 某, a court written in English: read from the Han characters.
        pinyin ||= term.tokens[0]!.startsWith('~');
      }
      for (const term of c.exclusions) this.addPattern(term);
      for (const term of [...c.parties.flatMap((p) => p.shortForms), ...c.keywords]) {
        const list = (this.mentionOwners[this.addPattern(term)] ??= []);
        if (list[list.length - 1] !== c.id) list.push(c.id);
      }
      for (const term of c.keywords) {
        const owners = this.keywordOwners[this.addPattern(term)]!;
        if (owners[owners.length - 1] !== c.id) owners.push(c.id);
      }
    }
    // A keyword many cases share cannot single one out; counting it would cost a pass over all of them.
    for (let i = 0; i < this.keywordOwners.length; i++) if (this.keywordOwners[i]!.length > KEYWORD_CANDIDATE_MAX_CASES) this.keywordOwners[i] = [];
    this.hasPinyin = pinyin;
    this.facts = new FactIndex(list);
    this.automaton = TokenAutomaton.build(this.patterns);
    this.titleStamp = new Int32Array(this.patterns.length);
    this.summaryStamp = new Int32Array(this.patterns.length);
    this.articleStamp = new Int32Array(this.patterns.length);
    this.anyStamp = new Int32Array(this.patterns.length);
  }

  private addPattern(term: Term): number {
    const known = this.patternIds.get(term.key);
    if (known !== undefined) return known;
    const id = this.patterns.length;
    this.patternIds.set(term.key, id);
    this.patterns.push(term.tokens.map((t) => this.tokenId(t)));
    this.owners.push([]);
    this.keywordOwners.push([]);
    this.mentionOwners.push(null);
    return id;
  }

  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(token, id);
    }
    return id;
  }

  private ids(tokens: readonly string[]): Int32Array {
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.tokenIds.get(tokens[i]!) ?? -1;
    return ids;
  }

  private scanText(text: string, mark: (patternId: number) => void): string[] {
    const normalized = normalizeText(text);
    const tokens = tokenizeNormalized(normalized);
    this.automaton.scan(this.ids(tokens), mark);
    if (this.hasPinyin) this.automaton.scan(this.ids(hanSyllableTokens(normalized)), mark);
    return tokens;
  }

  /** Scans the story once; returns the ids of cases named in it (or by its courts), and a term locator. */
  scan(story: StoryText, wantMentions = false): { candidates: Set<number>; where: TermLocator; mentioned: ReadonlySet<number>; tokens: () => string[] } {
    if (++this.generation >= 0x7fffffff) {
      this.titleStamp.fill(0);
      this.summaryStamp.fill(0);
      this.articleStamp.fill(0);
      this.anyStamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const candidates = new Set<number>();
    let keywordHits: Map<number, number> | null = null;
    // Cases whose short form or keyword the story uses (it may name them without being their candidate).
    let mentioned: Set<number> | null = null;
    let pseudo: boolean | undefined;
    const pseudonymous = () =>
      (pseudo ??= PSEUDONYM_QUICK.test(story.title) || PSEUDONYM_QUICK.test(story.summary) || (!!story.article && PSEUDONYM_QUICK.test(story.article)));
    const mark = (stamp: Int32Array) => (patternId: number) => {
      if (stamp[patternId] === gen) return;
      stamp[patternId] = gen;
      for (const owner of this.owners[patternId]!) candidates.add(owner);
      if (wantMentions) {
        const named = this.mentionOwners[patternId];
        if (named) for (const owner of named) (mentioned ??= new Set()).add(owner);
      }
      if (this.anyStamp[patternId] === gen) return;
      this.anyStamp[patternId] = gen;
      for (const owner of this.keywordOwners[patternId]!) {
        keywordHits ??= new Map();
        const n = (keywordHits.get(owner) ?? 0) + 1;
        keywordHits.set(owner, n);
        // One keyword will do for a case reported without names, or in a story that names someone only by a letter
        // after their role ("전 수석연구원 A씨": readCase checks that role against the case's defendant).
        if (n === 2 || (n === 1 && (this.nameless(owner) || (this.lettered.has(owner) && pseudonymous())))) candidates.add(owner);
      }
    };
    const titleTokens = this.scanText(story.title, mark(this.titleStamp));
    const summaryTokens = this.scanText(story.summary, mark(this.summaryStamp));
    const articleTokens = story.article ? this.scanText(story.article, mark(this.articleStamp)) : [];
    const tokens = () => [...titleTokens, ...summaryTokens, ...articleTokens];
    const where: TermLocator = (term) => {
      const id = this.patternIds.get(term.key);
      if (id === undefined) return NOWHERE;
      return { title: this.titleStamp[id] === gen, summary: this.summaryStamp[id] === gen, article: this.articleStamp[id] === gen };
    };
    return { candidates, where, mentioned: mentioned ?? NONE, tokens };
  }
}

interface CaseEntry {
  compiled: CompiledCase;
  knowledge: CaseKnowledge;
}

/**
 * All cases compiled into one index. `upsert` and `remove` change the case list at once and mark the
 * index stale; the next `match` rebuilds it (linear in the total size of all terms, cached per case), so
 * a batch of edits costs one rebuild. `match` cost depends on the story, not on the number of cases.
 */
export class Matcher {
  private readonly cases = new Map<number, CaseEntry>();
  private index: CompiledIndex | null = null;

  private constructor(private opts: MatcherOptions) {}

  static compile(cases: readonly CaseDefinition[], opts: MatcherOptions = {}): Matcher {
    const matcher = new Matcher(opts);
    for (const def of cases) matcher.cases.set(def.id, matcher.entry(def));
    matcher.index = matcher.compileIndex();
    return matcher;
  }

  private compileIndex(): CompiledIndex {
    // Read at scan time: a decision (`relearn`) changes it without a rebuild.
    return new CompiledIndex([...this.cases.values()].map((e) => e.compiled), (id) => this.readsOneKeyword(id));
  }

  private entry(def: CaseDefinition): CaseEntry {
    const compiled = compileCase(def);
    return { compiled, knowledge: caseKnowledge(compiled, this.opts) };
  }

  get size(): number {
    return this.cases.size;
  }

  has(caseId: number): boolean {
    return this.cases.has(caseId);
  }

  upsert(def: CaseDefinition): void {
    this.cases.set(def.id, this.entry(def));
    this.index = null;
  }

  /**
   * What a case has learned changed (a decision): its subject and decided stories are rebuilt, its terms and
   * the shared index stay as they are, so a decision costs one case, not a recompile of all of them.
   */
  relearn(caseId: number, decisions: CaseDecisions | undefined): void {
    const entry = this.cases.get(caseId);
    if (!entry) return;
    const perCase = new Map(this.opts.decisions ?? []);
    if (decisions) perCase.set(caseId, decisions);
    else perCase.delete(caseId);
    this.opts = { ...this.opts, decisions: perCase };
    this.cases.set(caseId, { compiled: entry.compiled, knowledge: caseKnowledge(entry.compiled, this.opts) });
  }

  /**
   * Whether one of the case's keywords (with a dispute) makes a story its candidate: the user confirmed a story
   * on it that names no party (`CaseKnowledge.reportedNameless`).
   */
  readsOneKeyword(caseId: number): boolean {
    return this.cases.get(caseId)?.knowledge.reportedNameless === true;
  }

  remove(caseId: number): boolean {
    const removed = this.cases.delete(caseId);
    if (removed) this.index = null;
    return removed;
  }

  /**
   * The story scanned and read once for every case: its candidate cases (by name, keywords or facts), the cases a
   * short form or keyword names (with `wantMentions`), and what assessing one of them needs. Null when no case
   * could be concerned.
   */
  private read(story: StoryText, wantMentions: boolean) {
    this.index ??= this.compileIndex();
    const { candidates, where, mentioned, tokens } = this.index.scan(story, wantMentions);
    if (candidates.size === 0 && mentioned.size === 0 && this.index.facts.empty) return null;
    const reading = readStory(story, legalEvidence(legalConcepts(), where), tokens);
    this.index.facts.addCandidates(reading, candidates);
    const assessOne = (caseId: number, model: Model, explain: boolean) => {
      const { compiled, knowledge } = this.cases.get(caseId)!;
      return assess(compiled, knowledge, reading, where, model, explain);
    };
    return { candidates, mentioned, assessOne };
  }

  /** Every candidate case's full assessment of the story, matching or not (for fitting and explaining). */
  assessAll(story: StoryText, model: Model = MODEL, explain = true): { caseId: number; assessment: FullAssessment }[] {
    const r = this.read(story, false);
    return r ? [...r.candidates].map((caseId) => ({ caseId, assessment: r.assessOne(caseId, model, explain) })) : [];
  }

  /**
   * Whether some case names the story in some way (a party in any form, a short form, a keyword, a court, a
   * sum or case number of its facts) and is not sure of it: the stories whose article is worth reading.
   */
  unsure(story: StoryText): boolean {
    const r = this.read(story, true);
    if (!r) return false;
    // A case named only by a short form or one keyword is no candidate: it is not sure of the story.
    for (const caseId of r.mentioned) if (!r.candidates.has(caseId)) return true;
    for (const caseId of r.candidates) {
      const status = r.assessOne(caseId, MODEL, false).status;
      if (status !== 'auto' && status !== 'excluded') return true;
    }
    return false;
  }

  /** Cases this story matches (auto or review), best score first, then by case id. */
  match(story: StoryText): MatchResult[] {
    const results: MatchResult[] = [];
    for (const { caseId, assessment: a } of this.assessAll(story, MODEL, false)) {
      if (a.status === 'auto' || a.status === 'review') results.push({ caseId, score: a.score, status: a.status, reasons: a.reasons });
    }
    return results.sort((x, y) => y.score - x.score || x.caseId - y.caseId);
  }
}
