import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { Matcher, THRESHOLDS, explainMatch, matchCase } from '../../../core/matching/matcher.ts';
import { MODEL } from '../../../core/matching/model.ts';
import { searchTermsForCase, searchableText } from '../../../core/matching/searchTerms.ts';

const acme: CaseDefinition = {
  id: 1,
  title: 'Acme Robotics v. Jane Doe',
  summary:
    'Acme Robotics sued its former engineer Jane Doe and her new employer Gripwell in 2024, claiming $12 million over gripper designs and CAD files she allegedly copied before leaving.',
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

describe('judging a story like a paralegal', () => {
  it('keeps auto above review', () => {
    expect(THRESHOLDS.auto).toBeGreaterThan(THRESHOLDS.review);
  });

  it.each([
    ['both sides and the suit', 'Acme Robotics sues Jane Doe', 'Over gripper designs.', 'auto'],
    ['a roundup that reports the dispute', 'Week in tech', 'Acme Robotics won an injunction; Jane Doe will appeal.', 'auto'],
    ['one side and the incident behind the case', 'Former Acme Robotics engineer copied CAD files, police say', 'Police searched a home over gripper designs taken from the robot maker.', 'auto'],
    ['the defendant and the appeal', 'Gripwell appeals verdict over gripper designs', 'Gripwell will appeal the jury verdict.', 'auto'],
    ['the case in Chinese', '艾克美机器人起诉前工程师Jane Doe', '索赔1200万美元。', 'auto'],
  ])('on the timeline: %s', (_label, title, summary, expected) => {
    expect(outcome(title, summary).status).toBe(expected);
  });

  it.each([
    ['both named at a trade fair, no dispute', 'Acme Robotics and Gripwell show new arms at trade fair', 'Both companies showed robot arms at the Hannover fair.'],
    ['both named in passing, no dispute', 'Court date set', 'Acme Robotics and Jane Doe met again.'],
    ["the company's quarterly results", 'Acme Robotics quarterly revenue rises 12%', 'The robot maker beat estimates on strong demand.'],
    ['another suit, the company being sued', 'Acme Robotics sued by customer over faulty arms', 'A logistics firm sued Acme Robotics over broken robot arms.'],
    ['a namesake of the defendant in sport', 'Jane Doe wins marathon', 'The runner Jane Doe finished first in Boston.'],
    ['keywords without any party', 'Trade secret suits rise', 'Lawsuits over CAD files and gripper designs rose in 2024.'],
    ['one party, nothing else', 'Acme Robotics opens a plant', 'It will employ 300 people.'],
  ])('not on the timeline: %s', (_label, title, summary) => {
    expect(outcome(title, summary).status).not.toBe('auto');
  });

  it('says why in words, each feature with its direction', () => {
    const fair = outcome('Acme Robotics and Gripwell show new arms at trade fair', 'Both companies showed robot arms at the Hannover fair.');
    expect(fair.reasons[0]).toBe('plaintiff Acme Robotics in title, defendant Gripwell in title named');
    expect(fair.reasons).toContain('both parties named, but no dispute reported (−)');
    const sued = outcome('Acme Robotics sued by customer over faulty arms', 'A logistics firm sued Acme Robotics over broken robot arms.');
    // The plaintiff sued, and our defendant nowhere: someone else's suit.
    expect(sued.reasons).toContain('the plaintiff sued by someone else (customer): another case (−)');
    const chinese = outcome('艾克美机器人起诉前工程师Jane Doe', '索赔1200万美元。');
    expect(chinese.reasons).toContain("the case's facts: 1200万美元 = $12 million (+)");
    for (const r of [...fair.reasons.slice(1), ...sued.reasons.slice(1)]) expect(r).toMatch(/\((\+|−)\)$|held for review$/);
  });

  it('prints each feature\'s contribution, largest first, summing to the score', () => {
    const e = outcome('Acme Robotics sues Jane Doe', 'Over gripper designs.');
    const effects = e.contributions.map((c) => Math.abs(c.effect));
    expect(effects).toEqual([...effects].sort((x, y) => y - x));
    const z = MODEL.bias + e.contributions.reduce((sum, c) => sum + c.effect, 0);
    expect(Math.round(100 / (1 + Math.exp(-z)))).toBe(e.score);
  });
});

describe('short forms in the title', () => {
  it.each([
    ['Judge tosses Doe counterclaim', 'Jane Doe said the claim was hers.', 'defendant Jane Doe in title named'],
    ['Court bars ex-Acme engineer', 'Acme Robotics won an order against Jane Doe.', 'plaintiff Acme Robotics in title, defendant Jane Doe named'],
  ])('%s', (title, summary, reason) => {
    expect(outcome(title, summary).reasons[0]).toBe(reason);
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
    // A story the matcher is not sure of at once (no suing verb in the title), so the keywords can tell.
    const results = Matcher.compile([weaker, acme, same]).match({
      title: 'Jane Doe answers Acme Robotics',
      summary: 'The lawsuit cites CAD files.',
    });
    // Cases 1 and 3 have the keywords the story repeats; case 5 has none, so it scores lower.
    expect(results.map((r) => r.caseId)).toEqual([1, 3, 5]);
    expect(results[0]!.score).toBe(results[1]!.score);
    expect(results[1]!.score).toBeGreaterThan(results[2]!.score);
  });

  it('ignores blank names and aliases', () => {
    const def: CaseDefinition = {
      ...acme,
      parties: [
        { name: 'Acme Robotics', role: 'plaintiff', aliases: ['', '  ', '—'] },
        { name: '', role: 'defendant', aliases: ['Jane Doe'] },
      ],
    };
    expect(outcome('Acme Robotics sues Jane Doe', '', def).reasons[0]).toBe('plaintiff Acme Robotics in title, defendant Jane Doe in title named');
  });
});

describe('searchTermsForCase', () => {
  it('gives distinct normalized names, reversed person names, variants and anonymised forms, and drops terms that contain another', () => {
    const def: CaseDefinition = {
      ...acme,
      parties: [
        { name: 'Havørn Vind', role: 'plaintiff', aliases: ['Havørn Vind A/S', 'Havorn Vind', '星河云图'] },
        { name: 'Søren Kjærgaard', role: 'defendant', aliases: ['Soren Kjaergaard'] },
      ],
    };
    // 星河云図: the Japanese form; 某云图公司 and 某云图科技公司: how a Chinese court report names the company; "soren k" (Søren K.)
    // also finds "soren kjaergaard", so that one is dropped; umlauts spelled out (havoern, soeren).
    expect(searchTermsForCase(def)).toEqual(['星河云図', '星河云图', '某云图公司', 'soren k', '某云图科技公司', 'havorn vind', 'havoern vind', 's kjaergaard', 'kjaergaard soren', 'soeren kjaergaard']);
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

describe('Matcher.unsure: the stories whose article is worth reading', () => {
  const acme: CaseDefinition = {
    id: 1,
    title: 'Acme Robotics v. Jane Doe',
    summary: 'Acme Robotics sued former engineer Jane Doe for 1.25 million dollars over gripper designs.',
    parties: [
      { name: 'Acme Robotics', role: 'plaintiff', aliases: [] },
      { name: 'Jane Doe', role: 'defendant', aliases: [] },
    ],
    keywords: ['gripper designs'],
    exclude: [],
  };
  const m = Matcher.compile([acme]);

  it.each([
    ['a party named, not sure', 'Acme Robotics opens a plant in Ohio', ''],
    ['only a short form in a headline', 'Acme wins round in designs fight', 'A judge ruled on Monday.'],
    ['only a keyword', 'Court hears dispute over gripper designs', 'The engineer was not named.'],
    ['only the case sum', 'A $1.25 million order for a robot maker', 'Shares rose.'],
  ])('%s', (_label, title, summary) => {
    expect(m.unsure({ title, summary })).toBe(true);
  });

  it.each([
    ['no case named', 'Markets rally as rates fall', 'Shares rose in Tokyo.'],
    ['a look-alike of a name', 'Acmes of the industry gather', 'Robots everywhere.'],
    ['sure: on the timeline already', 'Acme Robotics sues former engineer Jane Doe over gripper designs', 'The lawsuit was filed in Ohio.'],
  ])('not: %s', (_label, title, summary) => {
    expect(m.unsure({ title, summary })).toBe(false);
  });

  it('sure for one case but named by another is still worth reading', () => {
    const other: CaseDefinition = { id: 2, title: 'Kestrel v. Roe', parties: [{ name: 'Kestrel Labs', role: 'plaintiff', aliases: [] }], keywords: ['lab notebooks'], exclude: [] };
    const both = Matcher.compile([acme, other]);
    expect(both.unsure({ title: 'Acme Robotics sues former engineer Jane Doe over gripper designs', summary: 'Lab notebooks were seized.' })).toBe(true);
  });
});
