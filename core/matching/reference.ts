// Matches one case the plain way, one regular expression per term: the baseline the Matcher must equal.

// It is also what `cases test` uses to explain a single case, including why a story did not match.

import type { CaseDefinition } from '../caseDefinition.ts';
import { readCase, readStory, type CaseKnowledge, type CaseReading, type FeatureVector, type StoryReading } from './features.ts';
import { caseKnowledge, type MatcherOptions, type StoryText } from './knowledge.ts';
import type { Contribution } from './model.ts';
import { SUBSTRING_SCRIPT_CLASS, isSubstringToken, normalizeText } from './normalize.ts';
import { hanSyllableTokens } from './pinyinText.ts';
import { assess, legalEvidence, type Assessment, type TermLocator } from './score.ts';
import { compileCase, legalConcepts, type CompiledCase, type Term } from './terms.ts';

export type { StoryText } from './knowledge.ts';

export interface MatchResult {
  caseId: number;
  score: number;
  status: 'auto' | 'review';
  reasons: string[];
}

/** Like MatchResult, but also for stories that do not match, so a person can see why not. */
export interface MatchExplanation extends Assessment {
  caseId: number;
  /** Each feature's part in the score, largest first. */
  contributions: Contribution[];
  /** What was read: how each party was named, facts, subject terms, the features. */
  reading: CaseReading;
  /** Legal-vocabulary forms found in the story, one per concept. */
  legalWords: string[];
}

// A word character is a letter, digit or mark that is not CJK; a separator is anything else that is not CJK.
const WORD = `[[\\p{L}\\p{N}\\p{M}]--[${SUBSTRING_SCRIPT_CLASS}]]`;
const CJK = `[${SUBSTRING_SCRIPT_CLASS}]`;
const SEPARATOR_RUN = new RegExp(`[^\\p{L}\\p{N}\\p{M}${SUBSTRING_SCRIPT_CLASS}]+`, 'gv');
const SCRIPT_SEAM = new RegExp(`(?<=${WORD})(?=${CJK})|(?<=${CJK})(?=${WORD})`, 'gv');

/**
 * Normalized text with every separator run turned into one space and a space put wherever a word meets a
 * CJK character, so per-term patterns need no Unicode classes (those make each pattern slow to compile).
 */
export function spacedText(normalized: string): string {
  return normalized.replace(SEPARATOR_RUN, ' ').replace(SCRIPT_SEAM, ' ');
}

/**
 * Pattern over `spacedText`: a word token must have a space (or the text's edge) on both sides, and one
 * space separates it from its neighbours; CJK characters may have one space between them and need no
 * boundary, which makes CJK terms substring matches.
 */
export function termPattern(tokens: readonly string[]): RegExp {
  let source = '';
  tokens.forEach((token, i) => {
    const word = !isSubstringToken(token);
    if (i === 0) {
      if (word) source += '(?<![^ ])';
    } else {
      source += word || !isSubstringToken(tokens[i - 1]!) ? ' ' : ' ?';
    }
    source += escapeToken(token);
    if (i === tokens.length - 1 && word) source += '(?![^ ])';
  });
  return new RegExp(source, 'u');
}

function escapeToken(token: string): string {
  // Tokens hold only letters, digits and marks; escaping keeps the pattern safe should that ever change.
  return token.replace(/[\\^$.*+?()[\]{}|\/]/g, '\\$&');
}

// Compiled patterns by term key: building a pattern costs more than running it.
// Bounded so a long-running process that tries many cases does not grow without limit.
const patternCache = new Map<string, RegExp>();
const PATTERN_CACHE_LIMIT = 20_000;

function patternFor(term: Term): RegExp {
  let re = patternCache.get(term.key);
  if (!re) {
    if (patternCache.size >= PATTERN_CACHE_LIMIT) patternCache.clear();
    re = termPattern(term.tokens);
    patternCache.set(term.key, re);
  }
  return re;
}

interface Field {
  spaced: string;
  pinyin: string;
}

function field(text: string): Field {
  const normalized = normalizeText(text);
  return { spaced: spacedText(normalized), pinyin: hanSyllableTokens(normalized).join(' ') };
}

function regexLocator(title: Field, summary: Field, article: Field | null): TermLocator {
  return (term) => {
    const re = patternFor(term);
    // Pinyin patterns ('~xu ~zhen ~yu') are looked for in the Han characters read as syllables.
    const key = term.tokens[0]?.startsWith('~') ? 'pinyin' : 'spaced';
    return { title: re.test(title[key]), summary: re.test(summary[key]), article: article !== null && re.test(article[key]) };
  };
}

// Callers often loop over many cases for one story: the story's reading and locator do not depend on the
// case, so the last story's are kept.
let lastStory: { title: string; summary: string; article: string | null; locator: TermLocator; reading: StoryReading } | null = null;

function prepared(story: StoryText): { locator: TermLocator; reading: StoryReading } {
  const article = story.article || null;
  if (lastStory?.title !== story.title || lastStory.summary !== story.summary || lastStory.article !== article) {
    const locator = regexLocator(field(story.title), field(story.summary), article === null ? null : field(article));
    const reading = readStory(story, legalEvidence(legalConcepts(), locator));
    lastStory = { title: story.title, summary: story.summary, article, locator, reading };
  }
  return lastStory;
}

/** The features of one story for one compiled case (the per-case correction is fitted on them). */
export function readFeatures(c: CompiledCase, k: CaseKnowledge, story: StoryText): FeatureVector {
  const { locator, reading } = prepared(story);
  return readCase(c, k, reading, locator).features;
}

/** Full assessment of one case against one story, including non-matches and exclusions. */
export function explainMatch(def: CaseDefinition, story: StoryText, opts: MatcherOptions = {}): MatchExplanation {
  const compiled = compileCase(def);
  const { locator, reading } = prepared(story);
  const a = assess(compiled, caseKnowledge(compiled, opts), reading, locator);
  const concepts = legalConcepts();
  const legalWords = reading.legal.flatMap((f, i) => (f ? [concepts[i]!.forms[f.index]!.display] : []));
  return { caseId: def.id, score: a.score, status: a.status, reasons: a.reasons, contributions: a.contributions, reading: a.reading, legalWords };
}

/** Reference matcher for one case: the result the compiled Matcher must return for this case, or null. */
export function matchCase(def: CaseDefinition, story: StoryText, opts: MatcherOptions = {}): MatchResult | null {
  const e = explainMatch(def, story, opts);
  if (e.status !== 'auto' && e.status !== 'review') return null;
  return { caseId: e.caseId, score: e.score, status: e.status, reasons: e.reasons };
}
