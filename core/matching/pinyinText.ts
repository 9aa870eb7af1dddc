// Han text as a stream of pinyin-syllable tokens, so a name watched only in pinyin is found in characters.
import { hanSyllables } from './variants.ts';

const HAN = /\p{Script=Han}/u;
/** Stands between syllables that are not neighbours in the text; no pattern contains it. */
const BREAK = '|';

/** 某 ("a certain"), which court reports put for a name's given part: a token of its own, not the syllable mou. */
export const ANONYMOUS = '某';

/** The token of each Han character seen ('~xu'), or '' for one without a reading. */
const tokenOf = new Map<string, string>([[ANONYMOUS, `~${ANONYMOUS}`]]);

function syllableToken(ch: string): string {
  let t = tokenOf.get(ch);
  if (t === undefined) {
    const s = hanSyllables(ch)[0];
    t = s ? `~${s}` : '';
    tokenOf.set(ch, t);
  }
  return t;
}

/** '~'-prefixed syllable tokens for each Han character of normalized text, BREAK for runs of anything else. */
export function hanSyllableTokens(normalized: string): string[] {
  if (!HAN.test(normalized)) return [];
  const out: string[] = [];
  for (const ch of normalized) {
    const code = ch.codePointAt(0)!;
    // Han lies in U+2E80 and above (radicals, CJK ideographs, extensions); below it nothing has a reading.
    const t = code >= 0x2e80 ? syllableToken(ch) : '';
    if (t) out.push(t);
    else if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
  }
  return out;
}
