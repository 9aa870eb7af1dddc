// withFastBoundaries: which word boundaries are rewritten, and that every rewritten pattern matches exactly as before.
import { describe, expect, it } from 'vitest';
import { withFastBoundaries } from '../../../core/timeline/fastBoundaries.ts';
import { APPEAL_OUTCOME, LEGAL_CONTEXT, NOISE, STAGE_RULES } from '../../../core/timeline/stagePatterns.ts';

const B = String.raw`(?<!\w)`;

describe('withFastBoundaries', () => {
  it.each([
    ['before a letter', /\bsue\b/iu, String.raw`${B}sue\b`],
    ['before a group whose alternatives all start with a word character', /\b(?:court|judge)s?\b/iu, String.raw`${B}(?:court|judge)s?\b`],
    ['before nested groups and digits', /\b(?:(?:\d+)(?:st|nd)|first) circuit\b/iu, String.raw`${B}(?:(?:\d+)(?:st|nd)|first) circuit\b`],
    ['before an optional group followed by a letter', /\b(?:court |interim )?hearings?\b/iu, String.raw`${B}(?:court |interim )?hearings?\b`],
    ['in every alternative', /\bverklagt\b|\bklagt\b/iu, String.raw`${B}verklagt\b|${B}klagt\b`],
  ])('rewrites a boundary %s', (_label, re, source) => {
    expect(withFastBoundaries(re).source).toBe(source);
    expect(withFastBoundaries(re).flags).toBe(re.flags);
  });

  it.each([
    ['an alternative that can start with a hyphen', /\b(?:-x|y)z/iu],
    ['a character class', /\b[\w-]+ case/iu],
    ['an empty alternative', /\b(?:a|)b/iu],
    ['an optional letter with nothing after it', /x \bs?/iu],
    ['a letter outside ASCII', /\bécole/iu],
    ['whitespace after the boundary', /\b\sx/iu],
    ['a lookahead', /\b(?=a)a/iu],
    ['a boundary at the end', /sue\b/iu],
    ['a backspace in a class', /[\b]x/iu],
    ['an escaped backslash followed by b', /\\bx/iu],
  ])('keeps %s unchanged', (_label, re) => {
    expect(withFastBoundaries(re)).toBe(re);
  });

  // Characters where "word character" differs between flags: ſ and K fold to s and k under `iu`.
  const EDGES = ['ſue', 'aſue', 'Kourt ruled', 'é sue', '_sue', '1sue', 'sue_', 'Sue!', 'SUED by', 'x-sue', 'court’s judge ruled', 'ｃｏｕｒｔ', '2nd circuit', 'a2nd circuit', 'settle in', 'appeal decided'];
  const PATTERNS = [APPEAL_OUTCOME, LEGAL_CONTEXT, ...NOISE, ...STAGE_RULES.map((r) => r.pattern), /\bsue\b/i, /\bsue\b/u, /\bsue\b/];

  it('matches exactly as the original pattern, at the same places', () => {
    const all = (re: RegExp, s: string) => [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => [m.index, m[0]]);
    for (const re of PATTERNS) {
      const fast = withFastBoundaries(re);
      for (const s of [...EDGES, EDGES.join(' '), EDGES.join('')]) expect(all(fast, s), `${re} on ${s}`).toEqual(all(re, s));
    }
  });
});
