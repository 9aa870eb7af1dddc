import { describe, expect, it } from 'vitest';
import { resolveAggregatorLink, type AggregatorLink } from '../../../core/article/aggregatorLinks.ts';

// Ids taken from public Google News RSS feeds: two of the older layout (URL inside), one of the newer (opaque).
const TECHCRUNCH_ID =
  'CBMiSGh0dHBzOi8vdGVjaGNydW5jaC5jb20vMjAyMi8xMC8yNy9uZXcteW9yay1wb3N0LWhhY2tlZC1vZmZlbnNpdmUtdHdlZXRzL9IBAA';
const NDTV_ID =
  'CBMiWmh0dHBzOi8vd3d3Lm5kdHYuY29tL3dvcmxkLW5ld3MvZWxvbi1tdXNrLXJlY2xhaW1zLXRoZS10aXRsZS1vZi13b3JsZHMtcmljaGVzdC1t' +
  'YW4tMzgyMDMyONIBYGh0dHBzOi8vd3d3Lm5kdHYuY29tL3dvcmxkLW5ld3MvZWxvbi1tdXNrLXJlY2xhaW1zLXRoZS10aXRsZS1vZi13b3JsZHMt' +
  'cmljaGVzdC1tYW4tMzgyMDMyOC9hbXAvMQ';
const OPAQUE_ID =
  'CBMipAFBVV95cUxOTHEwU1ZaV1pkRUgzU0MxV3EzaW5EUkVnUnZ1NHVWT2phRlhvMWFjOHlrVkF6ZnhVekVTcjlvU3RCbVBaNjFhYTQtcFFtOUtJ' +
  'Z1Q4ZkVnSEg1bjFJVEwwbGlmZ1JxWWVZb0xGTmc1cnZwMGlQdWxlN0VVSmYyNjB0ZW1zS3QxY2tCUmZ1Q2YxSDFZUFJrRjg4ZnIwd0k3UVlhc0pMZQ';
const SHORT_OPAQUE_ID =
  'CBMiVkFVX3lxTE4zaGU2bTY2ZGkzdTRkSkJ0cFpsTGlDUjkxU2FBRURaTWU0c3QzVWZ1MHZZNkZ5Vzk1ZVBnTDFHY2R6ZmdCUkpUTUJsS1pqQTlCRzlzbHV3';

const TECHCRUNCH = 'https://techcrunch.com/2022/10/27/new-york-post-hacked-offensive-tweets/';
const NDTV = 'https://www.ndtv.com/world-news/elon-musk-reclaims-the-title-of-worlds-richest-man-3820328';

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  return [...out, n];
}

/** An id in the older layout (field 1 = 19, field 4 = URL, field 26 = AMP URL), as Google wrote them. */
function olderId(url: string, amp?: string): string {
  const field = (tag: number[], value: string) => {
    const bytes = [...Buffer.from(value, 'utf8')];
    return [...tag, ...varint(bytes.length), ...bytes];
  };
  const bytes = [0x08, 0x13, ...field([0x22], url), ...(amp === undefined ? [] : field([0xd2, 0x01], amp))];
  return Buffer.from(bytes).toString('base64url');
}

const LONG_URL =
  'https://www.scmp.com/news/china/politics/article/3290001/beijing-court-hears-bytedance-lawsuit-against-former-' +
  'intern-accused-sabotaging-ai-model-training-cluster?module=perpetual_scroll_0&pgtype=article';

const APICLICK = 'https://www.bing.com/news/apiclick.aspx?ref=FexRss';

