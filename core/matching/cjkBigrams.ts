// Chinese, Japanese and Korean text as overlapping character pairs: the tokens of the index that finds 2-character names.

/**
 * Han (with the iteration mark 々 and 〇), Hiragana, Katakana (with the prolonged sound mark) and Hangul: the
 * scripts written without spaces, where a two-character name (赵明, 田中) is a common whole word.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}々〇ー]+/gu;

/**
 * Every pair of neighbouring CJK characters in the text, separated by spaces ("赵明亮说" → "赵明 明亮 亮说"),
 * after NFKC so that half-width katakana and compatibility forms pair up as they are searched. Pairs repeat
 * as often as they occur; the empty string when the text has no two CJK characters side by side.
 */
export function cjkBigrams(text: string): string {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').matchAll(CJK_RUN)) {
    const chars = [...run[0]];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out.join(' ');
}

/** Whether a search term can be looked up as one pair: exactly two CJK characters (after NFKC). */
export function isCjkPair(term: string): boolean {
  const t = term.normalize('NFKC');
  const chars = [...t];
  return chars.length === 2 && cjkBigrams(t) === t;
}
