// Splits plain article text into sentences, for English and CJK punctuation alike.

export interface Sentence {
  text: string;
  /** Index of the paragraph (blank-line separated block) the sentence belongs to. */
  paragraph: number;
}

// ICU's sentence rules (Intl.Segmenter) handle 。！？, closing quotes and "U.S." already; they do not know
// that "Mr." or "Inc." rarely end a sentence, so a segment ending in one joins the next.
const ABBREVIATION = new RegExp(
  '(?:^|[\\s(])(?:mr|mrs|ms|dr|prof|sr|jr|st|mt|gen|gov|sen|rep|col|lt|sgt|capt|hon|messrs|inc|ltd|co|corp|' +
    'plc|llc|bros|no|nos|vol|art|sec|para|p|pp|v|vs|cf|e\\.g|i\\.e|etc|al|approx|jan|feb|mar|apr|aug|sep|sept|' +
    'oct|nov|dec|[a-z])\\.\\s*$',
  'i',
);
// ICU ends a segment after an opening bracket that follows 。！？ ("不完整？「判決…"), or a straight quote after a
// space ('no. "Enough'): it belongs to the next one.
const TRAILING_OPENERS = /(?:[「『“‘（(【《〈]|(?<=\s)["'])+$/u;
// '"Enough!" he said.': ICU breaks after "!" whatever follows; a lower-case start continues the sentence.
const CONTINUATION = /^\s*\p{Ll}/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function sentencesOfLine(line: string): string[] {
  const out: string[] = [];
  let carry = '';
  for (const { segment } of segmenter.segment(line)) {
    let text = carry + segment;
    carry = '';
    const opener = TRAILING_OPENERS.exec(text);
    if (opener) {
      carry = opener[0];
      text = text.slice(0, opener.index);
    }
    const last = out.length - 1;
    if (last >= 0 && (ABBREVIATION.test(out[last]!) || CONTINUATION.test(text))) out[last] += text;
    else if (text.trim()) out.push(text);
    else if (last >= 0) out[last] += text;
  }
  if (carry) out.push(carry);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The sentences of `text`; every line break ends a sentence (headings and list items have no full stop). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  text.split(/\n[^\S\n]*\n\s*/).forEach((block, paragraph) => {
    for (const line of block.split('\n')) {
      for (const sentence of sentencesOfLine(line)) out.push({ text: sentence, paragraph });
    }
  });
  return out;
}
