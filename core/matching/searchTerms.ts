// Candidate queries for finding a case's past stories in a full-text index before the matcher judges them.

import type { CaseDefinition } from '../caseDefinition.ts';
import { tokenize } from './normalize.ts';
import { compileCase, joinTokens } from './terms.ts';

/**
 * The form a story is indexed in so that `searchTermsForCase` terms find it by substring: normalized
 * tokens, CJK runs kept together, everything else joined by single spaces ("Havørn-Daten" → "havorn daten",
 * "ByteDance's" → "bytedance s"). Index `searchableText(title + '\n' + summary)` in an FTS5 trigram table.
 */
export function searchableText(text: string): string {
  return joinTokens(tokenize(text));
}

/**
 * Distinct party names and aliases (and reversed person names) in `searchableText` form. A story that
 * can match the case contains at least one of them as a substring, because every match needs a party.
 * A term that contains another term is dropped: the shorter one already finds those stories.
 * Terms shorter than three characters (two-character Chinese names) cannot be trigram-MATCHed: the caller
 * must fall back to a LIKE/instr scan for them.
 */
export function searchTermsForCase(def: CaseDefinition): string[] {
  const all = new Set<string>();
  for (const party of compileCase(def).parties) {
    for (const term of party.terms) all.add(joinTokens(term.tokens));
  }
  const terms = [...all].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const t of terms) if (!kept.some((k) => t.includes(k))) kept.push(t);
  return kept;
}
