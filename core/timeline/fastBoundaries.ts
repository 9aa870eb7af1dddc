// Rewrites leading word boundaries of a regular expression into an equal test that V8 scans for quickly.

const WORD_CHAR = /^[A-Za-z0-9_]$/;

/** Where the group opened at `open` closes, skipping escapes and character classes. */
function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(src, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function classEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return i;
  }
  return src.length;
}

/** The top-level alternatives of a group's body. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(body, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) (out.push(body.slice(start, i)), (start = i + 1));
  }
  out.push(body.slice(start));
  return out;
}

/** A quantifier at `at` that lets the atom before it match nothing (`?`, `*`, `{0,…}`): where it ends, else -1. */
function optionalQuantifierEnd(src: string, at: number): number {
  let end = -1;
  if (src[at] === '?' || src[at] === '*') end = at + 1;
  else if (src.startsWith('{0', at)) end = src.indexOf('}', at) + 1;
  if (end > 0 && src[end] === '?') end++;
  return end;
}

/**
 * True when whatever the pattern matches from `at` must begin with a word character: a literal letter,
 * digit or underscore, `\w` or `\d`, or a (non-capturing or capturing) group all of whose alternatives do.
 * An atom made optional by its quantifier counts when what follows it also begins with one. Anything else
 * answers false, which keeps the `\b`.
 */
function startsWithWordChar(src: string, at: number): boolean {
  const c = src[at];
  let atomEnd: number;
  let startsWord: boolean;
  if (c === undefined) return false;
  if (c === '\\') {
    atomEnd = at + 2;
    startsWord = src[at + 1] === 'w' || src[at + 1] === 'd';
  } else if (c === '(') {
    const bodyStart = src.startsWith('(?:', at) ? at + 3 : src[at + 1] === '?' ? -1 : at + 1;
    const end = groupEnd(src, at);
    if (bodyStart < 0 || end < 0) return false;
    atomEnd = end + 1;
    startsWord = alternatives(src.slice(bodyStart, end)).every((alt) => startsWithWordChar(alt, 0));
  } else {
    atomEnd = at + 1;
    startsWord = WORD_CHAR.test(c);
  }
  if (!startsWord) return false;
  const skipTo = optionalQuantifierEnd(src, atomEnd);
  return skipTo < 0 || startsWithWordChar(src, skipTo);
}

/**
 * Node 20's V8 turns `\b` under the `i` and `u` flags together into lookarounds that defeat its scan for a
 * pattern's first characters, which made the stage patterns about 40× slower than without `u`. Before a
 * character that must be a word character, `\b` holds exactly when the character before is not one, so it is
 * rewritten as `(?<!\w)` (`\w` and `\b` use the same word characters under the same flags). Other `\b`s stay.
 */
export function withFastBoundaries(re: RegExp): RegExp {
  const src = re.source;
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '[') {
      const end = classEnd(src, i);
      out += src.slice(i, end + 1);
      i = end;
    } else if (c === '\\') {
      out += src[i + 1] === 'b' && startsWithWordChar(src, i + 2) ? String.raw`(?<!\w)` : src.slice(i, i + 2);
      i++;
    } else out += c;
  }
  return out === src ? re : new RegExp(out, re.flags);
}
