// Turns a case definition (and the legal vocabulary) into token sequences, the one form both matcher paths use.

import type { CaseDefinition, PartyRole } from '../caseDefinition.ts';
import { isLatinWordSequence, isSubstringToken, tokenize } from './normalize.ts';
import { LEGAL_CONCEPTS, ORGANISATION_MARKERS } from './vocabulary.ts';
import { extractCaseNumbers } from '../timeline/caseNumbers.ts';
import { extractAmounts, extractCourts, type Amount } from '../timeline/facts.ts';
import { caseCounterpart, type CaseCounterpart, type CounterpartKind } from './counterparts.ts';
import { caseCourtPlaces, type CourtPlace } from './courtPlaces.ts';
import { hasCompanySuffix, splitHanPersonName } from './hanNames.ts';
import { anonymisedForms, nameVariants, pinyinSurnames, splitPinyin, type VariantKind } from './variants.ts';
import { ANONYMOUS } from './pinyinText.ts';
import { courtForms } from './courtForms.ts';

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
  /** Spellings the user did not type (umlauts, long vowels, romanisations, scripts), with their kind. */
  variants: readonly VariantTerm[];
  /**
   * The pinyin syllables of a name written only in Latin letters, as '~'-prefixed tokens, so it is found
   * in Chinese text written in characters (see `hanSyllableTokens`).
   */
  pinyin: readonly Term[];
  /** Anonymised forms (许某, "Timo R."): evidence only together with the case's facts or the other side. */
  anonymised: readonly Term[];
  /** A person or an organisation, when the name tells (null when it does not). */
  kind: CounterpartKind | null;
}

export interface VariantTerm extends Term {
  kind: VariantKind;
}

export interface CompiledCase {
  id: number;
  parties: readonly CompiledParty[];
  /** Case keywords that are neither legal vocabulary (scored as legal action) nor a party's own term. */
  keywords: readonly Term[];
  exclusions: readonly Term[];
  facts: CaseFacts;
  /** What the case is about, in the user's words: its title, summary and keywords. */
  about: string[];
  /** How its summary describes the defendants, to tell them from others the plaintiff sues. */
  counterpart: CaseCounterpart;
  /** Every written form of the plaintiffs (names, short forms, variants): where a story says whom they sue. */
  plaintiffTerms: readonly Term[];
}

/** Facts of the case a story can repeat in any language: courts, sums (in any unit) and case numbers. */
export interface CaseFacts {
  courts: readonly Term[];
  /** Where the case's courts sit, to find them named in another language ("un tribunal de Munich", 수원지법). */
  courtPlaces: readonly CourtPlace[];
  amounts: readonly Amount[];
  caseNumbers: readonly string[];
}

