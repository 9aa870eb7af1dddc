// Spellings of a case's parties that stored stories use but the watch does not list: offered as aliases to add.

import type { CaseDefinition } from '../caseDefinition.ts';
import { tokenize } from './normalize.ts';
import { compileCase, looksLikePersonName, makeTerm, variantTerms, type CompiledParty, type Term } from './terms.ts';
import { hanSyllables, splitPinyin, type VariantKind } from './variants.ts';
import { ORGANISATION_MARKERS } from './vocabulary.ts';

/** A name variant's kind, or `local-script`: a name in another script written beside the party's in brackets. */
export type AliasKind = VariantKind | 'local-script';

export interface AliasSuggestion {
  /** Index of the party in the case definition's `parties`. */
  party: number;
  partyName: string;
  /** The spelling to add, as stories write it (Han forms) or as the variant is spelled (others). */
  alias: string;
  kind: AliasKind;
  /** Stories that contain it in a context that ties it to the case (see `suggestAliases`). */
  stories: number;
  /** The newest (highest id) of those stories. */
  example: { storyId: number; title: string };
}

export interface SuggestionStory {
  id: number;
  title: string;
  summary: string;
}

export const MAX_SUGGESTIONS_PER_PARTY = 10;

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const DIGIT = /\p{N}/u;
// A bracketed aside right after or right before a name: "Fathom Robotics（ファゾム・ロボティクス）".
const BRACKETED = /[（(]([^（()）\n]{1,80})[）)]/gu;
// What ends the name inside a bracket: "（한결반도체, 005930）", "（澄芯科技；下称澄芯）".
const ASIDE_SEPARATOR = /[,，;；、:：]/u;
// Bracket contents that introduce a short form or a role, not another spelling of the name.
const ASIDE_PREFIXES = ['以下', '下称', '简称', '簡稱', '下同', '原告', '被告', '上诉', '上訴', '申请', '申請', '第三人', '以下「', '以下、'];
const QUOTE_OR_BRACKET = /["'“”‘’「」『』《》〈〉【】\[\]{}<>]/u;

type Script = 'latin' | 'cjk' | 'hangul' | 'cyrillic' | 'greek' | 'other';

function scriptsOf(text: string): Set<Script> {
  const out = new Set<Script>();
  for (const ch of text) {
    if (/\p{Script=Latin}/u.test(ch)) out.add('latin');
    else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) out.add('cjk');
    else if (/\p{Script=Hangul}/u.test(ch)) out.add('hangul');
    else if (/\p{Script=Cyrillic}/u.test(ch)) out.add('cyrillic');
    else if (/\p{Script=Greek}/u.test(ch)) out.add('greek');
    else if (/\p{L}/u.test(ch)) out.add('other');
  }
  return out;
}

const disjoint = (a: Set<Script>, b: Set<Script>) => a.size > 0 && b.size > 0 && [...a].every((s) => !b.has(s));

/** A story as token positions, so a term is found in one look-up of its first token. */
class StoryTokens {
  readonly tokens: string[];
  readonly #at = new Map<string, number[]>();

  constructor(text: string) {
    this.tokens = tokenize(text);
    this.tokens.forEach((t, i) => {
      const at = this.#at.get(t);
      if (at) at.push(i);
      else this.#at.set(t, [i]);
    });
  }

  /** Start positions of `tokens` in a row. */
  find(tokens: readonly string[]): number[] {
    const out: number[] = [];
    for (const start of this.#at.get(tokens[0]!) ?? []) {
      if (tokens.every((t, k) => this.tokens[start + k] === t)) out.push(start);
    }
    return out;
  }

  has(tokens: readonly string[]): boolean {
    return this.find(tokens).length > 0;
  }

  /** True when the text's tokens end with `tokens` (a name right before a bracket). */
  endsWith(tokens: readonly string[]): boolean {
    const offset = this.tokens.length - tokens.length;
    return offset >= 0 && tokens.every((t, k) => this.tokens[offset + k] === t);
  }
}

