import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { Matcher, THRESHOLDS, explainMatch, matchCase } from '../../../core/matching/matcher.ts';
import { searchTermsForCase, searchableText } from '../../../core/matching/searchTerms.ts';

const acme: CaseDefinition = {
  id: 1,
  title: 'Acme Robotics v. Jane Doe',
  parties: [
    { name: 'Acme Robotics', role: 'plaintiff', aliases: ['艾克美机器人'] },
    { name: 'Jane Doe', role: 'defendant', aliases: [] },
    { name: 'Gripwell', role: 'defendant', aliases: [] },
  ],
  keywords: ['gripper designs', 'CAD files', 'lawsuit'],
  exclude: ['Acme Anvils', '天津'],
};

function outcome(title: string, summary: string, def: CaseDefinition = acme) {
  const reference = matchCase(def, { title, summary });
  expect(Matcher.compile([def]).match({ title, summary })).toEqual(reference ? [reference] : []);
  return explainMatch(def, { title, summary });
}

describe('scoring rules', () => {
  it('keeps auto above review', () => {
    expect(THRESHOLDS.auto).toBeGreaterThan(THRESHOLDS.review);
  });

  it.each([
    ['both sides, title about the case', 'Court date set', 'Acme Robotics and Jane Doe met again.', 'auto'],
    ['both sides, a roundup that reports', 'Week in tech', 'Acme Robotics won an injunction; Jane Doe will appeal.', 'auto'],
    ['both sides, one background sentence', 'Robot maker opens a plant', 'Acme Robotics once sued Jane Doe.', 'review'],
    ['one party in title, alone', 'Acme Robotics opens a plant', 'It will employ 300 people.', 'none'],
    ['one party in summary, alone', 'Robots are everywhere', 'Acme Robotics is one maker.', 'none'],
    ['one party, legal word', 'Acme Robotics opens a plant', 'Its lawyer attended.', 'review'],
    ['one party, keyword, legal word', 'Acme Robotics plant opens', 'Court papers cite CAD files.', 'auto'],
    ['one party, two keywords', 'Acme Robotics plant opens', 'Gripper designs and CAD files shown.', 'review'],
    ['one party, many legal words', 'Acme Robotics sued in court', 'A judge ruled on damages.', 'review'],
    ['two defendants, same side', 'Weekly roundup', 'Jane Doe joined Gripwell last year.', 'review'],
    ['keywords without a party', 'Lawsuit over gripper designs', 'CAD files taken, court told.', 'none'],
  ])('%s: "%s" / "%s" -> %s', (_label, title, summary, expected) => {
    expect(outcome(title, summary).status).toBe(expected);
  });

  it('counts the title more than the summary', () => {
    const inTitle = outcome('Acme Robotics lawyer speaks', 'Nothing else.');
    const inSummary = outcome('A lawyer speaks', 'Acme Robotics, he said.');
    expect(inTitle.score).toBeGreaterThan(inSummary.score);
  });

  it('scores a keyword that is legal vocabulary as legal action, not as a case keyword', () => {
    const e = outcome('Acme Robotics faces lawsuit', 'A court will hear it; the judge ruled on damages.');
    expect(e.status).toBe('review');
    expect(e.reasons).toContain('only one party and no case keyword: held for review');
    expect(e.reasons.find((r) => r.startsWith('legal action:'))).toContain('lawsuit (in title)');
  });
});

describe('short forms in the title', () => {
  it.each([
    ['Judge tosses Doe counterclaim', 'Jane Doe said the claim was hers.', 'defendant Jane Doe (as Doe) in title'],
    ['Court bars ex-Acme engineer', 'Acme Robotics won an order against Jane Doe.', 'plaintiff Acme Robotics (as Acme) in title'],
  ])('%s', (title, summary, reason) => {
    expect(outcome(title, summary).reasons).toContain(reason);
  });

  it.each([
    ['Doe wins chess prize', 'The club said Doe trained for years.'],
    ['Acme anvils sell out', 'Acme and Doe are common names.'],
  ])('never count without the full name: %s', (title, summary) => {
    expect(outcome(title, summary).status).toBe('none');
  });
});

