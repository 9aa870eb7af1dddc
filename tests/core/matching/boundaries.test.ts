import { describe, expect, it } from 'vitest';
import type { CaseDefinition } from '../../../core/caseDefinition.ts';
import { Matcher, explainMatch, matchCase } from '../../../core/matching/matcher.ts';

// The term under test is the plaintiff; a made-up defendant sits in the summary. Whether the plaintiff is
// found as written is read from the explanation; both matcher paths must agree on the outcome.
function finds(term: string, text: string): boolean {
  const def: CaseDefinition = {
    id: 1,
    title: 'probe',
    parties: [
      { name: term, role: 'plaintiff', aliases: [] },
      { name: 'Zzyqx', role: 'defendant', aliases: [] },
    ],
    keywords: [],
    exclude: [],
  };
  const story = { title: text, summary: 'Zzyqx' };
  const reference = matchCase(def, story);
  const compiled = Matcher.compile([def]).match(story);
  expect(compiled).toEqual(reference ? [reference] : []);
  return explainMatch(def, story).reading.parties[0]?.level === 'exact';
}

describe('term boundaries', () => {
  it.each([
    ['Uber', 'Uber sued by drivers', true],
    ['Uber', 'Uberti revolvers recalled', false],
    ['Uber', 'Farm fair opens in Uberlândia', false],
    ['Tian', 'Mr Tian said he would appeal', true],
    ['Tian', 'Tianjin port expands', false],
    ['Meta', "Meta's new model", true],
    ['Meta', 'Metadata leak at a hospital', false],
    ['ByteDance', "ByteDance's owner", true],
    ['ByteDance', 'ByteDance字节跳动', true],
    ['Apple', 'Pineapple prices rise', false],
    ['Société Générale', 'Societe Generale fined', true],
    ['Havørn Vind', 'HAVORN VIND A/S wins', true],
    ['Havørn', 'Sea eagles (havørne) return', false],
    ['Kjærgaard', 'Kjaergaard speaks', true],
    ['Kjærgaard', 'Kierkegaard readings', false],
    ['Ørsted', 'Orsted shares fall', true],
    ['ＢｙｔｅＤａｎｃｅ', 'bytedance news', true],
    ['Москва', 'Москва-Сити', true],
    ['Москва', 'из Москвы', false],
    ['8 million yuan', 'seeks 8-million yuan', true],
  ])('%s in "%s": %s', (term, text, expected) => {
    expect(finds(term, text)).toBe(expected);
  });
});

describe('person names', () => {
  it.each([
    ['Tian Keyu', 'Keyu Tian was sued', true],
    ['Tian Keyu', 'Tian-Keyu responds', true],
    ['Tian Keyu', 'Tian Keyuan responds', false],
    ['Tian Keyu', 'Tian Wei and Keyu Li', false],
    ['Priya Raman', 'Priya Ramanathan reports', false],
    ['Zhao Ming Xuan', 'Xuan Ming Zhao appeals', true],
    ['Halcyon Genomics', 'Genomics Halcyon', false],
  ])('%s in "%s": %s', (term, text, expected) => {
    expect(finds(term, text)).toBe(expected);
  });
});

describe('CJK substrings', () => {
  it.each([
    ['赵明轩', '赵明夺得男单冠军', false],
    ['赵明轩', '前实习生赵明轩赔偿', true],
    // Substring semantics cut both ways: a shorter name is found inside a longer one.
    ['赵明', '前实习生赵明轩赔偿', true],
    ['星河云图', '星河夜观暑期活动', false],
    ['星河云图', '星河云图科技有限公司', true],
    ['字节跳动', '字節跳動公司起訴前實習生', true],
    ['田柯宇', '前实习生田柯宇称', true],
    ['抖音', 'TikTok(抖音)', true],
    ['トヨタ', 'ﾄﾖﾀ自動車が提訴', true],
    ['삼성전자', '삼성전자가 소송', true],
  ])('%s in "%s": %s', (term, text, expected) => {
    expect(finds(term, text)).toBe(expected);
  });
});
