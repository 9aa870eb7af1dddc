// Han text as a stream of pinyin-syllable tokens, so a name watched only in pinyin is found in characters.
import { hanSyllables } from './variants.ts';

const HAN = /\p{Script=Han}/u;
/** Stands between syllables that are not neighbours in the text; no pattern contains it. */
const BREAK = '|';

/** '~'-prefixed syllable tokens for each Han character of normalized text, BREAK for runs of anything else. */
export function hanSyllableTokens(normalized: string): string[] {
  if (!HAN.test(normalized)) return [];
  const out: string[] = [];
  for (const s of hanSyllables(normalized)) {
    if (s) out.push(`~${s}`);
    else if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
  }
  return out;
}
