// Candidate queries for finding a case's past stories in a full-text index before the matcher judges them.

import type { CaseDefinition } from '../caseDefinition.ts';
import { tokenize } from './normalize.ts';
import { candidateTermsOf, compileCase, joinTokens, type CompiledCase } from './terms.ts';

/**
 * The form a story is indexed in so that `searchTermsForCase` terms find it by substring: normalized
 * tokens, CJK runs kept together, everything else joined by single spaces ("Havørn-Daten" → "havorn daten",
 * "ByteDance's" → "bytedance s"). Index `searchableText(title + '\n' + summary)` in an FTS5 trigram table.
 */
export function searchableText(text: string): string {
  return joinTokens(tokenize(text));
}

/**
 * Distinct party names, aliases, reversed person names, spelling variants, anonymised forms and the case's
 * courts in `searchableText` form: the terms that make a story a candidate (see `candidateTermsOf`).
 * Pinyin patterns are left out (they are read from Han characters, which no index holds as pinyin), so are
 * sums and case numbers (their spellings vary by language): such stories are matched as they arrive.
 * A term that contains another term is dropped: the shorter one already finds those stories.
 * Terms shorter than three characters (two-character Chinese names) cannot be trigram-MATCHed: the caller
 * must fall back to a LIKE/instr scan for them.
 */
export function searchTermsForCase(def: CaseDefinition): string[] {
  return searchTermsOf(compileCase(def));
}

/** `searchTermsForCase` of a case already compiled. */
export function searchTermsOf(compiled: CompiledCase): string[] {
  const all = new Set<string>();
  for (const term of candidateTermsOf(compiled)) {
    if (!term.tokens[0]?.startsWith('~')) all.add(joinTokens(term.tokens));
  }
  const terms = [...all].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const t of terms) if (!kept.some((k) => t.includes(k))) kept.push(t);
  return kept;
}
