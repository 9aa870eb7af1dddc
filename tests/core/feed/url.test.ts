import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, resolveHttpUrl, resolveUrl } from '../../../core/feed/url.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://News.Example.COM/Story?id=1', 'https://news.example.com/Story?id=1'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://example.com/a'],
    ['https://example.com/a?b=2&utm_source=rss&a=1', 'https://example.com/a?b=2&a=1'],
    ['https://example.com/a?UTM_Source=x&id=3', 'https://example.com/a?id=3'],
    ['https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&igshid=7', 'https://example.com/a'],
    ['https://example.com/a?ref_src=twsrc&_ga=1.2&yclid=9&keep=yes', 'https://example.com/a?keep=yes'],
    ['https://example.com:443/a?q=%7Ebob&x=a+b', 'https://example.com/a?q=%7Ebob&x=a+b'],
    ['http://example.com:80/', 'http://example.com/'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?ref=home', 'https://example.com/a?ref=home'],
    ['https://example.com/path/Case-Sensitive', 'https://example.com/path/Case-Sensitive'],
  ])('%s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('returns null for what is not a URL', () => {
    expect(canonicalizeUrl('not a url')).toBeNull();
    expect(canonicalizeUrl('')).toBeNull();
  });
});

describe('resolveUrl and resolveHttpUrl', () => {
  it('resolves relative links against the base', () => {
    expect(resolveUrl('../b/c', 'https://example.com/a/feed.xml')).toBe('https://example.com/b/c');
    expect(resolveUrl('//cdn.example.com/x', 'https://example.com/')).toBe('https://cdn.example.com/x');
    expect(resolveUrl('https://abs.example.com/', 'not a base')).toBe('https://abs.example.com/');
    expect(resolveUrl('relative', null)).toBeNull();
    expect(resolveUrl('  ', 'https://example.com/')).toBeNull();
  });

  it('keeps only http(s) links as story URLs', () => {
    expect(resolveHttpUrl('javascript:alert(1)', 'https://example.com/')).toBeNull();
    expect(resolveHttpUrl('mailto:a@example.com', 'https://example.com/')).toBeNull();
    expect(resolveHttpUrl('data:text/html,x', 'https://example.com/')).toBeNull();
    expect(resolveHttpUrl('/story', 'https://example.com/feed')).toBe('https://example.com/story');
  });
});
