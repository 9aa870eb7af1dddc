// Normalizes story titles and summaries so that syndicated copies of one story compare as equal text.

/** Wire-service markers put in front of a headline by the agency or the republisher. */
const WIRE_PREFIX =
  /^\s*(?:(?:UPDATE|REFILE|EXCLUSIVE|CORRECTED|CORRECTION|BREAKING|URGENT|FLASH|RPT|REPEAT|WRAPUP|UPDATED)(?:\s*\d+)?\s*[-–—:]\s*)+/i;
/** A short bracketed tag at the start or end: "(Reuters)", "[Video]", "【独家】", "(组图)". */
const LEADING_TAG = /^\s*[([【〔][^()[\]【】〔〕]{1,30}[)\]】〕]\s*/u;
const TRAILING_TAG = /\s*[([【〔][^()[\]【】〔〕]{1,30}[)\]】〕]\s*$/u;
/** " - Outlet", " | Outlet", " — Outlet", and the CJK habit "标题_新浪网" / "标题-新华网". */
const SPACED_SUFFIX = /\s+[-–—|｜]\s+([^-–—|｜]{1,40})$/u;
const CJK_SUFFIX = /(\p{Script=Han})[_\-｜|]\s*([\p{Script=Han}\w.]{1,12})$/u;
/** Words that are no part of an outlet name, so a lowercase segment is part of the headline. */
const OUTLET_WORD = /^(?:[\p{Lu}\d][\p{L}\d.&'’-]*|of|the|and|de|la|le|du|des|der|die|das|&|on|in|for)$/u;

/** Whether a " - X" segment reads like an outlet name: title case, a domain, CJK, or the known source. */
function looksLikeOutlet(segment: string, source: string | null | undefined): boolean {
  const s = segment.trim();
  if (source && fold(s) === fold(source)) return true;
  if (/\.[a-z]{2,6}$/i.test(s)) return true;
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\w.·]{1,12}$/u.test(s) && /\p{Script=Han}/u.test(s)) return true;
  const words = s.split(/\s+/);
  if (words.length > 5) return false;
  return /^[\p{Lu}\d]/u.test(s) && words.every((w) => OUTLET_WORD.test(w));
}

/** Strips wire prefixes, outlet suffixes and bracketed tags; the result is still readable text. */
export function stripTitleDecorations(title: string, source?: string | null): string {
  let t = title.normalize('NFKC').trim();
  for (let pass = 0; pass < 3; pass++) {
    const before = t;
    t = t.replace(WIRE_PREFIX, '');
    const stripped = t.replace(LEADING_TAG, '');
    if (stripped.trim().length >= 4) t = stripped;
    const noTail = t.replace(TRAILING_TAG, '');
    if (noTail.trim().length >= 4) t = noTail;
    const spaced = SPACED_SUFFIX.exec(t);
    if (spaced && looksLikeOutlet(spaced[1] ?? '', source) && spaced.index >= 8) t = t.slice(0, spaced.index);
    const cjk = CJK_SUFFIX.exec(t);
    if (cjk && cjk.index >= 4) t = t.slice(0, cjk.index + (cjk[1]?.length ?? 0));
    t = t.trim();
    if (t === before) break;
  }
  return t;
}

/** Datelines and credits that republishers add or drop: "SAN DIEGO, March 15 (Reuters) -", "来源：新华网". */
const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}\s.,'’-]{1,40}(?:,\s*\p{Lu}\p{Ll}+\.?\s+\d{1,2})?\s*)?\([^)]{1,30}\)\s*[-–—]\s*/u;
const REPORTER_LEAD = /^\s*[(（](?:记者|通讯员|本报记者)[^)）]{0,30}[)）]\s*/u;
const TRAILING_CREDIT = /\s*(?:[(（](?:Reporting|Writing|Editing|Additional reporting)[^)）]*[)）]|(?:来源|本文来源|责任编辑|编辑)[:：]\s*\S{1,20}|(?:Source|Via):\s*[^.]{1,40})\s*$/iu;

export function stripSummaryDecorations(summary: string): string {
  let s = summary.normalize('NFKC');
  s = s.replace(DATELINE, '').replace(REPORTER_LEAD, '');
  // Up to three credits; a pass that removes none ends it (the pattern scans the whole summary each time).
  for (let i = 0; i < 3; i++) {
    const rest = s.replace(TRAILING_CREDIT, '');
    if (rest === s) break;
    s = rest;
  }
  return s.trim();
}

const FOLD_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', å: 'a', ß: 'ss', œ: 'oe', đ: 'd', ł: 'l', þ: 'th', ð: 'd' };

/**
 * Lowercase, accents and punctuation removed, digit groups joined ("1.1" and "1,1" both become "11"),
 * so that an ASCII-fied copy ("Havorn") and a typographic one ("Havørn") compare equal.
 */
export function fold(text: string): string {
  // Plain ASCII (most English copy) is its own NFKC and NFD and has no marks or special letters to fold.
  if (ASCII.test(text)) return text.toLowerCase().replace(DIGIT_GROUPS, '$1').replace(NON_WORD, ' ').trim();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæåßœđłþð]/g, (c) => FOLD_LETTERS[c] ?? c)
    .replace(DIGIT_GROUPS, '$1')
    .replace(NON_WORD, ' ')
    .trim();
}

const ASCII = /^[\x00-\x7f]*$/;
const DIGIT_GROUPS = /(\d)[.,'\u00a0\u202f ](?=\d)/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Tokens for shingling: a word in alphabetic scripts, a single character in CJK scripts (which have no
 * spaces), so one shingle size works for both.
 */
export function tokens(folded: string): string[] {
  const out: string[] = [];
  for (const word of folded.split(' ')) {
    if (!word) continue;
    if (!CJK_CHAR.test(word)) {
      out.push(word);
      continue;
    }
    let run = '';
    for (const ch of word) {
      if (CJK_CHAR.test(ch)) {
        if (run) out.push(run);
        run = '';
        out.push(ch);
      } else run += ch;
    }
    if (run) out.push(run);
  }
  return out;
}
