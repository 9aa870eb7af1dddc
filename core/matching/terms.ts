// Turns a case definition (and the legal vocabulary) into token sequences, the one form both matcher paths use.

import type { CaseDefinition, PartyRole } from '../caseDefinition.ts';
import { isLatinWordSequence, isSubstringToken, tokenize } from './normalize.ts';
import { LEGAL_CONCEPTS, ORGANISATION_MARKERS } from './vocabulary.ts';

/** A term ready to match: what the user wrote (for reasons) and its token sequence. */
export interface Term {
  display: string;
  tokens: readonly string[];
  /** Tokens joined by spaces: equal keys are the same term wherever they come from. */
  key: string;
}

export interface CompiledParty {
  name: string;
  role: PartyRole;
  /** terms[0] is the name; then aliases; then reversed person names. Duplicates removed. */
  terms: readonly Term[];
  /**
   * Single words that stand for the party in a headline once the story names it in full ("Tripp" for
   * Martin Tripp, "Halcyon" for Halcyon Genomics). They never match on their own: they only move a party
   * found in the summary up to the title.
   */
  shortForms: readonly Term[];
}

export interface CompiledCase {
  id: number;
  parties: readonly CompiledParty[];
  /** Case keywords that are neither legal vocabulary (scored as legal action) nor a party's own term. */
  keywords: readonly Term[];
  exclusions: readonly Term[];
}

export interface CompiledConcept {
  label: string;
  forms: readonly Term[];
}

export function makeTerm(display: string): Term | null {
  const tokens = tokenize(display);
  if (tokens.length === 0) return null;
  return { display: display.trim(), tokens, key: tokens.join(' ') };
}

/**
 * A Latin name of two or three words, none of them an organisation marker, is treated as a person's,
 * so "Tian Keyu" is also tried as "Keyu Tian". Initials ("C. V. Raman") are left alone.
 */
export function looksLikePersonName(tokens: readonly string[]): boolean {
  return (
    tokens.length >= 2 &&
    tokens.length <= 3 &&
    isLatinWordSequence(tokens) &&
    tokens.every((t) => t.length >= 2 && !ORGANISATION_MARKERS.has(t))
  );
}

function reversedName(term: Term): Term {
  const words = term.display.split(/\s+/);
  const tokens = [...term.tokens].reverse();
  const display = words.length === tokens.length ? [...words].reverse().join(' ') : tokens.join(' ');
  return { display, tokens, key: tokens.join(' ') };
}

function uniqueTerms(terms: Iterable<Term | null>): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const t of terms) {
    if (!t || seen.has(t.key)) continue;
    seen.add(t.key);
    out.push(t);
  }
  return out;
}

/** Person names give their first and last word; other Latin names their first word that is no marker. */
function shortFormsOf(term: Term): Term[] {
  const { tokens } = term;
  if (tokens.length < 2 || !isLatinWordSequence(tokens)) return [];
  const words = looksLikePersonName(tokens)
    ? [tokens[0]!, tokens[tokens.length - 1]!]
    : tokens.filter((t) => !ORGANISATION_MARKERS.has(t)).slice(0, 1);
  return words.filter((w) => w.length >= 2).map((w) => ({ display: displayWord(term, w), tokens: [w], key: w }));
}

// The word as the user wrote it ("Tripp", "Havørn"), when the written name splits into the same words.
function displayWord(term: Term, token: string): string {
  const written = term.display.split(/[\s\-]+/);
  const index = term.tokens.indexOf(token);
  return written.length === term.tokens.length ? written[index]! : token;
}

function compileParty(name: string, role: PartyRole, aliases: readonly string[]): CompiledParty | null {
  const written = uniqueTerms([makeTerm(name), ...aliases.map(makeTerm)]);
  const reversed = written.filter((t) => looksLikePersonName(t.tokens)).map(reversedName);
  const terms = uniqueTerms([...written, ...reversed]);
  if (terms.length === 0) return null;
  const fullKeys = new Set(terms.map((t) => t.key));
  const shortForms = uniqueTerms(written.flatMap(shortFormsOf)).filter((t) => !fullKeys.has(t.key));
  return { name: name.trim() || terms[0]!.display, role, terms, shortForms };
}

let legalCache: { concepts: CompiledConcept[]; keys: Set<string> } | null = null;

/** The legal vocabulary as terms; a form listed under two concepts counts only for the first. */
export function legalConcepts(): readonly CompiledConcept[] {
  return legalVocabulary().concepts;
}

function legalVocabulary(): { concepts: CompiledConcept[]; keys: Set<string> } {
  if (legalCache) return legalCache;
  const keys = new Set<string>();
  const concepts = LEGAL_CONCEPTS.map((c) => {
    const forms = uniqueTerms(c.forms.map(makeTerm)).filter((t) => !keys.has(t.key));
    for (const f of forms) keys.add(f.key);
    return { label: c.label, forms };
  });
  legalCache = { concepts, keys };
  return legalCache;
}

/** True when a term is already part of the legal vocabulary. */
export function isLegalVocabulary(term: Term): boolean {
  return legalVocabulary().keys.has(term.key);
}

export function compileCase(def: CaseDefinition): CompiledCase {
  const parties = def.parties
    .map((p) => compileParty(p.name, p.role, p.aliases ?? []))
    .filter((p): p is CompiledParty => p !== null);
  const partyKeys = new Set(parties.flatMap((p) => p.terms.map((t) => t.key)));
  const keywords = uniqueTerms(def.keywords.map(makeTerm)).filter(
    (t) => !isLegalVocabulary(t) && !partyKeys.has(t.key),
  );
  const exclusions = uniqueTerms(def.exclude.map(makeTerm));
  return { id: def.id, parties, keywords, exclusions };
}

/**
 * Tokens joined back into one string: CJK neighbours without a space (so "星河云图" stays a run), every
 * other neighbour with one space. Used for search terms and the text they are searched in.
 */
export function joinTokens(tokens: readonly string[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > 0 && !(isSubstringToken(t) && isSubstringToken(tokens[i - 1]!))) out += ' ';
    out += t;
  }
  return out;
}
