// The news-search feed URLs built from a case's names, per language edition.
import { describe, expect, it } from 'vitest';
import { searchFeedsForCase } from '../../core/searchFeeds.ts';

const bytedance = {
  id: 1,
  title: 'ByteDance v. Tian Keyu',
  parties: [
    { name: 'ByteDance', role: 'plaintiff' as const, aliases: ['字节跳动', 'Bytedance Ltd.'] },
    { name: 'Tian Keyu', role: 'defendant' as const, aliases: ['田柯宇'] },
  ],
  keywords: ['sabotage'],
  exclude: [],
};

describe('searchFeedsForCase', () => {
  it('builds Google News and Bing News searches in English and, for Chinese aliases, zh-CN', () => {
    const feeds = searchFeedsForCase(bytedance);
    const urls = feeds.map((f) => new URL(f.url));
    expect(urls.map((u) => `${u.host} ${u.searchParams.get('hl') ?? u.searchParams.get('mkt')}`)).toEqual([
      'news.google.com en-US',
      'www.bing.com en-US',
      'news.google.com zh-CN',
      'www.bing.com zh-CN',
    ]);
    expect(urls[0]!.searchParams.get('q')).toBe('("ByteDance" OR "Bytedance Ltd.") "Tian Keyu"');
    expect(urls[0]!.searchParams.get('ceid')).toBe('US:en');
    expect(urls[2]!.searchParams.get('q')).toBe('"字节跳动" "田柯宇"');
    expect(urls[2]!.searchParams.get('ceid')).toBe('CN:zh-Hans');
    expect(urls[1]!.searchParams.get('format')).toBe('rss');
    expect(feeds[2]!.title).toBe('Google News (中文): ByteDance v. Tian Keyu');
  });

  it('adds Japanese and Korean editions only when names in those scripts exist', () => {
    const feeds = searchFeedsForCase({ ...bytedance, parties: [{ name: 'Sony', role: 'plaintiff', aliases: ['ソニー', '소니'] }] });
    expect(feeds.map((f) => new URL(f.url).searchParams.get('mkt') ?? new URL(f.url).searchParams.get('hl'))).toEqual(['en-US', 'en-US', 'ja', 'ja-JP', 'ko', 'ko-KR']);
  });

  it('strips quotes from names so they cannot break the query', () => {
    const feeds = searchFeedsForCase({ ...bytedance, parties: [{ name: 'The "Best" Co', role: 'plaintiff', aliases: [] }] });
    expect(new URL(feeds[0]!.url).searchParams.get('q')).toBe('"The Best Co"');
  });
});
