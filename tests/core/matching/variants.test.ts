import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from '../../../core/matching/normalize.ts';
import { plainWadeGiles, wadeGiles } from '../../../core/matching/romanise.ts';
import {
  anonymisedForms,
  hanSyllables,
  MAX_NAME_VARIANTS,
  nameVariants,
  splitPinyin,
  type VariantKind,
} from '../../../core/matching/variants.ts';

const person = { person: true };
const company = { person: false };
type Opts = typeof person;

function textsOf(name: string, opts: Opts, kind?: VariantKind): string[] {
  return nameVariants(name, opts)
    .filter((v) => kind === undefined || v.kind === kind)
    .map((v) => v.text);
}

const keyOf = (text: string) => tokenize(text).join(' ');

/**
 * Rows: name, options, spellings the kind must produce (null: the kind produces nothing at all), and
 * look-alikes no kind may produce.
 */
type Row = [name: string, opts: Opts, produced: string[] | null, notProduced: string[]];

function checkKind(kind: VariantKind, rows: Row[]) {
  it.each(rows)('%s', (name, opts, produced, notProduced) => {
    const ofKind = textsOf(name, opts, kind);
    if (produced === null) expect(ofKind).toEqual([]);
    for (const text of produced ?? []) expect(ofKind).toContain(text);
    const all = textsOf(name, opts);
    for (const text of notProduced) expect(all).not.toContain(text);
  });
}

describe('transliteration', () => {
  checkKind('transliteration', [
    ['Müller', person, ['Mueller'], []],
    ['Timo Rößler', person, ['Timo Roessler'], []],
    ['Rössler', person, ['Roessler'], []],
    ['Mueller', person, ['Müller'], []],
    ['Goethe Schaefer', company, ['Göthe Schäfer'], []],
    ['Havørn Vind', company, ['Havoern Vind'], []],
    ['Ålborg Kjærgaard', company, ['Aalborg Kjaergaard'], []],
    // ß alone and æ alone spell out to what normalization already gives: nothing new.
    ['Strauß', person, null, ['Strauss']],
    ['Kjærgaard', person, null, ['Kjaergaard']],
    // Look-alikes: ae/oe/ue that are not umlauts.
    ['Michael Samuel', person, null, ['Michäl Samül']],
    ['Joel Noel', person, null, ['Jöl Nöl']],
    ['Adaeze Okafor', person, null, ['Adäze Okafor']],
    ['Boeing', company, null, ['Böing']],
    ['Queen Miguel', person, null, ['Qüen Migül']],
    ['Daewoo', company, null, ['Däwoo']],
    ['Aerospace Zoe', company, null, ['Ärospace Zoe']],
  ]);
});

describe('long-vowel', () => {
  checkKind('long-vowel', [
    ['Ryota Endo', person, ['Ryohta Endoh', 'Ryouta Endou', 'Ryoota Endoo', 'Ryota Endoh'], []],
    ['Ryōta Endō', person, ['Ryohta Endoh', 'Ryouta Endou', 'Ryoota Endoo'], ['Ryota Endo']],
    ['Shirane Kogyo', company, ['Shirane Kougyou', 'Shirane Kohgyoh'], ['Shirane Kōgyō']],
    ['Shirane Kougyou', company, ['Shirane Kogyo', 'Shirane Kohgyoh', 'Shirane Koogyoo'], []],
    ['Ono', person, ['Ohno', 'Oono'], []],
    ['Ōno', person, ['Ohno', 'Ouno', 'Oono'], ['Ono']],
    ['Yuki Kouno', person, ['Yuki Kono', 'Yuki Kohno'], ['Yuuki Kouno']],
    ['Yuki Sato', person, ['Yuuki Satou', 'Yuki Satoh'], []],
    // Look-alikes: not every word Hepburn (f, l, r alone, th), or no plausible long vowel.
    ['Okafor', person, null, ['Okafour', 'Ohkafor']],
    ['Delgado', person, null, ['Delgadou']],
    ['Fathom', company, null, []],
    ['Adaeze Okafor', person, null, []],
    ['Mario Rossi', person, null, ['Mario Roussi']],
    ['Suzuki', company, null, ['Suuzuki']],
    ['Inoue', person, null, ['Inohue', 'Inooue']],
  ]);

  it('keeps at most 16 spellings per name', () => {
    for (const name of ['Tokyo Kogyo Shoko Kyodo', 'Ono', 'Toyota Jidosha']) {
      expect(textsOf(name, company, 'long-vowel').length).toBeLessThanOrEqual(16);
    }
  });
});

