import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { Matcher, explainMatch, matchCase } from '../../../core/matching/matcher.ts';

const bytedanceTian: CaseDefinition = {
  id: 7,
  title: 'ByteDance v. Tian Keyu',
  summary: 'ByteDance sued former intern Tian Keyu for 8 million yuan over sabotage of model training.',
  parties: [
    { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动', "抖音's owner", 'ByteDance Ltd'] },
    { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
  ],
  keywords: ['sabotage', '8 million yuan'],
  exclude: [],
};

// An unrelated case in the same matcher, so the tests also show it stays out.
const other: CaseDefinition = {
  id: 8,
  title: 'Tesla v. Tripp',
  parties: [
    { name: 'Tesla', role: 'plaintiff', aliases: [] },
    { name: 'Martin Tripp', role: 'defendant', aliases: [] },
  ],
  keywords: ['sabotage'],
  exclude: [],
};

const matcher = Matcher.compile([bytedanceTian, other]);

function statusOf(title: string, summary: string): string {
  const compiled = matcher.match({ title, summary }).filter((r) => r.caseId === 7);
  const reference = matchCase(bytedanceTian, { title, summary });
  expect(compiled).toEqual(reference ? [reference] : []);
  return reference?.status ?? 'none';
}

describe('ByteDance v. Tian Keyu', () => {
  it.each([
    ['ByteDance sues former intern Tian Keyu for 8 million yuan', 'The company accuses him of sabotage.'],
    ['ByteDance seeks damages from ex-intern Keyu Tian', 'The suit alleges sabotage of a training cluster.'],
    ['Court hears intern sabotage case', 'ByteDance says Tian Keyu planted code in its training jobs.'],
    ['字节跳动起诉前实习生田柯宇', '字节跳动要求田柯宇赔偿800万元，北京市海淀区人民法院已受理。'],
    ['字節跳動起訴前實習生田柯宇', '索賠800萬元，法院已受理此案。'],
    ['ByteDance lawsuit over intern sabotage goes to court', 'The company has not named the intern.'],
    ['ＢｙｔｅＤａｎｃｅ’s case against Tian Keyu goes to trial', 'A Beijing court set a date.'],
  ])('auto: %s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('auto');
  });

  it.each([
    ["Tian Keyu's lawyer speaks", 'His lawyer said he would appeal any ruling.'],
  ])('auto, one side and the dispute: %s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('auto');
  });

  it.each([
    ['Beijing court hears ByteDance copyright case', 'Music labels say the app used songs without a licence.'],
    ['ByteDance sued by music labels; ruling expected', 'A judge will rule on the lawsuit in June.'],
    ['字节跳动回应诉讼传闻', '公司表示将依法维护权益。'],
  ])('not on the timeline, another suit of the company or a rumour: %s', (title, summary) => {
    expect(statusOf(title, summary)).not.toBe('auto');
  });

  it.each([
    ['ByteDance launches a new video-editing app', "The TikTok owner said the app is free."],
    ['字节跳动发布新一代大模型', '抖音母公司表示新模型将向企业开放。'],
    ['Tianjin port handles record container volume', 'Tianjin officials credited new cranes.'],
    ['Court fines Tian Yu over fraud', 'Tian, a Shanghai trader, was sued by investors.'],
    ['Keyu Li and Wei Tian win robotics prize', 'The judges praised the team.'],
    // The case's sum, but a round one and no party: too common to tie a story to the case.
    ['Factory sabotage costs 8 million yuan', 'Police arrested a former worker, a court said.'],
    ['田柯在比赛中夺冠', '法院门前举行颁奖。'],
    ['Tesla sues Martin Tripp over sabotage', 'Tesla says the former employee changed code.'],
  ])('no match: %s', (title, summary) => {
    expect(statusOf(title, summary)).toBe('none');
  });

  it('says why, in words', () => {
    const [result] = matcher.match({
      title: '字节跳动起诉前实习生田柯宇',
      summary: 'ByteDance accuses Tian Keyu of sabotage and seeks damages.',
    });
    expect(result).toMatchObject({ caseId: 7, status: 'auto' });
    expect(result!.reasons[0]).toBe('plaintiff ByteDance (as 字节跳动) in title, defendant Tian Keyu (as 田柯宇) in title named');
    expect(result!.reasons).toEqual(
      expect.arrayContaining(['a dispute is reported (+)', 'plaintiff and defendant both named (+)', 'legal words (+)']),
    );
  });

  it('says when the company is the one sued: another case', () => {
    const e = explainMatch(bytedanceTian, {
      title: 'ByteDance sued by music labels; ruling expected',
      summary: 'A judge will rule on the lawsuit in June.',
    });
    expect(e.status).not.toBe('auto');
    expect(e.reasons).toContain('a dispute with someone else: another case (−)');
    expect(e.reasons).toContain('only the plaintiff named (−)');
  });

  it('explains a non-match', () => {
    const e = explainMatch(bytedanceTian, { title: 'Tianjin port expands', summary: '' });
    expect(e).toMatchObject({ caseId: 7, score: 0, status: 'none' });
    expect(e.reasons[0]).toBe('no party named, and no precise sum or case number of the case');
  });
});

describe('ByteDance v. Tian Keyu: the article behind a teaser', () => {
  const teaser = { title: 'Beijing court hears intern sabotage suit', summary: 'A technology company is seeking 8 million yuan.' };
  const article =
    'ByteDance has sued its former intern Tian Keyu in the Haidian District People\'s Court, alleging that he ' +
    'sabotaged the training of its large language models. The company is seeking 8 million yuan in damages.';

  it('a defendant named only in the article makes the match, and the reason says where', () => {
    expect(matchCase(bytedanceTian, teaser)).toBeNull();
    const compiled = matcher.match({ ...teaser, article }).filter((r) => r.caseId === 7);
    const reference = matchCase(bytedanceTian, { ...teaser, article });
    expect(compiled).toEqual(reference ? [reference] : []);
    expect(reference?.status).toBe('auto');
    expect(reference?.reasons[0]).toBe('plaintiff ByteDance (in the article), defendant Tian Keyu (in the article) named');
  });

  it('a party in the feed text is not said to be in the article', () => {
    const story = { title: teaser.title, summary: 'ByteDance is seeking 8 million yuan.', article };
    expect(matchCase(bytedanceTian, story)?.reasons[0]).toBe('plaintiff ByteDance, defendant Tian Keyu (in the article) named');
  });

  it('an empty article changes nothing', () => {
    const story = { title: 'ByteDance sues former intern Tian Keyu', summary: 'The company accuses him of sabotage.' };
    expect(matchCase(bytedanceTian, { ...story, article: '' })).toEqual(matchCase(bytedanceTian, story));
  });
});
