// Alias suggestions: spellings stored stories use that the watch lacks, and look-alikes that must stay out.
import { describe, expect, it } from 'vitest';
import type { CaseDefinition, PartyDefinition } from '../../../core/caseDefinition.ts';
import { MAX_SUGGESTIONS_PER_PARTY, suggestAliases, type AliasKind, type SuggestionStory } from '../../../core/matching/aliasSuggestions.ts';

const p = (name: string, role: PartyDefinition['role'], aliases: string[] = []): PartyDefinition => ({ name, role, aliases });
const caseOf = (parties: PartyDefinition[], extra: Partial<CaseDefinition> = {}): CaseDefinition => ({ id: 1, title: 'a case', parties, keywords: [], exclude: [], ...extra });
const stories = (...texts: [title: string, summary?: string][]): SuggestionStory[] => texts.map(([title, summary = ''], i) => ({ id: i + 1, title, summary }));

const yunfan = caseOf([p('Yunfan Data', 'plaintiff', ['云帆数据']), p('Xu Zhenyu', 'defendant')]);
const chengxin = caseOf([p('澄芯科技', 'plaintiff'), p('Timo Rößler', 'defendant')]);
const fathom = caseOf([p('Fathom Robotics', 'plaintiff')]);
const hangyeol = caseOf([p('Hangyeol Semiconductor', 'plaintiff'), p('Fathom Robotics', 'defendant')]);

/** Rows: what, case, stories, expected suggestions as [party, alias, kind, story count], look-alikes that must not be suggested. */
type Row = [what: string, def: CaseDefinition, stories: SuggestionStory[], expected: [number, string, AliasKind, number][], absent: string[]];

const rows: Row[] = [
  [
    'Han form of a pinyin-only person, beside the other party',
    yunfan,
    stories(['云帆数据起诉前副总裁许振宇', '云帆数据称许振宇带走了客户名单。'], ['云帆数据诉许振宇案开庭']),
    [[1, '许振宇', 'han', 2]],
    [],
  ],
  [
    'Han form read given name first ("Zhenyu Xu" is 许振宇)',
    caseOf([p('Yunfan Data', 'plaintiff', ['云帆数据']), p('Zhenyu Xu', 'defendant')]),
    stories(['云帆数据起诉许振宇']),
    [[1, '许振宇', 'han', 1]],
    [],
  ],
  [
    'a homophone in a story with no other party is no evidence',
    yunfan,
    stories(['徐振宇获得围棋冠军', '棋手徐振宇在决赛中获胜。'], ['许振宇出席论坛']),
    [],
    ['徐振宇', '许振宇'],
  ],
  [
    'the Han form is not offered when the party already has one',
    caseOf([p('Yunfan Data', 'plaintiff', ['云帆数据']), p('Xu Zhenyu', 'defendant', ['許振宇'])]),
    stories(['云帆数据起诉前副总裁许振宇'], ['云帆数据起诉徐振宇']),
    [],
    ['许振宇', '徐振宇'],
  ],
  [
    'pinyin romanisation of a Han company, shorter form only where it stands alone',
    chengxin,
    stories(['Chengxin Technology sues former engineer Timo Rößler', 'The Wuxi chip designer says Rößler took its layouts.'], ['Timo Rößler denies Chengxin Technology claims']),
    [[0, 'Chengxin Technology', 'pinyin', 2]],
    ['Chengxin', 'Cheng Xin'],
  ],
  [
    'umlaut spelled out, beside the other party',
    chengxin,
    stories(['澄芯科技起诉前工程师Timo Roessler'], ['Timo Roessler wins cycling race', 'Roessler thanked his team.']),
    [[1, 'Timo Roessler', 'transliteration', 1]],
    [],
  ],
  [
    'a variant in a story about something else still counts when it names another party (the example shows it)',
    chengxin,
    stories(['Timo Roessler wins the 澄芯科技 charity cycling race']),
    [[1, 'Timo Roessler', 'transliteration', 1]],
    [],
  ],
  [
    'a spelling already watched is never offered, whatever its case or accents',
    caseOf([p('澄芯科技', 'plaintiff'), p('Timo Rößler', 'defendant', ['timo roessler'])]),
    stories(['澄芯科技起诉Timo Roessler']),
    [],
    ['Timo Roessler'],
  ],
  [
    'an excluded term is not offered as an alias',
    caseOf([p('澄芯科技', 'plaintiff'), p('Timo Rößler', 'defendant')], { exclude: ['Timo Roessler'] }),
    stories(['澄芯科技起诉Timo Roessler']),
    [],
    ['Timo Roessler'],
  ],
  [
    'Wade-Giles spelling beside the other party',
    yunfan,
    stories(['Yunfan Data sues Hsu Chen-yu in Taipei']),
    [[1, 'Hsu Chen-yu', 'wade-giles', 1]],
    [],
  ],
  [
    'local-script name in brackets after the Latin one, counted wherever the party is named',
    fathom,
    stories(['Fathom Robotics（ファゾム・ロボティクス）が特許侵害で提訴'], ['ファゾム・ロボティクスとFathom Robotics、和解へ'], ['ファゾム・ロボティクスの新製品']),
    [[0, 'ファゾム・ロボティクス', 'local-script', 2]],
    [],
  ],
  [
    'local-script name before the Latin one in brackets',
    fathom,
    stories(['米国のファゾム・ロボティクス（Fathom Robotics）は東京地裁に提訴した']),
    [[0, 'ファゾム・ロボティクス', 'local-script', 1]],
    ['米国のファゾム・ロボティクス'],
  ],
  [
    'Korean name in brackets, both ways round',
    hangyeol,
    stories(['Hangyeol Semiconductor (한결반도체) sues Fathom Robotics'], ['원고 한결반도체(Hangyeol Semiconductor)는 소송을 냈다']),
    [[0, '한결반도체', 'local-script', 2]],
    ['원고 한결반도체', '원고'],
  ],
  [
    'brackets holding a ticker, a place, a role or a date are not names',
    caseOf([p('Fathom Robotics', 'plaintiff'), p('澄芯科技', 'defendant')]),
    stories(['Fathom Robotics (NASDAQ: FTHM) sues 澄芯科技（美国）'], ['澄芯科技（以下简称澄芯）与Fathom Robotics（2024年）'], ['澄芯科技（被告）']),
    [],
    ['NASDAQ', 'FTHM', '美国', '以下简称澄芯', '2024年', '被告'],
  ],
  [
    'a long Han clause before a bracket is not taken for a name',
    caseOf([p('Yunfan Data', 'plaintiff')]),
    stories(['据悉北京市海淀区人民法院已受理云帆数据（Yunfan Data）']),
    [],
    ['据悉北京市海淀区人民法院已受理云帆数据'],
  ],
  [
    'the Han reading at the end of a clause is the name beside the Latin one (one party, local script)',
    caseOf([p('Xu Zhenyu', 'defendant')]),
    stories(['法院受理了前副总裁许振宇（Xu Zhenyu）一案']),
    [[0, '许振宇', 'local-script', 1]],
    [],
  ],
  [
    'a one-party case gets no variants: there is no other party to tie them to the case',
    caseOf([p('Timo Rößler', 'defendant')]),
    stories(['Timo Roessler wins cycling race']),
    [],
    ['Timo Roessler'],
  ],
];

