// Spellings of a party's name the user did not type (transliterations, romanisations, scripts), to match too.

import { hanCompanyCore, hanPersonSyllables, hanSyllables, splitHanPersonName } from './hanNames.ts';
import { longVowelSpellings } from './hepburn.ts';
import { tokenize } from './normalize.ts';
import { plainWadeGiles, splitPinyin } from './romanise.ts';
import { looksJapanese, scriptForms } from './scriptForms.ts';

export { hanSyllables, splitPinyin };

export type VariantKind =
  | 'transliteration'
  | 'long-vowel'
  | 'given-name'
  | 'initial'
  | 'wade-giles'
  | 'script'
  | 'pinyin'
  | 'han';

export interface NameVariant {
  text: string;
  kind: VariantKind;
}

/** Bound on variants per name, so a long alias cannot flood the automaton. */
export const MAX_NAME_VARIANTS = 40;

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’.-]+$/u;
const WHITESPACE = /\s+/;
// German, Danish and Norwegian letters the press spells out (Müller -> Mueller, Havørn -> Havoern).
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ø: 'oe', å: 'aa', æ: 'ae',
  Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', Ø: 'Oe', Å: 'Aa', Æ: 'Ae', ẞ: 'SS',
};
const HAS_SPELLABLE = /[äöüßøåæÄÖÜØÅÆẞ]/u;
const SPELLABLE = /[äöüßøåæÄÖÜØÅÆẞ]/gu;
// ae/oe/ue back to an umlaut only in a word's first vowel between consonants (German stems: Mueller,
// Schaefer, Goethe), not before a final l or after q/g: so not Michael, Adaeze, Joel, Boeing, Queen, Miguel,
// Zoe, Daewoo, nor a word-initial Ae (Aerospace).
const UMLAUT_SPELLING = /(?<=\b[bcdfghjklmnpqrstvwxz]+)((?<![qg])u|a|o)e(?=[bcdfghjklmnpqrstvxz])(?!l\b)/giu;
const UMLAUT_OF: Readonly<Record<string, string>> = { a: 'ä', o: 'ö', u: 'ü', A: 'Ä', O: 'Ö', U: 'Ü' };
// "Seung-ho", "Jia-hao": a romanised East Asian given name, lowercase after the hyphen (unlike Delgado-Reyes).
const HYPHENATED_GIVEN_NAME = /^\p{Lu}\p{Ll}*-\p{Ll}+$/u;

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_TOKEN = /[a-z0-9]+/g;

/**
 * The token key dedup compares by. Most candidates are ASCII, where normalization is only lowercasing and
 * tokens are runs of letters and digits: that shortcut gives tokenize's answer at a fraction of its cost.
 */
function keyOf(text: string): string {
  if (!ASCII.test(text)) return tokenize(text).join(' ');
  return text.toLowerCase().match(ASCII_TOKEN)?.join(' ') ?? '';
}

function initialOf(word: string): string {
  return `${word[0]!.toUpperCase()}.`;
}

function allPinyin(words: readonly (string[] | null)[]): words is string[][] {
  return words.every((p) => p !== null);
}

function capitalise(word: string): string {
  return word === '' ? word : word[0]!.toUpperCase() + word.slice(1);
}

/** Display form of pinyin syllables as one word, ü restored: ["jia","hao"] -> "Jiahao", ["lv"] -> "Lü". */
export function pinyinWord(syllables: readonly string[], separator = ''): string {
  return capitalise(syllables.map((s) => s.replace('v', 'ü')).join(separator));
}

function transliterations(name: string): string[] {
  const out: string[] = [];
  if (HAS_SPELLABLE.test(name)) out.push(name.replace(SPELLABLE, (ch) => SPELLED_OUT[ch] ?? ch));
  const umlauted = name.replace(UMLAUT_SPELLING, (_pair, vowel: string) => UMLAUT_OF[vowel] ?? vowel);
  if (umlauted !== name) out.push(umlauted);
  return out;
}

/** Latin words of a person's name, or null when it is not two or three Latin words. */
function latinPersonWords(name: string): string[] | null {
  const words = name.trim().split(WHITESPACE);
  return words.length >= 2 && words.length <= 3 && words.every((w) => LATIN_WORD.test(w)) ? words : null;
}

/** Names in surname-first order we can recognise: all-pinyin ("Xu Zhenyu") or ending "Seung-ho". */
function isSurnameFirst(words: readonly string[], pinyinWords: readonly (string[] | null)[]): boolean {
  return allPinyin(pinyinWords) || HYPHENATED_GIVEN_NAME.test(words[words.length - 1]!);
}

function givenNameForms(words: readonly string[], pinyinWords: readonly (string[] | null)[]): string[] {
  const joined = words.map((w) => (HYPHENATED_GIVEN_NAME.test(w) ? w.replace('-', '') : w));
  const out = [joined.join(' ')];
  if (words.length === 2) out.push(`${words[1]} ${words[0]}`, `${joined[1]} ${joined[0]}`);
  if (allPinyin(pinyinWords)) {
    // "Xie Jiahao" -> "Xie Jia-hao": the hyphen Taiwanese and Hong Kong spellings put in a given name.
    const hyphenated = words.map((w, i) =>
      pinyinWords[i]!.length === 2 && !w.includes('-') ? pinyinWord(pinyinWords[i]!, '-') : w,
    );
    out.push(hyphenated.join(' '));
    if (words.length === 2) out.push(`${hyphenated[1]} ${hyphenated[0]}`);
  }
  return out;
}