describe('exclusions', () => {
  it.each([
    ['Acme Anvils sues Jane Doe', 'Acme Robotics is not involved.'],
    ['天津法院：艾克美机器人起诉Jane Doe', '判决已出。'],
  ])('veto: %s', (title, summary) => {
    const e = outcome(title, summary);
    expect(e.status).toBe('excluded');
    expect(e.score).toBe(0);
    expect(e.reasons.at(-1)).toMatch(/^excluded by "(Acme Anvils|天津)"$/);
  });

  it('does not veto on a look-alike of the exclusion', () => {
    expect(outcome('Acme Robotics sues Jane Doe', 'Acme Anvilsmiths unrelated.').status).toBe('auto');
  });
});

describe('Matcher', () => {
  const story = { title: 'Acme Robotics sues Jane Doe', summary: 'Over gripper designs.' };

  it('applies upsert and remove', () => {
    const m = Matcher.compile([]);
    expect(m.match(story)).toEqual([]);
    m.upsert(acme);
    expect(m.size).toBe(1);
    expect(m.match(story).map((r) => r.caseId)).toEqual([1]);
    m.upsert({ ...acme, parties: [{ name: 'Other Co', role: 'plaintiff', aliases: [] }] });
    expect(m.match(story)).toEqual([]);
    m.upsert(acme);
    expect(m.remove(1)).toBe(true);
    expect(m.remove(1)).toBe(false);
    expect(m.match(story)).toEqual([]);
    expect(m.has(1)).toBe(false);
  });

  it('returns every case a story matches, best first, then by id', () => {
    const weaker: CaseDefinition = { ...acme, id: 5, keywords: [], exclude: [] };
    const same: CaseDefinition = { ...acme, id: 3, exclude: [] };
    const results = Matcher.compile([weaker, acme, same]).match({
      title: 'Acme Robotics sues Jane Doe over gripper designs',
      summary: 'The lawsuit cites CAD files.',
    });
    expect(results.map((r) => [r.caseId, r.score])).toEqual([
      [1, 100],
      [3, 100],
      [5, 100],
    ]);
    const partial = Matcher.compile([weaker, acme]).match({ title: 'Acme Robotics opens plant', summary: 'CAD files and a lawyer.' });
    expect(partial.map((r) => r.caseId)).toEqual([1, 5]);
    expect(partial[0]!.score).toBeGreaterThan(partial[1]!.score);
  });

  it('ignores blank names and aliases', () => {
    const def: CaseDefinition = {
      ...acme,
      parties: [
        { name: 'Acme Robotics', role: 'plaintiff', aliases: ['', '  ', '—'] },
        { name: '', role: 'defendant', aliases: ['Jane Doe'] },
      ],
    };
    expect(outcome('Acme Robotics sues Jane Doe', '', def).reasons.slice(0, 2)).toEqual([
      'plaintiff Acme Robotics in title',
      'defendant Jane Doe in title',
    ]);
  });
});

describe('searchTermsForCase', () => {
  it('gives distinct normalized names, reversed person names, and drops terms that contain another', () => {
    const def: CaseDefinition = {
      ...acme,
      parties: [
        { name: 'Havørn Vind', role: 'plaintiff', aliases: ['Havørn Vind A/S', 'Havorn Vind', '星河云图'] },
        { name: 'Søren Kjærgaard', role: 'defendant', aliases: ['Soren Kjaergaard'] },
      ],
    };
    expect(searchTermsForCase(def)).toEqual(['星河云图', 'havorn vind', 'kjaergaard soren', 'soren kjaergaard']);
  });

  it('finds every matched story through searchableText', () => {
    const stories = [
      { title: 'Acme-Robotics sues Jane Doe', summary: '' },
      { title: '艾克美机器人 起诉', summary: 'Doe, Jane: CAD files' },
      { title: 'ACME ROBOTICS’ lawsuit', summary: 'Doe Jane says gripper designs were hers.' },
    ];
    const terms = searchTermsForCase(acme);
    for (const s of stories) {
      expect(matchCase(acme, s)).not.toBeNull();
      const text = searchableText(`${s.title}\n${s.summary}`);
      expect(terms.some((t) => text.includes(t))).toBe(true);
    }
  });
});
