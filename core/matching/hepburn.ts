// Long-vowel spellings of romanised Japanese names (Endō, Endo, Endoh, Endou, Endoo), which the press mixes freely.

/** Hepburn syllables without loanword extensions (fa, ti, she ...), so Western names rarely parse. */
const HEPBURN_SYLLABLES = new Set(
  (
    'a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ' +
    'ma mi mu me mo ya yu yo ra ri ru re ro wa wo ga gi gu ge go za ji zu ze zo da de do ' +
    'ba bi bu be bo pa pi pu pe po kya kyu kyo sha shu sho cha chu cho nya nyu nyo hya hyu hyo ' +
    'mya myu myo rya ryu ryo gya gyu gyo ja ju jo bya byu byo pya pyu pyo'
  ).split(' '),
);
const VOWELS = 'aiueo';
const GEMINATES = 'kstpgdbzc';
// A long u is plausible after a glide (Yūki, Ryūji, Shūji), not in every u (Suzuki).
const LONG_U_SYLLABLES = /(?:yu|shu|chu|ju)$/;
const LONG_MARKS = /[\u0304\u0302]/; // macron, circumflex
const MARKS = /\p{M}/u;
const WORD_SPLIT = /([^\p{L}\p{M}]+)/u;
/** At most this many spellings per name: all positions per style first, then single positions. */
export const MAX_LONG_VOWEL_SPELLINGS = 16;

interface Mora {
  text: string;
  /** 'o' or 'u' when the syllable ends in a vowel that can be long. */
  vowel: 'o' | 'u' | null;
  /** Written long in the input (ō, ou, oo, oh, ū, uu). */
  long: boolean;
}

/** Lowercase letters of a word and, per letter, whether it carried a macron or circumflex. */
function lettersOf(word: string): { letters: string; marked: boolean[] } | null {
  let letters = '';
  const marked: boolean[] = [];
  for (const ch of word.normalize('NFD').toLowerCase()) {
    if (MARKS.test(ch)) {
      if (!LONG_MARKS.test(ch) || letters === '') return null;
      marked[letters.length - 1] = true;
    } else if (ch >= 'a' && ch <= 'z') {
      letters += ch;
      marked.push(false);
    } else return null;
  }
  return { letters, marked };
}

function isConsonantAt(letters: string, i: number): boolean {
  return i >= letters.length || (!VOWELS.includes(letters[i]!) && letters[i] !== 'y');
}

/** Extra letters after an o/u syllable that spell its vowel long: ou, oo, uu, oh (before a consonant). */
function longSpellingLength(letters: string, i: number, vowel: 'o' | 'u'): number {
  const next = letters[i];
  if (next === vowel) return 1;
  if (vowel === 'o' && next === 'u' && isConsonantAt(letters, i + 1)) return 1;
  if (next === 'h' && isConsonantAt(letters, i + 1)) return 1;
  return 0;
}

function parseWord(letters: string, marked: boolean[], i: number, out: Mora[]): boolean {
  if (i === letters.length) return true;
  const ch = letters[i]!;
  const next = letters[i + 1];
  // Syllabic n (also m before b/m/p, as in Homma) and a doubled consonant (Hattori, Matcha) stand alone.
  const standalone =
    (ch === 'n' && isConsonantAt(letters, i + 1)) ||
    (ch === 'm' && next !== undefined && 'bmp'.includes(next)) ||
    (GEMINATES.includes(ch) && (next === ch || (ch === 't' && next === 'c')));
  if (standalone) {
    out.push({ text: ch, vowel: null, long: false });
    if (parseWord(letters, marked, i + 1, out)) return true;
    out.pop();
  }
  for (let len = Math.min(3, letters.length - i); len >= 1; len--) {
    const text = letters.slice(i, i + len);
    if (!HEPBURN_SYLLABLES.has(text)) continue;
    const last = text[len - 1]!;
    const vowel = last === 'o' || last === 'u' ? last : null;
    const extra = vowel === null || marked[i + len - 1] ? 0 : longSpellingLength(letters, i + len, vowel);
    const long = vowel !== null && (marked[i + len - 1] === true || extra > 0);
    for (const skip of extra > 0 ? [extra, 0] : [0]) {
      out.push({ text, vowel, long: long && (skip > 0 || marked[i + len - 1] === true) });
      if (parseWord(letters, marked, i + len + skip, out)) return true;
      out.pop();
    }
  }
  return false;
}

type Style = '' | 'u' | 'h' | 'double';

function spell(mora: Mora, style: Style): string {
  if (style === '' || mora.vowel === null) return mora.text;
  if (mora.vowel === 'u') return mora.text + 'u';
  return mora.text + (style === 'u' ? 'u' : style === 'h' ? 'h' : 'o');
}

function recase(spelled: string, written: string): string {
  if (written.length > 1 && written === written.toUpperCase()) return spelled.toUpperCase();
  return written[0] === written[0]!.toLowerCase() ? spelled : spelled[0]!.toUpperCase() + spelled.slice(1);
}

/**
 * Other long-vowel spellings of a name whose every word is Hepburn ("Ryota Endo" -> "Ryouta Endou",
 * "Ryohta Endoh", "Ryoota Endoo", "Ryouta Endo" ...). Long vowels written in the input (ō, ou, oh) are the
 * ones varied; with none written, every o and every glide u is a candidate. Empty for other names.
 */
export function longVowelSpellings(name: string): string[] {
  const parts = name.trim().split(WORD_SPLIT);
  const words: { moras: Mora[]; written: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const parsed = parts[i] === '' ? null : lettersOf(parts[i]!);
    const moras: Mora[] = [];
    if (!parsed || !parseWord(parsed.letters, parsed.marked, 0, moras)) return [];
    if (!moras.some((m) => VOWELS.includes(m.text[m.text.length - 1]!))) return [];
    words.push({ moras, written: parts[i]! });
  }
  const writtenLong = words.flatMap((w) => w.moras.filter((m) => m.long));
  // A syllable before a bare vowel is left alone: "Inoue" is i-no-u-e, not a long o.
  const candidates =
    writtenLong.length > 0
      ? writtenLong
      : words.flatMap((w) => w.moras.filter((m, i) => isShortCandidate(m, w.moras[i + 1])));
  if (candidates.length === 0) return [];

  const render = (styleOf: (m: Mora) => Style): string => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 1) out += parts[i];
      else out += recase(words[i / 2]!.moras.map((m) => spell(m, styleOf(m))).join(''), parts[i]!);
    }
    return out;
  };
  const styles: Style[] = writtenLong.length > 0 ? ['', 'u', 'h', 'double'] : ['u', 'h', 'double'];
  const out = new Set<string>();
  for (const style of styles) out.add(render((m) => (candidates.includes(m) ? style : '')));
  if (candidates.length > 1) {
    for (const target of candidates) {
      for (const style of styles) {
        if (style === '' || out.size >= MAX_LONG_VOWEL_SPELLINGS) continue;
        out.add(render((m) => (m === target ? style : '')));
      }
    }
  }
  return [...out].slice(0, MAX_LONG_VOWEL_SPELLINGS);
}

function isShortCandidate(mora: Mora, next: Mora | undefined): boolean {
  if (next !== undefined && VOWELS.includes(next.text)) return false;
  return mora.vowel === 'o' || (mora.vowel === 'u' && LONG_U_SYLLABLES.test(mora.text));
}
