import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from '../../../core/matching/normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['Société Générale', 'societe generale'],
    ['Havørn Vind', 'havorn vind'],
    ['Søren Kjærgaard', 'soren kjaergaard'],
    ['Straße', 'strasse'],
    ['Ålborg Œuvre', 'alborg oeuvre'],
    ['Łódź Đorđe', 'lodz dorde'],
    ['Nguyễn Thị', 'nguyen thi'],
    ['ＢｙｔｅＤａｎｃｅ　１２３', 'bytedance 123'],
    ['ｶﾀｶﾅ', 'カタカナ'],
    ['ByteDance’s “owner”', 'bytedance\'s "owner"'],
    ['a‐b‑c–d—e−f', 'a-b-c-d-e-f'],
    ['  many \t\n  spaces  ', 'many spaces'],
    ['Byte\u00ADDance Tian\u200BKeyu', 'bytedance tiankeyu'],
    ['字節跳動 訴訟 賠償', '字节跳动 诉讼 赔偿'],
    ['Москва Ёлка', 'москва ёлка'],
    ['ΟΔΟΣ', 'οδοσ'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const s of ['Société ＢｙｔｅＤａｎｃｅ’s — 字節跳動', 'Kjærgaard Straße', 'ｶﾀｶﾅ Ёлка']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
});

describe('tokenize', () => {
  it.each([
    ["ByteDance's lawsuit", ['bytedance', 's', 'lawsuit']],
    ['Tian-Keyu, 2024', ['tian', 'keyu', '2024']],
    ['星河云图起诉', ['星', '河', '云', '图', '起', '诉']],
    ['ByteDance字节跳动', ['bytedance', '字', '节', '跳', '动']],
    ['索赔260万元', ['索', '赔', '260', '万', '元']],
    ['トヨタ自動車', ['ト', 'ヨ', 'タ', '自', '动', '车']],
    ['サーバー', ['サ', 'ー', 'バ', 'ー']],
    ['삼성전자가', ['삼', '성', '전', '자', '가']],
    ['Havørn A/S', ['havorn', 'a', 's']],
    ['C. V. Raman', ['c', 'v', 'raman']],
    ['Müller & Söhne GmbH', ['muller', 'sohne', 'gmbh']],
    ['Москва-Сити', ['москва', 'сити']],
    ['', []],
  ])('%s', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });
});