describe('given-name', () => {
  checkKind('given-name', [
    ['Jang Seung-ho', person, ['Jang Seungho', 'Seung-ho Jang', 'Seungho Jang'], []],
    ['Xu Zhenyu', person, ['Zhenyu Xu', 'Xu Zhen-yu', 'Zhen-yu Xu'], []],
    ['Xie Jiahao', person, ['Xie Jia-hao', 'Jia-hao Xie', 'Jiahao Xie'], []],
    ['Xie Jia-hao', person, ['Xie Jiahao', 'Jia-hao Xie'], []],
    ['Kai Delgado-Reyes', person, ['Delgado-Reyes Kai'], ['Kai Delgadoreyes']],
    // Same tokens as the name (hyphen and space both separate tokens): left out by contract.
    ['Jang Seung-ho', person, [], ['Jang Seung Ho']],
    ['Kai Delgado-Reyes', person, [], ['Kai Delgado Reyes']],
    // A capital after the hyphen is a double name, not a romanised given name.
    ['Jean-Pierre Martin', person, ['Martin Jean-Pierre'], ['Jeanpierre Martin']],
    // Persons only; single words have nothing to reorder.
    ['Halcyon Genomics', company, null, ['Genomics Halcyon']],
    ['Okafor', person, null, []],
  ]);
});

describe('initial', () => {
  checkKind('initial', [
    ['Adaeze Okafor', person, ['A. Okafor'], []],
    ['Kai Delgado-Reyes', person, ['K. Delgado-Reyes'], []],
    ['Timo Rößler', person, ['T. Rößler'], []],
    ['Maria Luisa Gomez', person, ['M. Luisa Gomez', 'M. L. Gomez'], []],
    // "A Okafor" has the same tokens as "A. Okafor".
    ['Adaeze Okafor', person, [], ['A Okafor']],
    // Not for single words, companies, or names written surname first.
    ['Okafor', person, null, []],
    ['Halcyon Genomics', company, null, ['H. Genomics']],
    ['Xu Zhenyu', person, null, ['X. Zhenyu']],
    ['Jang Seung-ho', person, null, ['J. Seung-ho']],
    ['A. Okafor', person, null, []],
  ]);
});