/** The case's facts, from its own fields and its summary. */
export function caseFacts(def: CaseDefinition): CaseFacts {
  const text = [def.summary ?? '', def.court ?? '', def.caseNumber ?? '', ...def.keywords.filter((k) => extractAmounts(k).length > 0)].join('\n');
  // A keyword that names a court ("苏州中院", "Tokyo District Court") is one of the case's courts too.
  const courtKeywords = def.keywords.filter((k) => extractCourts(k).length > 0);
  const named = [def.court ?? '', ...courtKeywords, ...extractCourts(text)].filter((c) => c.trim());
  // The same court in the other script: pinyin patterns of a Chinese court named in English, English names of one
  // named in characters. Every form is shown as the court was named first (北京市海淀区人民法院 named beside
  // "Haidian District People's Court" is one court), so a story naming it twice names it once in the reasons.
  const shownAs = new Map<string, string>();
  const keyOf = (text: string) => makeTerm(text)?.key ?? text;
  const other = named.flatMap((name) => {
    const forms = courtForms(name);
    const display = [name, ...forms.english].map((n) => shownAs.get(keyOf(n))).find(Boolean) ?? name;
    for (const n of [name, ...forms.english, ...forms.han]) if (!shownAs.has(keyOf(n))) shownAs.set(keyOf(n), display);
    const shown = (t: Term | null) => (t ? { ...t, display } : null);
    return [...[...forms.english, ...forms.han].map((n) => shown(makeTerm(n))), ...forms.pinyin.map((syllables) => pinyinTerm(display, syllables))];
  });
  const shownNamed = named.map((name) => {
    const t = makeTerm(name);
    return t ? { ...t, display: shownAs.get(t.key) ?? name } : null;
  });
  const courts = uniqueTerms([...shownNamed, ...other]).filter((t) => t.tokens.length >= 2);
  return { courts, courtPlaces: caseCourtPlaces(named), amounts: extractAmounts(text), caseNumbers: [...new Set(extractCaseNumbers(text))] };
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

const HAN = /\p{Script=Han}/u;
const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
/** Two to four Han characters read as a person's name, unless they end as a company's does (澄芯科技). */
const isHanPerson = (name: string) => HAN_NAME.test(name.trim()) && !hasCompanySuffix(name);

/**
 * "Lingxi Zhisuan" (灵犀智算): a pinyin name whose characters are four, without a compound surname, is a
 * company's; Chinese persons' names have two or three characters.
 */
function chineseFourCharacterName(written: readonly Term[]): boolean {
  const latin = written.filter((t) => !HAN.test(t.key));
  return latin.length > 0 && latin.every((t) => splitPinyin(t.display) !== null) && written.some((t) => /^\p{Script=Han}{4}$/u.test(t.display.trim()) && !splitHanPersonName(t.display));
}

/**
 * A name is taken for a person's when it reads like one: two or three Latin words, or 2-4 Han characters; not
 * when another of its forms names an organisation or is a Chinese company's four characters.
 */
function isPerson(written: readonly Term[]): boolean {
  return written.some((t) => looksLikePersonName(t.tokens)) && !written.some((t) => t.tokens.some((x) => ORGANISATION_MARKERS.has(x))) && !chineseFourCharacterName(written);
}

/** A person's name by its form (two or three words, two or three Han characters), an organisation's by a marker. */
function partyKind(written: readonly Term[]): CounterpartKind | null {
  const person = isPerson(written) || written.some((t) => /^\p{Script=Han}{2,3}$/u.test(t.display.trim()) && !hasCompanySuffix(t.display));
  const organisation =
    written.some((t) => t.tokens.some((x) => ORGANISATION_MARKERS.has(x)) || hasCompanySuffix(t.display)) || chineseFourCharacterName(written);
  return person === organisation ? null : person ? 'person' : 'organisation';
}

/**
 * Spellings of the written names the user did not type, each read as a person's or a company's name as
 * `readings` says, leaving out those in `known` (which grows). Shared with the alias suggestions.
 */
export function variantTerms(written: readonly Term[], readings: (w: Term) => readonly boolean[], known: Set<string>): VariantTerm[] {
  const out: VariantTerm[] = [];
  for (const w of written) {
    for (const asPerson of readings(w)) {
      for (const v of nameVariants(w.display, { person: asPerson })) {
        const t = makeTerm(v.text);
        // A single short Latin word as a variant ("Xu") would find every namesake: too weak to stand for the party.
        if (!t || known.has(t.key) || (t.tokens.length === 1 && !HAN.test(t.key) && t.key.length < 5)) continue;
        known.add(t.key);
        out.push({ ...t, kind: v.kind });
      }
    }
  }
  return out;
}

function pinyinTerm(display: string, syllables: readonly string[]): Term {
  const tokens = syllables.map((s) => `~${s}`);
  return { display, tokens, key: tokens.join(' ') };
}

/** Pinyin patterns of Latin names that are all pinyin syllables ("Xu Zhenyu" -> ~xu ~zhen ~yu). */
function pinyinTerms(written: readonly Term[]): Term[] {
  if (written.some((t) => HAN.test(t.key))) return [];
  const out: Term[] = [];
  for (const t of written) {
    if (!isLatinWordSequence(t.tokens) || t.tokens.length > 3) continue;
    const syllables = splitPinyin(t.display);
    if (!syllables || syllables.length < 2) continue;
    out.push(pinyinTerm(t.display, syllables));
  }
  return uniqueTerms(out);
}

/** "E. H." (from an alias written "E. Haugland"): initials alone stand for anyone. */
const allInitials = (t: Term) => isLatinWordSequence(t.tokens) && t.tokens.every((x) => x.length === 1);

/** Endings too common to identify a company once anonymised (某科技公司 could be anyone). */
const GENERIC_ENDINGS = new Set(['科技', '公司', '集团', '技术', '股份', '实业', '有限']);

/**
 * Chinese court reports name a company as 某 + its trade ("灵犀智算" -> "某智算公司"); only a four-character
 * trade name whose second half says more than "technology" gives such a form.
 */
function anonymisedCompany(name: string, person: boolean): string[] {
  const trimmed = name.trim();
  if (person || !/^\p{Script=Han}{4}$/u.test(trimmed)) return [];
  const trade = trimmed.slice(2);
  return GENERIC_ENDINGS.has(trade) ? [] : [`某${trade}公司`, `某${trade}科技公司`];
}

function compileParty(name: string, role: PartyRole, aliases: readonly string[]): CompiledParty | null {
  const written = uniqueTerms([makeTerm(name), ...aliases.map(makeTerm)]);
  const reversed = written.filter((t) => looksLikePersonName(t.tokens)).map(reversedName);
  const terms = uniqueTerms([...written, ...reversed]);
  if (terms.length === 0) return null;
  const fullKeys = new Set(terms.map((t) => t.key));
  const shortForms = uniqueTerms(written.flatMap(shortFormsOf)).filter((t) => !fullKeys.has(t.key));
  const person = isPerson(written);
  const known = new Set([...fullKeys, ...shortForms.map((t) => t.key)]);
  const variants = variantTerms(written, (w) => [person || isHanPerson(w.display)], known);
  // A Chinese person watched in pinyin is 许某 (or 徐某: the same syllables) in a court report: the surname's
  // syllable, then 某 itself (its own token in the syllable stream, so 必须谋求 is no 须某).
  const pinyinAnonymised = person ? written.flatMap((t) => pinyinSurnames(t.display)).map((s) => pinyinTerm(`${written[0]!.display} (surname + 某)`, [s, ANONYMOUS])) : [];
  const anonymised = uniqueTerms([
    ...written
      .flatMap((t) => [...anonymisedForms(t.display, { person: person || isHanPerson(t.display) }), ...anonymisedCompany(t.display, person)])
      .map(makeTerm),
    ...pinyinAnonymised,
  ]).filter((t) => !known.has(t.key) && !allInitials(t));
  return { name: name.trim() || terms[0]!.display, role, terms, shortForms, variants, pinyin: pinyinTerms(written), anonymised, kind: partyKind(written) };
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
  // A keyword that is a sum ("8 million yuan") is one of the case's facts, compared by value in any unit.
  const keywords = uniqueTerms(def.keywords.filter((k) => extractAmounts(k).length === 0).map(makeTerm)).filter(
    (t) => !isLegalVocabulary(t) && !partyKeys.has(t.key),
  );
  const exclusions = uniqueTerms(def.exclude.map(makeTerm));
  const about = [def.title, def.summary ?? '', ...def.keywords];
  const sued = (p: CompiledParty) => [...p.terms, ...p.shortForms, ...p.variants];
  const plaintiffs = parties.filter((p) => p.role === 'plaintiff').map(sued);
  const counterpart = caseCounterpart(
    def.summary ?? '',
    plaintiffs,
    parties.filter((p) => p.role === 'defendant').map((p) => ({ terms: sued(p), kind: p.kind })),
  );
  return { id: def.id, parties, keywords, exclusions, facts: caseFacts(def), about, counterpart, plaintiffTerms: plaintiffs.flat() };
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

/** Terms whose presence makes a story a candidate for their case: names in every form, and its courts. */
export function candidateTermsOf(c: CompiledCase): Term[] {
  return [...c.parties.flatMap((p) => [...p.terms, ...p.variants, ...p.pinyin, ...p.anonymised]), ...c.facts.courts];
}

