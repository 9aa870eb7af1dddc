// Character pairs of CJK runs: what the 2-character-name index stores and looks up.
import { describe, expect, it } from 'vitest';
import { cjkBigrams, isCjkPair } from '../../../core/matching/cjkBigrams.ts';

describe('cjkBigrams', () => {
  it.each([
    ['赵明亮说', '赵明 明亮 亮说'],
    ['ByteDance (字节跳动) sued 田柯宇.', '字节 节跳 跳动 田柯 柯宇'],
    ['東京地裁が判決', '東京 京地 地裁 裁が が判 判決'],
    ['삼성전자 소송', '삼성 성전 전자 소송'],
    ['ｶﾀｶﾅ', 'カタ タカ カナ'], // half-width katakana, as NFKC gives it
    ['佐々木', '佐々 々木'],
    ['赵 明', ''], // a space breaks the run
    ['赵', ''],
    ['Tian Keyu v. ByteDance', ''],
    ['', ''],
  ])('%s → %s', (text, pairs) => {
    expect(cjkBigrams(text)).toBe(pairs);
  });
});

describe('isCjkPair', () => {
  it.each([
    ['赵明', true],
    ['田中', true],
    ['ｶﾀ', true],
    ['赵', false],
    ['赵明亮', false],
    ['HP', false],
    ['3M', false],
    ['赵M', false],
  ])('%s → %s', (term, expected) => {
    expect(isCjkPair(term)).toBe(expected);
  });
});