interface PartyWatch {
  index: number;
  name: string;
  compiled: CompiledParty;
  /**
   * What "the story names this party" looks for: its terms, the matcher's variants and the spellings offered
   * here (a story that writes both parties in spellings the watch lacks supports both).
   */
  naming: readonly Term[];
  /** Spellings generated from the written names, to look for verbatim. */
  variants: readonly (Term & { kind: VariantKind })[];
  /** Pinyin syllables of a Latin-only name, in both name orders, to find its Han form. */
  hanTargets: readonly (readonly string[])[];
}

function isPersonParty(written: readonly Term[]): boolean {
  return written.some((t) => looksLikePersonName(t.tokens)) && !written.some((t) => t.tokens.some((x) => ORGANISATION_MARKERS.has(x)));
}

/**
 * Every name variant of every written name. Han names get both the person and the company readings, since
 * 2-4 Han characters may be either (澄芯科技 gives "Chengxin Technology" only as a company): the stories
 * tell which one is used.
 */
function variantCandidates(written: readonly Term[], watched: ReadonlySet<string>): (Term & { kind: VariantKind })[] {
  const person = isPersonParty(written);
  // A Han name is tried both ways: 澄芯科技 reads as a company, 谢嘉豪 as a person.
  return variantTerms(written, (w) => (HAN.test(w.display) ? [true, false] : [person]), new Set(watched));
}

/**
 * The syllables of each name written only in pinyin, in its own word order and with its last word first, so
 * both "Xu Zhenyu" and "Zhenyu Xu" look for xu-zhen-yu (许振宇). None when the party has a Han name already.
 */
function hanTargetsOf(written: readonly Term[]): string[][] {
  if (written.some((t) => HAN.test(t.key))) return [];
  const out = new Map<string, string[]>();
  for (const t of written) {
    if (t.tokens.some((x) => ORGANISATION_MARKERS.has(x))) continue;
    const words = t.display.split(/\s+/).map(splitPinyin);
    if (words.length === 0 || words.some((w) => w === null)) continue;
    const syllables = words as string[][];
    const orders = [syllables.flat(), [...syllables.slice(-1), ...syllables.slice(0, -1)].flat()];
    for (const o of orders) if (o.length >= 2 && o.length <= 4) out.set(o.join(' '), o);
  }
  return [...out.values()];
}

function watchParties(def: CaseDefinition): { parties: PartyWatch[]; watched: Set<string> } {
  const compiled = def.parties.map((p) => compileCase({ ...def, parties: [p] }).parties[0] ?? null);
  const watched = new Set([...compiled.flatMap((c) => c?.terms.map((t) => t.key) ?? []), ...def.exclude.map((e) => makeTerm(e)?.key ?? '')]);
  const parties: PartyWatch[] = [];
  compiled.forEach((c, index) => {
    if (!c) return;
    const p = def.parties[index]!;
    const written = [p.name, ...p.aliases].map(makeTerm).filter((t): t is Term => t !== null);
    const variants = variantCandidates(written, watched);
    parties.push({ index, name: c.name, compiled: c, naming: [...c.terms, ...c.variants, ...variants], variants, hanTargets: hanTargetsOf(written) });
  });
  return { parties, watched };
}

/**
 * The variants the story uses, except where one is only part of a longer variant or of a watched name
 * ("Chengxin" inside "Chengxin Technology", "Yunfan" inside "Yunfan Data").
 */
function variantsIn(story: StoryTokens, party: PartyWatch): PartyWatch['variants'] {
  const spans = (terms: readonly Term[]) => terms.flatMap((t) => story.find(t.tokens).map((start) => ({ t, start, end: start + t.tokens.length })));
  const watched = spans(party.compiled.terms);
  const hits = spans(party.variants).sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: typeof hits = [];
  const inside = (h: (typeof hits)[number], k: (typeof hits)[number]) => k.start <= h.start && h.end <= k.end && k.end - k.start > h.end - h.start;
  for (const h of hits) if (!kept.some((k) => inside(h, k)) && !watched.some((w) => inside(h, w))) kept.push(h);
  const used = new Set(kept.map((k) => k.t));
  return party.variants.filter((v) => used.has(v));
}