function initialForms(words: readonly string[]): string[] {
  if (words[0]!.replace('.', '').length < 2) return [];
  const out = [`${initialOf(words[0]!)} ${words.slice(1).join(' ')}`];
  if (words.length === 3) out.push(`${initialOf(words[0]!)} ${initialOf(words[1]!)} ${words[2]}`);
  return out;
}

/** Wade-Giles forms of a name given as pinyin syllables per word: hyphenated, joined, and swapped. */
function wadeGilesForms(pinyinWords: readonly (readonly string[])[]): string[] {
  const hyphenated = pinyinWords.map((syllables) => capitalise(syllables.map(plainWadeGiles).join('-')));
  const joined = pinyinWords.map((syllables) => capitalise(syllables.map(plainWadeGiles).join('')));
  const out = [hyphenated.join(' '), joined.join(' ')];
  if (pinyinWords.length === 2) out.push(`${hyphenated[1]} ${hyphenated[0]}`, `${joined[1]} ${joined[0]}`);
  return out;
}

function hanPersonForms(name: string): { pinyin: string[]; wadeGiles: string[] } {
  const read = hanPersonSyllables(name);
  if (!read) return { pinyin: [], wadeGiles: [] };
  const surname = pinyinWord(read.surname);
  const given = pinyinWord(read.given);
  const pinyin = [`${surname} ${given}`, `${given} ${surname}`];
  if (read.given.length === 2) {
    const hyphenated = pinyinWord(read.given, '-');
    pinyin.push(`${surname} ${hyphenated}`, `${hyphenated} ${surname}`);
  }
  return { pinyin, wadeGiles: wadeGilesForms([read.surname, read.given]) };
}

function hanCompanyForms(name: string): string[] {
  const core = hanCompanyCore(name);
  if (!core) return [];
  const joined = pinyinWord(core.syllables);
  const spaced = core.syllables.map((s) => pinyinWord([s])).join(' ');
  const out = core.isPlace ? [] : [joined, spaced];
  if (core.english) out.push(`${joined} ${core.english}`);
  return out;
}

/**
 * Spellings of one written name (a party's name or alias) a story may use instead. Never includes the name
 * itself or anything with the same tokens as the name (so "A Okafor" is left out next to "A. Okafor", and
 * "Jang Seung Ho" next to "Jang Seung-ho"); deduplicated by tokens; at most MAX_NAME_VARIANTS.
 */
export function nameVariants(name: string, opts: { person: boolean }): NameVariant[] {
  const out: NameVariant[] = [];
  const seen = new Set([keyOf(name)]);
  const add = (kind: VariantKind, texts: readonly string[]) => {
    for (const text of texts) {
      if (out.length >= MAX_NAME_VARIANTS) return;
      const key = keyOf(text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      out.push({ text, kind });
    }
  };

  if (HAN.test(name)) {
    // Japanese names are not read in pinyin (渡辺 is Watanabe, not Du Bian).
    const chinese = !looksJapanese(name);
    if (chinese && opts.person) {
      const forms = hanPersonForms(name);
      add('pinyin', forms.pinyin);
      add('wade-giles', forms.wadeGiles);
    }
    if (chinese && !opts.person) add('pinyin', hanCompanyForms(name));
    add('script', scriptForms(name));
    return out;
  }

  add('transliteration', transliterations(name));
  add('long-vowel', longVowelSpellings(name));
  const words = opts.person ? latinPersonWords(name) : null;
  if (!words) return out;
  const pinyinWords = words.map(splitPinyin);
  add('given-name', givenNameForms(words, pinyinWords));
  if (!isSurnameFirst(words, pinyinWords)) add('initial', initialForms(words));
  if (allPinyin(pinyinWords)) add('wade-giles', wadeGilesForms(pinyinWords));
  return out;
}

/**
 * The surnames a court report could shorten a Chinese person written in pinyin to (surname + 某), as syllables:
 * "Xu Zhenyu" and "Zhenyu Xu" -> ["xu"] (given names mostly have two syllables); "Wei Zhang" -> ["wei", "zhang"],
 * since the order of two one-syllable words cannot be told. Empty for other names.
 */
export function pinyinSurnames(name: string): string[] {
  const words = latinPersonWords(name);
  if (!words || words.length !== 2) return [];
  const pinyinWords = words.map(splitPinyin);
  if (!allPinyin(pinyinWords)) return [];
  return pinyinWords.filter((w) => w.length === 1).map((w) => w[0]!);
}

/**
 * Anonymised forms of a person's name, to be counted only with other evidence: 许振宇 -> 许某,
 * "Timo Rößler" -> "Timo R.", "Jang Seung-ho" -> "Seung-ho J.". Nothing for companies (handled elsewhere)
 * or for pinyin names (their surname + 某 is a pinyin pattern: `pinyinSurnames`).
 */
export function anonymisedForms(name: string, opts: { person: boolean }): string[] {
  if (!opts.person) return [];
  if (HAN.test(name)) {
    // 某 stands in for a Chinese given name; a Japanese surname has no such convention to split by.
    const parts = looksJapanese(name) ? null : splitHanPersonName(name);
    return parts ? [`${parts.surname}某`] : [];
  }
  const words = latinPersonWords(name);
  if (!words) return [];
  const pinyinWords = words.map(splitPinyin);
  if (allPinyin(pinyinWords)) return [];
  if (isSurnameFirst(words, pinyinWords)) return [`${words.slice(1).join(' ')} ${initialOf(words[0]!)}`];
  return [`${words[0]} ${initialOf(words[words.length - 1]!)}`];
}
