import { describe, expect, it } from 'vitest';
import { articleExcerpt, MAX_EXCERPT_CHARS } from '../../../core/article/excerpt.ts';
import { splitSentences } from '../../../core/article/sentences.ts';

const ENGLISH = [
  'A district court in Beijing on Tuesday heard the first day of arguments in a closely watched lawsuit. ' +
    'The hearing lasted more than three hours.',
  'Reporters were allowed into the gallery. They were barred from recording. Mr. Tian did not speak to them.',
  'The plaintiff, ByteDance, accuses former intern Tian Keyu of inserting malicious code into a shared pipeline. ' +
    'The company is seeking 8 million yuan in damages. Lawyers for the intern say the logs are incomplete. ' +
    'A ruling is expected next year.',
].join('\n\n');

const CHINESE = [
  '北京市海淀区人民法院12月1日开庭审理了一起备受关注的案件。庭审持续约三个小时。',
  '原告北京字节跳动科技有限公司起诉其前实习生田柯宇！原告请求赔偿800万元。被告认为日志记录不完整？法院未当庭宣判。',
].join('\n\n');

const JAPANESE =
  '北京の裁判所で1日、審理が開かれた。訴えたのはバイトダンス（字節跳動）。元インターンの田柯宇氏がコードを改ざんしたと主張している。' +
  '被告側は「ログは不完全だ」と反論した。判決日は未定だ。';

