// The news-search feed URLs built from a case's names, per language edition.
import { describe, expect, it } from 'vitest';
import { planSearchFeedSync, searchFeedKey, searchFeedsForCase } from '../../core/searchFeeds.ts';

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

describe('searchFeedKey', () => {
  it('reads back the key of every URL searchFeedsForCase builds', () => {
    const feeds = searchFeedsForCase({ ...bytedance, parties: [{ name: 'Sony', role: 'plaintiff', aliases: ['ソニー', '소니', '索尼'] }] });
    expect(feeds.map((f) => f.key)).toEqual(['google:en-US', 'bing:en-US', 'google:zh-CN', 'bing:zh-CN', 'google:ja', 'bing:ja-JP', 'google:ko', 'bing:ko-KR']);
    for (const f of feeds) expect(searchFeedKey(f.url)).toBe(f.key);
  });

  it.each([
    ['an ordinary feed', 'https://example.com/rss?hl=en-US'],
    ['a Google News URL that is not a search', 'https://news.google.com/rss?hl=en-US'],
    ['a search without an edition', 'https://www.bing.com/news/search?q=x&format=rss'],
    ['not a URL', 'news.google.com/rss/search'],
  ])('is null for %s', (_name, url) => {
    expect(searchFeedKey(url)).toBeNull();
  });
});

describe('planSearchFeedSync', () => {
  const stored = (def: typeof bytedance, firstId: number) => searchFeedsForCase(def).map((f, i) => ({ id: firstId + i, url: f.url, title: f.title }));
  const englishOnly = { ...bytedance, parties: [{ name: 'ByteDance', role: 'plaintiff' as const, aliases: [] }, { name: 'Tian Keyu', role: 'defendant' as const, aliases: [] }] };

  it('changes nothing when the names did not change', () => {
    expect(planSearchFeedSync(stored(bytedance, 1), searchFeedsForCase(bytedance))).toEqual({ update: [], insert: [], remove: [] });
  });

  it('updates a changed query in place, keeping the feed id', () => {
    const wanted = searchFeedsForCase({ ...englishOnly, parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['TikTok owner'] }, englishOnly.parties[1]!] });
    const plan = planSearchFeedSync(stored(englishOnly, 7), wanted);
    expect(plan).toEqual({ update: [{ id: 7, url: wanted[0]!.url, title: wanted[0]!.title }, { id: 8, url: wanted[1]!.url, title: wanted[1]!.title }], insert: [], remove: [] });
  });

  it('updates only the title when the case is renamed', () => {
    const plan = planSearchFeedSync(stored(englishOnly, 1), searchFeedsForCase({ ...englishOnly, title: 'ByteDance v. Tian' }));
    expect(plan.update.map((u) => [u.id, u.title])).toEqual([[1, 'Google News (English): ByteDance v. Tian'], [2, 'Bing News (English): ByteDance v. Tian']]);
    expect(plan.update.map((u) => u.url)).toEqual(stored(englishOnly, 1).map((f) => f.url));
  });

  it('adds a new edition and removes a dropped one, leaving the others alone', () => {
    const added = planSearchFeedSync(stored(englishOnly, 1), searchFeedsForCase(bytedance));
    expect(added.update.map((u) => u.id)).toEqual([1, 2]); // the English query gained "Bytedance Ltd."
    expect(added.insert.map((f) => f.key)).toEqual(['google:zh-CN', 'bing:zh-CN']);
    expect(added.remove).toEqual([]);
    const dropped = planSearchFeedSync(stored(bytedance, 1), searchFeedsForCase({ ...bytedance, parties: bytedance.parties.map((p) => ({ ...p, aliases: p.aliases.filter((a) => !/\p{Script=Han}/u.test(a)) })) }));
    expect(dropped).toEqual({ update: [], insert: [], remove: [3, 4] });
  });

  it('removes stored feeds whose key is unknown or repeated', () => {
    const current = [...stored(englishOnly, 1), { id: 9, url: 'https://example.com/moved.rss', title: null }, { id: 10, url: `${stored(englishOnly, 1)[0]!.url}&x=1`, title: null }];
    expect(planSearchFeedSync(current, searchFeedsForCase(englishOnly))).toEqual({ update: [], insert: [], remove: [9, 10] });
  });
});
