import { describe, expect, it } from 'vitest';
import type { CaseDefinition, PartyRole } from '../../../core/caseDefinition.ts';
import { Matcher, matchCase, type MatchResult } from '../../../core/matching/matcher.ts';
import { rng } from '../../helpers/rng.ts';


const LATIN = ['Tian', 'Keyu', 'Uber', 'Meta', 'Havørn', 'Vind', 'Søren', 'Kjærgaard', 'Société', 'Zhao', 'Ming',
  'Halcyon', 'Raman', 'Priya', 'Acme', 'Nordwind', 'Orsted', 'Москва', 'Tesla', 'Tripp'];
const CJK = ['字节跳动', '田柯宇', '星河云图', '赵明轩', '赵明', '星河', '字節跳動', 'トヨタ', '삼성전자', '抖音', '𠮷野'];
const LOOKALIKES = ['Tianjin', 'Uberti', 'Metadata', 'havørne', 'Kierkegaard', 'Ramanathan', '星河夜观', '赵明夺冠'];
const FILLER = ['the', 'company', 'said', 'on', 'Monday', 'that', 'former', 'intern', 'over', 'data', '公司', '表示',
  'sabotage', '8 million yuan', 'trade secrets', 'A/S', 'Inc.', '—', '𠮷野家', '😀', 'ｶﾀｶﾅ', 'é\u0301', '字\u0301',
  '“', '’s', '1.1', 'Ⅻ'];
const LEGAL = ['sued', 'lawsuit', 'court', 'judge', 'appeal', 'settlement', '起诉', '法院', '判決', 'Klage',
  'verklagt', 'tribunal', 'procès', 'demandó', 'sentencia', 'injunction', 'verdict', 'damages'];
const ROLES: PartyRole[] = ['plaintiff', 'defendant', 'other'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function name(r: () => number): string {
  if (r() < 0.3) return pick(r, CJK);
  const words = 1 + Math.floor(r() * 3);
  return Array.from({ length: words }, () => pick(r, LATIN)).join(' ');
}

function makeCase(r: () => number, id: number): CaseDefinition {
  const parties = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
    name: name(r),
    role: pick(r, ROLES),
    aliases: Array.from({ length: Math.floor(r() * 3) }, () => name(r)),
  }));
  const keywords = Array.from({ length: Math.floor(r() * 3) }, () => pick(r, [...FILLER, ...LEGAL]));
  const exclude = r() < 0.2 ? [pick(r, [...LOOKALIKES, ...LATIN])] : [];
  return { id, title: `case ${id}`, parties, keywords, exclude };
}

// Variants that the normalizer and the boundaries must see through (or must not be fooled by).
function variant(r: () => number, term: string): string {
  const words = term.split(' ');
  switch (Math.floor(r() * 8)) {
    case 0: return term.toUpperCase();
    case 1: return `${term}'s`;
    case 2: return words.reverse().join(' ');
    case 3: return words.join('-');
    case 4: return term.normalize('NFD').replace(/\p{M}/gu, '');
    case 5: return `${term}${pick(r, ['jin', 'ti', 'data', '轩', '公司'])}`;
    case 6: return term.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    default: return term;
  }
}

function text(r: () => number, cases: CaseDefinition[], length: number, partyShare = 0.25): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = r();
    if (roll < partyShare) {
      const party = pick(r, pick(r, cases).parties);
      parts.push(variant(r, pick(r, [party.name, ...party.aliases])));
    } else if (roll < partyShare + 0.15) parts.push(pick(r, LEGAL));
    else if (roll < partyShare + 0.25) parts.push(pick(r, LOOKALIKES));
    else if (roll < partyShare + 0.35) parts.push(pick(r, LATIN));
    else parts.push(pick(r, FILLER));
  }
  return parts.join(pick(r, [' ', ' ', ', ', '']));
}

function reference(cases: CaseDefinition[], story: { title: string; summary: string; article?: string }): MatchResult[] {
  return cases
    .map((c) => matchCase(c, story))
    .filter((m): m is MatchResult => m !== null)
    .sort((x, y) => y.score - x.score || x.caseId - y.caseId);
}

describe('compiled Matcher equals the reference matchCase', () => {
  it('on generated cases and stories, including CJK', () => {
    const r = rng(20240611);
    const cases = Array.from({ length: 300 }, (_, i) => makeCase(r, i + 1));
    const matcher = Matcher.compile(cases);
    const seen = { auto: 0, review: 0, none: 0 };
    for (let i = 0; i < 300; i++) {
      const sample = Array.from({ length: 8 }, () => pick(r, cases));
      const share = pick(r, [0.03, 0.1, 0.25]);
      const story = { title: text(r, sample, 4, share), summary: text(r, sample, 14, share) };
      const expected = reference(cases, story);
      expect(matcher.match(story), JSON.stringify(story)).toEqual(expected);
      for (const m of expected) seen[m.status]++;
      if (expected.length === 0) seen.none++;
    }
    // The generator must exercise every outcome, or the comparison proves little.
    expect(seen.auto).toBeGreaterThan(50);
    expect(seen.review).toBeGreaterThan(50);
    expect(seen.none).toBeGreaterThan(5);
  });

  it('with article text fetched from the page, named parties found only there', () => {
    const r = rng(1307);
    const cases = Array.from({ length: 200 }, (_, i) => makeCase(r, i + 1));
    const matcher = Matcher.compile(cases);
    let inArticle = 0;
    for (let i = 0; i < 100; i++) {
      const sample = Array.from({ length: 6 }, () => pick(r, cases));
      const story = { title: text(r, sample, 3, 0.03), summary: text(r, sample, 5, 0.03), article: text(r, sample, 30, 0.15) };
      const expected = reference(cases, story);
      expect(matcher.match(story), JSON.stringify(story)).toEqual(expected);
      inArticle += expected.filter((m) => m.reasons[0]?.includes('(in the article)')).length;
    }
    expect(inArticle).toBeGreaterThan(10);
  });

  it('after upserts and removals', () => {
    const r = rng(7);
    const cases = Array.from({ length: 60 }, (_, i) => makeCase(r, i + 1));
    const matcher = Matcher.compile(cases.slice(0, 30));
    for (const c of cases.slice(30)) matcher.upsert(c);
    const live = new Map(cases.map((c) => [c.id, c]));
    for (let i = 0; i < 15; i++) {
      const id = 1 + Math.floor(r() * 60);
      if (r() < 0.5) {
        matcher.remove(id);
        live.delete(id);
      } else {
        const replaced = makeCase(r, id);
        matcher.upsert(replaced);
        live.set(id, replaced);
      }
    }
    for (let i = 0; i < 100; i++) {
      const sample = Array.from({ length: 6 }, () => pick(r, cases));
      const story = { title: text(r, sample, 4), summary: text(r, sample, 12) };
      expect(matcher.match(story)).toEqual(reference([...live.values()], story));
    }
  });
});