describe('suggestAliases', () => {
  it.each(rows)('%s', (_what, def, given, expected, absent) => {
    const got = suggestAliases(def, given);
    expect(got.map((s) => [s.party, s.alias, s.kind, s.stories])).toEqual(expected);
    for (const a of absent) expect(got.map((s) => s.alias)).not.toContain(a);
    for (const s of got) {
      expect(s.partyName).toBe(def.parties[s.party]!.name);
      expect(given.find((g) => g.id === s.example.storyId)?.title).toBe(s.example.title);
    }
  });

  it('ranks by story count and gives the newest story as the example', () => {
    const got = suggestAliases(yunfan, stories(['Yunfan Data sues Hsu Chen-yu'], ['云帆数据起诉许振宇'], ['云帆数据与许振宇'], ['云帆数据：许振宇']));
    expect(got.map((s) => [s.alias, s.stories])).toEqual([
      ['许振宇', 3],
      ['Hsu Chen-yu', 1],
    ]);
    expect(got[0]!.example).toEqual({ storyId: 4, title: '云帆数据：许振宇' });
  });

  it(`offers at most ${MAX_SUGGESTIONS_PER_PARTY} per party`, () => {
    const kana = ['ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ'];
    const many = stories(...kana.map((k, i): [string] => [`Fathom Robotics（ファゾム${k}${'ス'.repeat(i + 1)}）`]));
    expect(suggestAliases(fathom, many)).toHaveLength(MAX_SUGGESTIONS_PER_PARTY);
  });

  it('keeps party indices of the definition when a party has no usable name', () => {
    const def = caseOf([p('—', 'other'), p('Yunfan Data', 'plaintiff', ['云帆数据']), p('Xu Zhenyu', 'defendant')]);
    expect(suggestAliases(def, stories(['云帆数据起诉许振宇'])).map((s) => [s.party, s.alias])).toEqual([[2, '许振宇']]);
  });
});
