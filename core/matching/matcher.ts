// Matches a story against every tracked case at once through one compiled index of all their terms.

import type { CaseDefinition } from '../caseDefinition.ts';
import { TokenAutomaton } from './automaton.ts';
import { normalizeText, tokenizeNormalized } from './normalize.ts';
import type { MatchResult, StoryText } from './reference.ts';
import { caseEvidence, legalEvidence, reasonsFor, tally, type TermLocation, type TermLocator } from './score.ts';
import { compileCase, legalConcepts, type CompiledCase, type Term } from './terms.ts';

export { THRESHOLDS } from './score.ts';
export { explainMatch, matchCase } from './reference.ts';
export type { MatchExplanation, MatchResult, StoryText } from './reference.ts';

const NOWHERE: TermLocation = { title: false, summary: false };

/**
 * Everything compiled from the current cases. Each distinct term (party name, alias, short form, keyword,
 * exclusion, legal word) is one pattern of the automaton; only full party terms name their cases, because
 * a case without a party in the story never matches, so the rest is looked up per candidate.
 */
class CompiledIndex {
  private readonly tokenIds = new Map<string, number>();
  private readonly patternIds = new Map<string, number>();
  private readonly patterns: number[][] = [];
  private readonly partyOwners: number[][] = [];
  private readonly automaton: TokenAutomaton;
  // A pattern was seen in the current story when its stamp equals `generation`; no clearing per story.
  private readonly titleStamp: Int32Array;
  private readonly summaryStamp: Int32Array;
  private generation = 0;

  constructor(cases: Iterable<CompiledCase>) {
    for (const term of legalConcepts().flatMap((c) => c.forms)) this.addPattern(term);
    for (const c of cases) {
      for (const party of c.parties) {
        for (const term of party.terms) {
          const owners = this.partyOwners[this.addPattern(term)]!;
          if (owners[owners.length - 1] !== c.id) owners.push(c.id);
        }
      }
      for (const term of [...c.parties.flatMap((p) => p.shortForms), ...c.keywords, ...c.exclusions]) {
        this.addPattern(term);
      }
    }
    this.automaton = TokenAutomaton.build(this.patterns);
    this.titleStamp = new Int32Array(this.patterns.length);
    this.summaryStamp = new Int32Array(this.patterns.length);
  }

  private addPattern(term: Term): number {
    const known = this.patternIds.get(term.key);
    if (known !== undefined) return known;
    const id = this.patterns.length;
    this.patternIds.set(term.key, id);
    this.patterns.push(term.tokens.map((t) => this.tokenId(t)));
    this.partyOwners.push([]);
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

  private textIds(text: string): Int32Array {
    const tokens = tokenizeNormalized(normalizeText(text));
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.tokenIds.get(tokens[i]!) ?? -1;
    return ids;
  }

  /** Scans the story once; returns the ids of cases that have a party term in it, and a term locator. */
  scan(story: StoryText): { candidates: Set<number>; where: TermLocator } {
    if (++this.generation >= 0x7fffffff) {
      this.titleStamp.fill(0);
      this.summaryStamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const candidates = new Set<number>();
    const mark = (stamp: Int32Array) => (patternId: number) => {
      if (stamp[patternId] === gen) return;
      stamp[patternId] = gen;
      for (const owner of this.partyOwners[patternId]!) candidates.add(owner);
    };
    this.automaton.scan(this.textIds(story.title), mark(this.titleStamp));
    this.automaton.scan(this.textIds(story.summary), mark(this.summaryStamp));
    const where: TermLocator = (term) => {
      const id = this.patternIds.get(term.key);
      if (id === undefined) return NOWHERE;
      return { title: this.titleStamp[id] === gen, summary: this.summaryStamp[id] === gen };
    };
    return { candidates, where };
  }
}

/**
 * All cases compiled into one index. `upsert` and `remove` change the case list at once and mark the
 * index stale; the next `match` rebuilds it (linear in the total size of all terms, cached per case), so
 * a batch of edits costs one rebuild. `match` cost depends on the story, not on the number of cases.
 */
export class Matcher {
  private readonly cases = new Map<number, CompiledCase>();
  private index: CompiledIndex | null = null;

  static compile(cases: readonly CaseDefinition[]): Matcher {
    const matcher = new Matcher();
    for (const def of cases) matcher.cases.set(def.id, compileCase(def));
    matcher.index = new CompiledIndex(matcher.cases.values());
    return matcher;
  }

  get size(): number {
    return this.cases.size;
  }

  has(caseId: number): boolean {
    return this.cases.has(caseId);
  }

  upsert(def: CaseDefinition): void {
    this.cases.set(def.id, compileCase(def));
    this.index = null;
  }

  remove(caseId: number): boolean {
    const removed = this.cases.delete(caseId);
    if (removed) this.index = null;
    return removed;
  }

  /** Cases this story matches (auto or review), best score first, then by case id. */
  match(story: StoryText): MatchResult[] {
    this.index ??= new CompiledIndex(this.cases.values());
    const { candidates, where } = this.index.scan(story);
    if (candidates.size === 0) return [];
    const concepts = legalConcepts();
    const legal = legalEvidence(concepts, where);
    const results: MatchResult[] = [];
    for (const caseId of candidates) {
      const compiled = this.cases.get(caseId)!;
      const evidence = caseEvidence(compiled, legal, where);
      const t = tally(compiled, evidence);
      if (t.status === 'auto' || t.status === 'review') {
        const reasons = reasonsFor(compiled, evidence, concepts, t);
        results.push({ caseId, score: t.score, status: t.status, reasons });
      }
    }
    return results.sort((x, y) => y.score - x.score || x.caseId - y.caseId);
  }
}