describe('wade-giles', () => {
  it.each([
    ['xu', 'hsü'], ['zhen', 'chen'], ['yu', 'yü'], ['xie', 'hsieh'], ['jia', 'chia'], ['hao', 'hao'],
    ['zhong', 'chung'], ['qing', "ch'ing"], ['zi', 'tzu'], ['ci', "tz'u"], ['si', 'ssu'], ['shi', 'shih'],
    ['chi', "ch'ih"], ['ri', 'jih'], ['zhi', 'chih'], ['ge', 'ko'], ['ke', "k'o"], ['he', 'ho'], ['guo', 'kuo'],
    ['zuo', 'tso'], ['jiang', 'chiang'], ['xian', 'hsien'], ['you', 'yu'], ['er', 'erh'], ['rong', 'jung'],
    ['gui', 'kuei'], ['cheng', "ch'eng"], ['de', 'te'], ['bei', 'pei'], ['peng', "p'eng"], ['cao', "ts'ao"],
    ['jue', 'chüeh'], ['lve', 'lüeh'], ['qu', "ch'ü"], ['zhuo', 'cho'], ['shuo', 'shuo'], ['yan', 'yen'],
    ['ye', 'yeh'], ['yue', 'yüeh'], ['xiong', 'hsiung'], ['wang', 'wang'], ['li', 'li'], ['an', 'an'],
  ])('%s -> %s', (pinyin, expected) => {
    expect(wadeGiles(pinyin)).toBe(expected);
  });

  it.each([
    ['ching', 'qing'], ['hsu', 'xu'], ['tzu', 'ci'], ['chueh', 'jue'],
  ])('drops apostrophes and umlauts for matching: %s', (plain, pinyin) => {
    expect(plainWadeGiles(pinyin)).toBe(plain);
  });

  checkKind('wade-giles', [
    ['Xu Zhenyu', person, ['Hsu Chen-yu', 'Hsu Chenyu', 'Chen-yu Hsu'], []],
    ['Xie Jiahao', person, ['Hsieh Chia-hao', 'Chia-hao Hsieh'], []],
    ['Xie Jia-hao', person, ['Hsieh Chia-hao'], []],
    ['许振宇', person, ['Hsu Chen-yu'], []],
    // Not pinyin: "lee" would need an apostrophe (le'e), "okafor" has no syllables; companies never.
    ['Anna Lee', person, null, []],
    ['Adaeze Okafor', person, null, []],
    ['Jang Seung-ho', person, null, []],
    ['Xu Zhenyu', company, null, ['Hsu Chen-yu']],
  ]);
});

describe('pinyin (from Han characters)', () => {
  checkKind('pinyin', [
    ['谢嘉豪', person, ['Xie Jiahao', 'Jiahao Xie', 'Xie Jia-hao', 'Jia-hao Xie'], []],
    ['許振宇', person, ['Xu Zhenyu', 'Zhenyu Xu'], []],
    ['单雄信', person, ['Shan Xiongxin'], ['Dan Xiongxin']],
    ['欧阳明', person, ['Ouyang Ming', 'Ming Ouyang'], ['Ou Yangming']],
    ['吕方', person, ['Lü Fang'], []],
    ['澄芯科技', company, ['Chengxin', 'Cheng Xin', 'Chengxin Technology'], []],
    ['无锡澄芯科技有限公司', company, ['Chengxin', 'Cheng Xin', 'Chengxin Technology'], ['Wuxi']],
    ['北京云帆数据科技有限公司', company, ['Yunfan', 'Yun Fan', 'Yunfan Data'], ['Beijing']],
    ['景鸿精密', company, ['Jinghong', 'Jinghong Precision'], []],
    // The distinctive part is a city: its bare pinyin would match every story about Shanghai.
    ['上海银行', company, ['Shanghai Bank'], ['Shanghai']],
    // Japanese names are not read in pinyin; four characters without a compound surname are not Chinese names.
    ['渡辺', person, null, ['Du Dao', 'Du Bian']],
    ['遠藤涼太', person, null, []],
    ['トヨタ自動車', company, null, []],
    ['白根工業株式会社', company, null, []],
  ]);
});

describe('script', () => {
  checkKind('script', [
    ['渡边', person, ['渡辺'], []],
    ['渡辺', person, ['渡邊'], []],
    ['沢田', person, ['澤田'], []],
    ['锺明', person, ['鍾明'], []],
    // Traditional forms normalizeText already folds to the input add nothing (the story matches as is).
    ['景鸿精密', company, null, ['景鴻精密']],
    ['遠藤涼太', person, null, ['远藤凉太']],
    ['白根工業', company, null, ['白根工业']],
    // Ordinary Chinese characters the shinjitai table rewrites are not read as Japanese.
    ['王芸', person, null, ['王藝', '王艺']],
    ['Müller', person, null, []],
  ]);
});

