// Which stories get their article read: teasers a case may need, per the feed's setting.
import { describe, expect, it } from 'vitest';
import { isTeaser } from '../../../core/article/teaser.ts';
import { Matcher } from '../../../core/matching/matcher.ts';
import type { ArticleCandidate } from '../../../db/articles.ts';
import { chooseArticle } from '../../../jobs/articles/chooseArticle.ts';

const matcher = Matcher.compile([
  {
    id: 1,
    title: 'ByteDance v. Tian Keyu',
    court: "Haidian District People's Court",
    keywords: [],
    exclude: [],
    parties: [
      { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
      { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
    ],
  },
]);

const LONG = 'The hearing went on for hours as lawyers argued about the logs and who had access to them. '.repeat(4);
const story = (over: Partial<ArticleCandidate>): ArticleCandidate => ({
  id: 1, feedId: 1, url: 'https://news.example.com/a', title: 'ByteDance suit against former intern heard', summary: 'A short teaser.', fullText: 'auto', ...over,
});

describe('isTeaser', () => {
  it.each([
    ['a sentence', { title: 'T', summary: 'One short sentence.', url: null }, true],
    ['the headline again', { title: 'Court hears suit', summary: 'Court hears suit', url: null }, true],
    ['several paragraphs', { title: 'T', summary: LONG, url: null }, false],
    ['120 Chinese characters', { title: 'T', summary: '法'.repeat(120), url: null }, false],
    ['80 Chinese characters', { title: 'T', summary: '法'.repeat(80), url: null }, true],
    ['a Bing link, whatever its text', { title: 'T', summary: LONG, url: 'https://www.bing.com/news/apiclick.aspx?url=https%3A%2F%2Fx.example%2Fa' }, true],
  ])('%s', (_label, s, expected) => expect(isTeaser(s)).toBe(expected));
});

describe('chooseArticle', () => {
  it.each([
    ['a teaser naming a party, not sure', story({}), { kind: 'fetch' }],
    ['a teaser naming the case court only', story({ title: 'Beijing court hears intern suit', summary: "The Haidian District People's Court heard it." }), { kind: 'fetch' }],
    ['a teaser that names no case', story({ title: 'Snow in Beijing' }), { kind: 'none', reason: 'no case could use it' }],
    ['a story the matcher is sure of', story({ title: 'ByteDance sues former intern Tian Keyu', summary: "ByteDance sued Tian Keyu at the Haidian District People's Court." }), { kind: 'none', reason: 'no case could use it' }],
    ['a full story', story({ summary: `ByteDance. ${LONG}` }), { kind: 'none', reason: 'the feed gives more than a teaser' }],
    ['no link', story({ url: null }), { kind: 'none', reason: 'the story has no link' }],
    ['a feed set to always, even with no case', story({ title: 'Snow in Beijing', summary: LONG, fullText: 'always' }), { kind: 'fetch' }],
    ['a feed set to never, where auto would read', story({ fullText: 'never' }), { kind: 'skipped', reason: 'full text is off for this feed' }],
    ['a feed set to never, where auto would not read', story({ title: 'Snow in Beijing', fullText: 'never' }), { kind: 'none', reason: 'no case could use it' }],
  ] as const)('%s', (_label, s, expected) => expect(chooseArticle(s, matcher)).toEqual(expected));
});