describe('articleExcerpt', () => {
  const cases: [string, string, string[], number | undefined, string | null][] = [
    ['the mention sentence with the one before and after', ENGLISH, ['Tian Keyu'], undefined,
      'The plaintiff, ByteDance, accuses former intern Tian Keyu of inserting malicious code into a shared pipeline. ' +
        'The company is seeking 8 million yuan in damages. Lawyers for the intern say the logs are incomplete.'],
    ['the first mention of any term wins', ENGLISH, ['Tian Keyu', 'Mr. Tian'], 2,
      'They were barred from recording. Mr. Tian did not speak to them.'],
    ['case-insensitive', ENGLISH, ['BYTEDANCE'], 1,
      'The plaintiff, ByteDance, accuses former intern Tian Keyu of inserting malicious code into a shared pipeline.'],
    ['full-width term', ENGLISH, ['Ｂｙｔｅ\u3000Ｄａｎｃｅ', 'ＢｙｔｅＤａｎｃｅ'], 1,
      'The plaintiff, ByteDance, accuses former intern Tian Keyu of inserting malicious code into a shared pipeline.'],
    ['reversed name order is a different term', ENGLISH, ['Keyu Tian'], 3, null],
    ['whole words only: a term inside a longer word is no mention', ENGLISH, ['Byte', 'plain'], 3, null],
    ['Chinese, around 。！？', CHINESE, ['田柯宇'], 3,
      '原告北京字节跳动科技有限公司起诉其前实习生田柯宇！原告请求赔偿800万元。被告认为日志记录不完整？'],
    ['Chinese, traditional characters in the term', CHINESE, ['字節跳動'], 2,
      '原告北京字节跳动科技有限公司起诉其前实习生田柯宇！原告请求赔偿800万元。'],
    ['Chinese, a term inside a run of characters', CHINESE, ['字节跳动'], 1, '原告北京字节跳动科技有限公司起诉其前实习生田柯宇！'],
    ['Japanese, a quote stays with its sentence', JAPANESE, ['田柯宇'], 3,
      '訴えたのはバイトダンス（字節跳動）。元インターンの田柯宇氏がコードを改ざんしたと主張している。被告側は「ログは不完全だ」と反論した。'],
    ['Japanese, half-width katakana term', JAPANESE, ['ﾊﾞｲﾄﾀﾞﾝｽ'], 1, '訴えたのはバイトダンス（字節跳動）。'],
    ['no term occurs', ENGLISH, ['Halcyon Freight'], undefined, null],
    ['no terms', ENGLISH, [], undefined, null],
    ['terms without letters', ENGLISH, ['', ' ', '—'], undefined, null],
    ['empty text', '', ['Tian Keyu'], undefined, null],
  ];

  it.each(cases)('%s', (_name, text, terms, max, expected) => {
    expect(articleExcerpt(text, terms, max)).toBe(expected);
  });

  it('diacritics do not matter either way', () => {
    const text = 'The hearing opened on Monday. Jürgen Müller, the judge, asked for the logs. Then the court rose.';
    expect(articleExcerpt(text, ['Jurgen Muller'], 1)).toBe('Jürgen Müller, the judge, asked for the logs.');
    expect(articleExcerpt('Zoe Lefevre sued the company in Paris.', ['Zoé Lefèvre'], 1))
      .toBe('Zoe Lefevre sued the company in Paris.');
  });

  it('stays in the mention paragraph first, then reads on into the next', () => {
    const text = 'Intro one. Intro two.\n\nByteDance sued the intern.\n\nThe hearing lasted three hours. A ruling is due.';
    expect(articleExcerpt(text, ['ByteDance']))
      .toBe('ByteDance sued the intern. The hearing lasted three hours. A ruling is due.');
  });

  it('a mention in the last sentence takes the sentences before it', () => {
    expect(articleExcerpt('One is here. Two is here. Three names ByteDance.', ['bytedance']))
      .toBe('One is here. Two is here. Three names ByteDance.');
  });

  it('keeps long excerpts short, and cuts an endless sentence around the mention', () => {
    const long = `${'The court heard evidence about the cluster and its logs for many hours, '.repeat(12)}then ByteDance ` +
      `rested its case, ${'and the defence began its reply about the logs and the cluster, '.repeat(12)}finally.`;
    const excerpt = articleExcerpt(`Before. ${long} After.`, ['ByteDance'])!;
    expect(excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS + 2);
    expect(excerpt).toContain('ByteDance');
    expect(excerpt).toMatch(/^….*…$/s);
    const cjk = `${'法院审理了相关证据材料'.repeat(60)}字节跳动${'被告方提出了异议意见'.repeat(60)}。`;
    const clipped = articleExcerpt(cjk, ['字节跳动'])!;
    expect(clipped).toContain('字节跳动');
    expect(clipped.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS + 2);
  });

  it('drops the farthest sentences when three would be too long', () => {
    const filler = 'x'.repeat(300);
    const text = `First ${filler}. Second names ByteDance. Third ${filler}.`;
    expect(articleExcerpt(text, ['ByteDance'])).toBe(`First ${filler}. Second names ByteDance.`);
  });
});

describe('splitSentences', () => {
  const cases: [string, string, string[]][] = [
    ['abbreviations do not end a sentence', 'Mr. Tian sued ByteDance Inc. in Beijing. Dr. Li of the U.S. firm testified.',
      ['Mr. Tian sued ByteDance Inc. in Beijing.', 'Dr. Li of the U.S. firm testified.']],
    ['a quoted exclamation goes on with "he said"', '"Enough!" he said. Then he left.',
      ['"Enough!" he said.', 'Then he left.']],
    ['decimals and sums', 'The firm sought $1.1 million. It got 8.5 million yuan.', ['The firm sought $1.1 million.',
      'It got 8.5 million yuan.']],
    ['CJK punctuation needs no space', '法院开庭。原告起诉！被告认为不完整？', ['法院开庭。', '原告起诉！', '被告认为不完整？']],
    ['an opening bracket starts the next sentence', '被告认为不完整？「判決は後日」と述べた。', ['被告认为不完整？', '「判決は後日」と述べた。']],
    ['line breaks end sentences', 'Headline without a stop\nFirst sentence.',
      ['Headline without a stop', 'First sentence.']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(splitSentences(text).map((s) => s.text)).toEqual(expected);
  });

  it('numbers paragraphs by blank lines', () => {
    expect(splitSentences('One. Two.\n\nThree.').map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });
});
