import { describe, expect, it } from 'vitest';
import { fold, stripSummaryDecorations, stripTitleDecorations, tokens } from '../../../core/timeline/copyText.ts';
import { containment, decodeSketch, encodeSketch, jaccard, shingles, sketchOf, sketchTokens } from '../../../core/timeline/sketch.ts';
import { rng } from '../../helpers/rng.ts';

describe('stripTitleDecorations', () => {
  const HEADLINE = 'San Diego genomics firm sues former data scientist';
  it.each([
    [`UPDATE 1-${HEADLINE}`],
    [`UPDATE 2-${HEADLINE}`],
    [`EXCLUSIVE-${HEADLINE}`],
    [`REFILE-UPDATE 1-${HEADLINE}`],
    [`${HEADLINE} - Nordic Ledger`],
    [`${HEADLINE} | Reuters`],
    [`${HEADLINE} — The Northern Courier`],
    [`${HEADLINE} - law360.com`],
    [`${HEADLINE} (Reuters)`],
    [`[Wireline] ${HEADLINE}`],
    [`UPDATE 1-${HEADLINE} - Nordic Ledger`],
  ])('%s', (title) => {
    expect(stripTitleDecorations(title)).toBe(HEADLINE);
  });

  it('strips a suffix that names the story’s own source even when it is not title case', () => {
    expect(stripTitleDecorations(`${HEADLINE} - the daily brief`, 'The Daily Brief')).toBe(HEADLINE);
  });

  it.each([
    ['青岚机器人起诉前工程师李文博_财经快讯网', '青岚机器人起诉前工程师李文博'],
    ['【独家】青岚机器人起诉前工程师李文博', '青岚机器人起诉前工程师李文博'],
    ['青岚机器人起诉前工程师李文博（组图）', '青岚机器人起诉前工程师李文博'],
  ])('Chinese: %s', (title, expected) => {
    expect(stripTitleDecorations(title)).toBe(expected);
  });

  it.each([
    ['Court rules - appeal expected'],
    ['Havørn Vind v. Kjærgaard: ruling due in October'],
    ['Update on the Halcyon case'],
  ])('keeps headline text: %s', (title) => {
    expect(stripTitleDecorations(title)).toBe(title);
  });
});

describe('stripSummaryDecorations and fold', () => {
  it('drops wire datelines and reporting credits', () => {
    expect(stripSummaryDecorations('LONDON, Feb 12 (Wireline) - Brightwater has sued. (Reporting by Anna Field; Editing by Mark Jones)')).toBe('Brightwater has sued.');
    expect(stripSummaryDecorations('（记者 王芳）青岚机器人提起诉讼。来源：江南商报')).toBe('青岚机器人提起诉讼。');
  });

  it('folds case, accents, Nordic letters, punctuation and digit grouping', () => {
    expect(fold('Havørn Vind — Søren KJÆRGAARD, “1.1 million”')).toBe('havorn vind soren kjaergaard 11 million');
    expect(fold('Havorn Vind')).toBe(fold('Havørn Vind'));
  });

  it('makes a token of each CJK character and of each word elsewhere', () => {
    expect(tokens(fold('星河云图 sues 赵明轩 for 110万元'))).toEqual(['星', '河', '云', '图', 'sues', '赵', '明', '轩', 'for', '110', '万', '元']);
  });
});

describe('bottom-k sketches', () => {
  const set = (words: string) => shingles(words.split(' '), 1);

  it('is exact for small sets', () => {
    const a = sketchOf(set('a b c d'), 32);
    const b = sketchOf(set('c d e f'), 32);
    expect(jaccard(a, b)).toBeCloseTo(2 / 6);
    expect(containment(a, b)).toBeCloseTo(0.5);
    expect(jaccard(a, sketchOf(new Set(), 32))).toBe(0);
  });

  it('estimates large sets within a few points', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
    const a = sketchOf(new Set(words.slice(0, 600)), 128);
    const b = sketchOf(new Set(words.slice(300, 900)), 128);
    expect(jaccard(a, b)).toBeGreaterThan(0.33 - 0.1);
    expect(jaccard(a, b)).toBeLessThan(0.33 + 0.1);
  });

  it('survives encoding and decoding unchanged', () => {
    const s = sketchOf(set('the quick brown fox jumps over the lazy dog'), 32);
    const back = decodeSketch(encodeSketch(s));
    expect(back?.size).toBe(s.size);
    expect([...back!.hashes]).toEqual([...s.hashes]);
    expect(decodeSketch('not a sketch')).toBeNull();
  });

  it('sketches tokens without building shingles exactly as sketchOf(shingles(...)) does', () => {
    const random = rng(17);
    const words = ['court', 'sues', 'Nordlys', '北', '京', '法', '院', '8', 'million', 'yuan', 'the', 'a', 'Ø', 'x'];
    for (let n = 0; n < 300; n++) {
      const list = Array.from({ length: Math.floor(random() * 60) }, () => words[Math.floor(random() * words.length)]!);
      for (const [k, keep] of [[3, 16], [5, 64], [1, 8]] as const) {
        const slow = sketchOf(shingles(list, k), keep);
        const fast = sketchTokens(list, k, keep);
        expect(fast.size).toBe(slow.size);
        expect([...fast.hashes]).toEqual([...slow.hashes]);
      }
    }
  });

  it('folds plain ASCII on its fast path exactly as the full pipeline does', () => {
    const random = rng(5);
    const full = (t: string) => t.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/(\d)[.,'\u00a0\u202f ](?=\d)/g, '$1').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: Math.floor(random() * 80) }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
      expect(fold(text)).toBe(full(text));
    }
    expect(fold('Havørn sued: 1.1 million')).toBe(fold('Havorn sued: 1,1 million'));
  });

  it('makes one shingle of a text shorter than the shingle size and none of an empty one', () => {
    expect([...shingles(['a', 'b'], 3)]).toEqual(['a b']);
    expect(shingles([], 3).size).toBe(0);
  });
});
