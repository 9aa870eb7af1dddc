// Turns what was found in a story (evidence) into a score, a status and reasons a person can read.

import type { CompiledCase, CompiledConcept, CompiledParty, Term } from './terms.ts';

/** Where a term was found: `inTitle` wins over the summary. */
export interface Found {
  /** Index of the term that was found (lowest index among the terms found in the best field). */
  index: number;
  inTitle: boolean;
}

/** Where one term occurs in a story; both paths of the matcher answer this the same way. */
export interface TermLocation {
  title: boolean;
  summary: boolean;
}
export type TermLocator = (term: Term) => TermLocation;

export interface Evidence {
  /** Per party of the compiled case, in order. */
  parties: readonly (Found | null)[];
  /** Per case keyword; `index` is always 0. */
  keywords: readonly (Found | null)[];
  /** Per legal concept; `index` is the form found. */
  legal: readonly (Found | null)[];
  /** Index of the first exclusion term found, or null. */
  excludedBy: number | null;
}

export type Status = 'auto' | 'review' | 'none' | 'excluded';

export interface Assessment {
  score: number;
  status: Status;
  reasons: string[];
}

/** A story scoring at least `auto` joins the timeline; at least `review` waits for a person. */
export const THRESHOLDS = { auto: 60, review: 45 } as const;

/**
 * Points, chosen so that two opposing parties reach auto, as does one party in the title with a case
 * keyword and a legal word, while a party alone reaches nothing. `holdReason` then keeps look-alikes of
 * strong evidence in review.
 */
export const POINTS = {
  partyInTitle: 40,
  partyInSummary: 25,
  opposingSides: 20,
  keywordInTitle: 15,
  keywordInSummary: 10,
  keywordCap: 30,
  legalInTitle: 12,
  legalInSummary: 10,
  legalCap: 24,
  max: 100,
} as const;

/** First term (by index) found in the title, else in the summary. */
export function locate(terms: readonly Term[], where: TermLocator): Found | null {
  let inSummary = -1;
  for (let i = 0; i < terms.length; i++) {
    const loc = where(terms[i]!);
    if (loc.title) return { index: i, inTitle: true };
    if (loc.summary && inSummary < 0) inSummary = i;
  }
  return inSummary >= 0 ? { index: inSummary, inTitle: false } : null;
}

/** A party found in full; a short form in the title moves a summary-only find up to the title. */
export function locateParty(party: CompiledParty, where: TermLocator): Found | null {
  const found = locate(party.terms, where);
  if (!found || found.inTitle) return found;
  for (let i = 0; i < party.shortForms.length; i++) {
    if (where(party.shortForms[i]!).title) return { index: party.terms.length + i, inTitle: true };
  }
  return found;
}

export function legalEvidence(concepts: readonly CompiledConcept[], where: TermLocator): (Found | null)[] {
  return concepts.map((c) => locate(c.forms, where));
}

/** Evidence for one case; `legal` is case-independent, so callers compute it once per story. */
export function caseEvidence(c: CompiledCase, legal: readonly (Found | null)[], where: TermLocator): Evidence {
  let excludedBy: number | null = null;
  for (let i = 0; i < c.exclusions.length && excludedBy === null; i++) {
    const loc = where(c.exclusions[i]!);
    if (loc.title || loc.summary) excludedBy = i;
  }
  return {
    parties: c.parties.map((p) => locateParty(p, where)),
    keywords: c.keywords.map((k) => locate([k], where)),
    legal,
    excludedBy,
  };
}

function sumCapped(found: readonly (Found | null)[], inTitle: number, inSummary: number, cap: number): number {
  let total = 0;
  for (const f of found) if (f) total += f.inTitle ? inTitle : inSummary;
  return Math.min(total, cap);
}

function listReason(label: string, names: string[]): string[] {
  return names.length > 0 ? [`${label}: ${names.join(', ')}`] : [];
}

function foundNames(found: readonly (Found | null)[], display: (i: number, f: Found) => string): string[] {
  const out: string[] = [];
  found.forEach((f, i) => {
    if (f) out.push(display(i, f) + (f.inTitle ? ' (in title)' : ''));
  });
  return out;
}