/** Han windows of 2-4 characters whose readings are the name's syllables, as the story writes them. */
function hanFormsIn(text: string, targets: PartyWatch['hanTargets']): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    const read = hanSyllables(run);
    for (const target of targets) {
      for (let i = 0; i + target.length <= chars.length; i++) {
        if (target.every((s, k) => read[i + k] === s)) out.push(chars.slice(i, i + target.length).join(''));
      }
    }
  }
  return out;
}

// Role words a Chinese report puts right before a name ("原告云帆数据", "被告许振宇").
const ROLE_PREFIX = /^(?:被上诉人|上诉人|被申请人|申请人|第三人|原告|被告)/u;

/**
 * The name that ends `before`, in whatever script it is written: the words a bracketed aside is about. A
 * Han run needs a clear start (punctuation, a space or another script) within ten characters, unless it ends
 * with the Han reading of the party's pinyin name (then that is the name).
 */
function nameBefore(before: string, party: PartyWatch): string | null {
  const text = before.trimEnd();
  const katakana = /[\p{Script=Katakana}ー・･]+$/u.exec(text);
  if (katakana && /\p{Script=Katakana}/u.test(katakana[0])) return katakana[0];
  const run = /[\p{Script=Han}\p{Script=Katakana}ー・･]+$/u.exec(text)?.[0];
  if (run) {
    const tail = hanFormsIn([...run].slice(-4).join(''), party.hanTargets).find((h) => run.endsWith(h));
    if (tail) return tail;
    const name = run.replace(ROLE_PREFIX, '');
    return [...run].length <= 10 && [...name].length >= 2 ? name : null;
  }
  const hangul = /\p{Script=Hangul}+$/u.exec(text);
  if (hangul) return hangul[0];
  // Latin: the capitalised words before the bracket ("said Fathom Robotics (…)" gives "Fathom Robotics").
  return /(?:[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’&-]*\s+){0,5}[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’&-]*$/u.exec(text)?.[0] ?? null;
}

/** A bracket's content up to its first separator, when it could be a name. */
function asideName(content: string): string | null {
  const name = content.split(ASIDE_SEPARATOR)[0]!.trim();
  if (ASIDE_PREFIXES.some((p) => name.startsWith(p))) return null;
  return name;
}

/** Whether another-script text next to a name looks like a name and not a remark, a date or a ticker. */
function plausibleName(text: string, fromAside: boolean): boolean {
  const chars = [...text];
  if (chars.length < 2 || chars.length > 60 || DIGIT.test(text) || QUOTE_OR_BRACKET.test(text)) return false;
  // Short Han asides are mostly places and roles ("（美国）", "（原告）"), not names.
  if (fromAside && /^\p{Script=Han}+$/u.test(text) && chars.length < 3) return false;
  // A ticker or an acronym in brackets ("（NASDAQ）") is not the company's name in another script.
  if (/^[\p{Lu}.&-]+$/u.test(text)) return false;
  return tokenize(text).length > 0;
}

/** Other-script names a story writes right beside one of the party's names, in brackets either way round. */
function localScriptNamesIn(text: string, party: PartyWatch): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BRACKETED)) {
    const aside = asideName(m[1]!);
    if (!aside) continue;
    const before = text.slice(0, m.index);
    const asideKey = makeTerm(aside)?.key;
    const beforeTokens = new StoryTokens(before.slice(-200));
    for (const term of party.compiled.terms) {
      const own = scriptsOf(term.display);
      // "ファゾム・ロボティクス（Fathom Robotics）": the name before the bracket is the other spelling.
      if (asideKey === term.key) {
        const name = nameBefore(before, party);
        if (name && disjoint(own, scriptsOf(name)) && plausibleName(name, false)) out.push(name);
      }
      // "Fathom Robotics（ファゾム・ロボティクス）": the bracket holds the other spelling.
      if (beforeTokens.endsWith(term.tokens) && disjoint(own, scriptsOf(aside)) && plausibleName(aside, true)) out.push(aside);
    }
  }
  return out;
}