describe('han', () => {
  it('is never produced: a pinyin watch meets Han text through hanSyllables at match time', () => {
    for (const name of ['Xu Zhenyu', 'Xie Jiahao', 'Chengxin', '谢嘉豪', '澄芯科技']) {
      expect(textsOf(name, person, 'han')).toEqual([]);
      expect(textsOf(name, company, 'han')).toEqual([]);
    }
  });
});

describe('nameVariants invariants', () => {
  const names: [string, Opts][] = [
    ['Timo Rößler', person], ['Ryōta Endō', person], ['Ryota Endo', person], ['Shirane Kogyo', company],
    ['Jang Seung-ho', person], ['Kai Delgado-Reyes', person], ['Xu Zhenyu', person], ['Xie Jiahao', person],
    ['谢嘉豪', person], ['无锡澄芯科技有限公司', company], ['渡边', person], ['Adaeze Okafor', person],
    ['Tokyo Kogyo Shoko Kyodo Kaihatsu', company], ['', person], ['   ', company],
  ];

  it.each(names)('%s: not itself, no token duplicates, bounded', (name, opts) => {
    const variants = nameVariants(name, opts);
    const keys = variants.map((v) => keyOf(v.text));
    expect(keys).not.toContain(keyOf(name));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k !== '')).toBe(true);
    expect(variants.length).toBeLessThanOrEqual(MAX_NAME_VARIANTS);
  });

  it('needs nothing for full-width Latin: NFKC already folds it', () => {
    expect(normalizeText('Ｆａｔｈｏｍ')).toBe(normalizeText('Fathom'));
  });
});

describe('anonymisedForms', () => {
  it.each([
    ['许振宇', person, ['许某']],
    ['欧阳明', person, ['欧阳某']],
    ['Timo Rößler', person, ['Timo R.']],
    ['Adaeze Okafor', person, ['Adaeze O.']],
    ['Jang Seung-ho', person, ['Seung-ho J.']],
    // Companies are anonymised elsewhere; pinyin names have no known order; single words have no surname.
    ['北京云帆数据科技有限公司', company, []],
    ['Halcyon Genomics', company, []],
    ['Xu Zhenyu', person, []],
    ['Okafor', person, []],
    ['遠藤涼太', person, []],
  ] as [string, Opts, string[]][])('%s -> %j', (name, opts, expected) => {
    expect(anonymisedForms(name, opts)).toEqual(expected);
  });
});

describe('hanSyllables', () => {
  it.each([
    ['谢嘉豪', ['xie', 'jia', 'hao']],
    ['許振宇', ['xu', 'zhen', 'yu']],
    ['吕女', ['lv', 'nv']],
    ['澄芯 A-1', ['cheng', 'xin', null, null, null, null]],
    ['', []],
  ] as [string, (string | null)[]][])('%s', (text, expected) => {
    expect(hanSyllables(text)).toEqual(expected);
  });

  it('gives one entry per code point, also outside the BMP', () => {
    const got = hanSyllables('𠀋x');
    expect(got).toHaveLength(2);
    expect(got[1]).toBeNull();
  });
});

describe('splitPinyin', () => {
  it.each([
    ['Zhenyu', ['zhen', 'yu']],
    ['Xu Zhenyu', ['xu', 'zhen', 'yu']],
    ['Jia-hao', ['jia', 'hao']],
    ['Chengxin', ['cheng', 'xin']],
    ['Xian', ['xian']],
    ["Xi'an", ['xi', 'an']],
    ['Zhenan', ['zhe', 'nan']], // zhen-an would need an apostrophe
    ['Lǚ Bù', ['lv', 'bu']],
    ['OUYANG', ['ou', 'yang']],
    ['Okafor', null],
    ['Fathom', null],
    ['Lee', null],
    ['Mia', null],
    ['Rößler', null],
    ['', null],
  ] as [string, string[] | null][])('%s -> %j', (name, expected) => {
    expect(splitPinyin(name)).toEqual(expected);
  });
});