describe('resolveAggregatorLink', () => {
  const cases: [string, string, AggregatorLink][] = [
    // Bing News RSS redirects: the publisher URL is the `url` parameter.
    [
      'Bing News RSS link',
      'https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=68A3C1F2B4E04C1B9A&url=https%3a%2f%2fwww.reuters.com' +
        '%2flegal%2fbytedance-sues-former-intern-2026-12-01%2f&c=15183458093184683744&mkt=en-us',
      { kind: 'resolved', url: 'https://www.reuters.com/legal/bytedance-sues-former-intern-2026-12-01/', via: 'bing' },
    ],
    [
      'Bing link whose target has its own query',
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=1&url=https%3a%2f%2fnews.example.cn%2fa.shtml%3fid%3d7' +
        '%26p%3d2&c=1&mkt=zh-cn',
      { kind: 'resolved', url: 'https://news.example.cn/a.shtml?id=7&p=2', via: 'bing' },
    ],
    [
      'Bing China edition',
      'https://cn.bing.com/news/apiclick.aspx?ref=FexRss&url=https%3a%2f%2fwww.example.com.cn%2flaw%2f1.html&mkt=zh-cn',
      { kind: 'resolved', url: 'https://www.example.com.cn/law/1.html', via: 'bing' },
    ],
    [
      'Bing link with a non-ASCII target',
      `${APICLICK}&url=https%3a%2f%2fwww.example.jp%2f%E8%A3%81%E5%88%A4%2f1&mkt=ja-jp`,
      { kind: 'resolved', url: 'https://www.example.jp/%E8%A3%81%E5%88%A4/1', via: 'bing' },
    ],
    // Google News ids of the older layout decode offline.
    ['Google News RSS link', `https://news.google.com/rss/articles/${TECHCRUNCH_ID}?oc=5`,
      { kind: 'resolved', url: TECHCRUNCH, via: 'google' }],
    ['Google News web link', `https://news.google.com/articles/${TECHCRUNCH_ID}`,
      { kind: 'resolved', url: TECHCRUNCH, via: 'google' }],
    ['Google News older redirect path', `https://news.google.com/__i/rss/rd/articles/${TECHCRUNCH_ID}?oc=5`,
      { kind: 'resolved', url: TECHCRUNCH, via: 'google' }],
    ['id with an AMP URL after the URL', `https://news.google.com/rss/articles/${NDTV_ID}?oc=5&hl=en-US&gl=US`,
      { kind: 'resolved', url: NDTV, via: 'google' }],
    ['id whose URL is 128 bytes or more (two-byte length)',
      `https://news.google.com/rss/articles/${olderId(LONG_URL, `${LONG_URL}&amp=1`)}?oc=5`,
      { kind: 'resolved', url: LONG_URL, via: 'google' }],
    // Newer ids hold an opaque token: the link must be followed.
    ['opaque id (AU_yqL…)', `https://news.google.com/rss/articles/${OPAQUE_ID}?oc=5`, { kind: 'needsFetch', via: 'google' }],
    ['short opaque id', `https://news.google.com/read/${SHORT_OPAQUE_ID}?hl=en-US&gl=US&ceid=US%3Aen`,
      { kind: 'needsFetch', via: 'google' }],
    ['id that is not base64 of the message', 'https://news.google.com/rss/articles/CBMi1?oc=5',
      { kind: 'needsFetch', via: 'google' }],
    ['id whose URL field is javascript:', `https://news.google.com/rss/articles/${olderId('javascript:alert(1)')}`,
      { kind: 'needsFetch', via: 'google' }],
    ['id whose URL hides a newline', `https://news.google.com/rss/articles/${olderId('https://exa\nmple.com/')}`,
      { kind: 'needsFetch', via: 'google' }],
  ];

  it.each(cases)('%s', (_name, url, expected) => {
    expect(resolveAggregatorLink(url)).toEqual(expected);
  });

  // Look-alikes and unusable targets stay direct, exactly as given: the fetcher's guard judges them.
  const direct: [string, string][] = [
    ['publisher URL', 'https://www.reuters.com/legal/bytedance-sues-former-intern-2026-12-01/'],
    ['Bing host as a subdomain elsewhere',
      'https://www.bing.com.evil.example/news/apiclick.aspx?url=https%3a%2f%2fa.example%2f'],
    ['Bing as userinfo', 'https://www.bing.com@evil.example/news/apiclick.aspx?url=https%3a%2f%2fa.example%2f'],
    ['another Bing path with a url parameter',
      'https://www.bing.com/news/search?q=bytedance&url=https%3a%2f%2fa.example%2f'],
    ['Bing redirect without url', 'https://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=1&c=2&mkt=en-us'],
    ['Bing target javascript:', `${APICLICK}&url=javascript%3aalert(document.cookie)`],
    ['Bing target data:', `${APICLICK}&url=data%3atext%2fhtml%2c%3cscript%3ex%3c%2fscript%3e`],
    ['Bing target relative', `${APICLICK}&url=%2fnews%2fsearch%3fq%3dx`],
    ['Bing target protocol-relative', `${APICLICK}&url=%2f%2fevil.example%2f`],
    ['Bing target with a tab in the host', 'https://www.bing.com/news/apiclick.aspx?url=https%3a%2f%2fexa%09mple.com%2f'],
    ['Bing target as a fragment', 'https://www.bing.com/news/apiclick.aspx?ref=FexRss#url=https%3a%2f%2fa.example%2f'],
    ['Google News search feed', 'https://news.google.com/rss/search?q=ByteDance&hl=en-US&gl=US&ceid=US:en'],
    ['Google News topic page', 'https://news.google.com/topics/CAAqJggKIiBDQkFTRWdvSUwyMHZNRGx6TVdZU0FtVnVHZ0pWVXlnQVAB'],
    ['Google News article without id', 'https://news.google.com/rss/articles/?oc=5'],
    ['Google News look-alike host', `https://news.google.com.evil.example/rss/articles/${TECHCRUNCH_ID}?oc=5`],
    ['Google host without news', `https://www.google.com/rss/articles/${TECHCRUNCH_ID}?oc=5`],
    ['Google redirect (not handled here)', 'https://www.google.com/url?rct=j&sa=t&url=https://www.reuters.com/x&ct=ga'],
    ['ftp link', `ftp://news.google.com/rss/articles/${TECHCRUNCH_ID}`],
    ['javascript: link', 'javascript:alert(1)'],
    ['relative link', '/rss/articles/CBMi'],
    ['empty string', ''],
  ];

  it.each(direct)('%s stays direct', (_name, url) => {
    expect(resolveAggregatorLink(url)).toEqual({ kind: 'direct', url });
  });
});