interface Found {
  party: PartyWatch;
  alias: string;
  kind: AliasKind;
  storyIds: Set<number>;
}

/**
 * Spellings of the case's parties found in `stories` that the watch does not list (compared by token key
 * against every party's names, aliases and reversed names, and the exclusions), most frequent first, at most
 * MAX_SUGGESTIONS_PER_PARTY per party:
 * - any `nameVariants` spelling of a name or alias (transliterations, romanisations, Wade-Giles, script
 *   forms...), and, for a name written only in pinyin, its Han form (a 2-4 character window of a Han run
 *   whose readings are the name's syllables, surname or given name first). These count only in stories that
 *   also name another party of the case: a homophone (徐振宇 for Xu Zhenyu) or a namesake in unrelated news
 *   is not evidence. A story that names another party counts whatever it is about (a match report that
 *   mentions the plaintiff's sponsorship is still evidence of the spelling); the example shows the user why.
 * - a name in another script written in brackets right after or right before one of the party's names
 *   ("Fathom Robotics（ファゾム・ロボティクス）", "한결반도체 (Hangyeol Semiconductor)"); such a spelling
 *   counts in the stories that name the party itself. A case with one party can get only these.
 */
export function suggestAliases(def: CaseDefinition, stories: readonly SuggestionStory[]): AliasSuggestion[] {
  const { parties, watched } = watchParties(def);
  const found = new Map<string, Found>();
  const titles = new Map<number, string>();
  const note = (party: PartyWatch, alias: string, kind: AliasKind, storyId: number) => {
    const key = makeTerm(alias)?.key;
    if (!key || watched.has(key)) return;
    const id = `${party.index}\u0000${key}`;
    const f = found.get(id) ?? { party, alias, kind, storyIds: new Set<number>() };
    f.storyIds.add(storyId);
    found.set(id, f);
  };

  const localScript = new Map<PartyWatch, Set<string>>();
  const scanned: { story: SuggestionStory; text: string; tokens: StoryTokens; named: Set<PartyWatch> }[] = [];
  for (const story of stories) {
    const text = `${story.title}\n${story.summary}`;
    const tokens = new StoryTokens(text);
    const named = new Set(parties.filter((p) => p.naming.some((t) => tokens.has(t.tokens))));
    if (named.size === 0) continue;
    titles.set(story.id, story.title);
    scanned.push({ story, text, tokens, named });
    for (const party of parties) {
      if ([...named].some((other) => other !== party)) {
        for (const v of variantsIn(tokens, party)) note(party, v.display, v.kind, story.id);
        for (const han of hanFormsIn(text, party.hanTargets)) note(party, han, 'han', story.id);
      }
      if (named.has(party)) {
        for (const name of localScriptNamesIn(text, party)) localScript.set(party, (localScript.get(party) ?? new Set()).add(name));
      }
    }
  }
  // A local-script name, once seen beside the party's, counts in every story that names the party.
  for (const [party, names] of localScript) {
    const terms = [...names].map((n) => makeTerm(n)).filter((t): t is Term => t !== null);
    for (const { story, tokens, named } of scanned) {
      if (named.has(party)) for (const t of terms) if (tokens.has(t.tokens)) note(party, t.display, 'local-script', story.id);
    }
  }

  const perParty = new Map<number, AliasSuggestion[]>();
  for (const f of found.values()) {
    const newest = Math.max(...f.storyIds);
    const s: AliasSuggestion = { party: f.party.index, partyName: f.party.name, alias: f.alias, kind: f.kind, stories: f.storyIds.size, example: { storyId: newest, title: titles.get(newest)! } };
    perParty.set(s.party, [...(perParty.get(s.party) ?? []), s]);
  }
  const byCount = (a: AliasSuggestion, b: AliasSuggestion) => b.stories - a.stories || a.party - b.party || a.alias.localeCompare(b.alias);
  return [...perParty.values()].flatMap((list) => list.sort(byCount).slice(0, MAX_SUGGESTIONS_PER_PARTY)).sort(byCount);
}