function partyReasons(c: CompiledCase, ev: Evidence): string[] {
  const out: string[] = [];
  c.parties.forEach((p, i) => {
    const f = ev.parties[i];
    if (!f) return;
    const role = p.role === 'other' ? 'party' : p.role;
    const term = f.index < p.terms.length ? p.terms[f.index]! : p.shortForms[f.index - p.terms.length]!;
    const as = f.index > 0 ? ` (as ${term.display})` : '';
    out.push(`${role} ${p.name}${as}${f.inTitle ? ' in title' : ''}`);
  });
  return out;
}

/** Score and status without the reasons, so weak candidates cost no string building. */
export interface Tally {
  score: number;
  status: Status;
  opposingSides: boolean;
  heldForReview: HeldReason | null;
}

type HeldReason =
  | 'only one party and no case keyword'
  | 'only one party and no legal action'
  | 'nothing about the case in the title and little legal action';

/**
 * Evidence that looks strong but is typical of look-alikes. One party with legal words only is often
 * another lawsuit of the same company; one party with keywords only, its ordinary news. A title that names
 * no party, keyword or legal word means the story is about something else, and the case is likely one
 * background sentence, unless the summary reports on it (two or more legal concepts).
 */
function holdReason(named: number, ev: Evidence): HeldReason | null {
  if (named === 1 && !ev.keywords.some(Boolean)) return 'only one party and no case keyword';
  if (named === 1 && !ev.legal.some(Boolean)) return 'only one party and no legal action';
  const inTitle = (f: Found | null) => f?.inTitle === true;
  const titleSpeaks = ev.parties.some(inTitle) || ev.keywords.some(inTitle) || ev.legal.some(inTitle);
  if (!titleSpeaks && ev.legal.filter(Boolean).length < 2) {
    return 'nothing about the case in the title and little legal action';
  }
  return null;
}

export function tally(c: CompiledCase, ev: Evidence): Tally {
  let named = 0;
  let plaintiff = false;
  let defendant = false;
  c.parties.forEach((p, i) => {
    if (!ev.parties[i]) return;
    named++;
    plaintiff ||= p.role === 'plaintiff';
    defendant ||= p.role === 'defendant';
  });
  const opposingSides = plaintiff && defendant;
  let score = sumCapped(ev.parties, POINTS.partyInTitle, POINTS.partyInSummary, POINTS.max);
  if (opposingSides) score += POINTS.opposingSides;
  score += sumCapped(ev.keywords, POINTS.keywordInTitle, POINTS.keywordInSummary, POINTS.keywordCap);
  score += sumCapped(ev.legal, POINTS.legalInTitle, POINTS.legalInSummary, POINTS.legalCap);
  score = named === 0 ? 0 : Math.min(score, POINTS.max);
  const heldForReview = score >= THRESHOLDS.auto ? holdReason(named, ev) : null;
  if (heldForReview) score = THRESHOLDS.auto - 1;
  if (ev.excludedBy !== null && named > 0) return { score: 0, status: 'excluded', opposingSides, heldForReview };
  return { score, status: statusFor(score), opposingSides, heldForReview };
}

export function reasonsFor(c: CompiledCase, ev: Evidence, concepts: readonly CompiledConcept[], t: Tally): string[] {
  const reasons = partyReasons(c, ev);
  if (reasons.length === 0) return ['no party named'];
  if (t.opposingSides) reasons.push('plaintiff and defendant both named');
  reasons.push(...listReason('keywords', foundNames(ev.keywords, (i) => c.keywords[i]!.display)));
  reasons.push(
    ...listReason('legal action', foundNames(ev.legal, (i, f) => concepts[i]!.forms[f.index]!.display)),
  );
  if (t.heldForReview) reasons.push(`${t.heldForReview}: held for review`);
  if (t.status === 'excluded') reasons.push(`excluded by "${c.exclusions[ev.excludedBy!]!.display}"`);
  return reasons;
}

export function assess(c: CompiledCase, ev: Evidence, concepts: readonly CompiledConcept[]): Assessment {
  const t = tally(c, ev);
  return { score: t.score, status: t.status, reasons: reasonsFor(c, ev, concepts, t) };
}

export function statusFor(score: number): Status {
  if (score >= THRESHOLDS.auto) return 'auto';
  if (score >= THRESHOLDS.review) return 'review';
  return 'none';
}
