// OPML import of real readers' export shapes, and export round trip.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOpml, toOpml } from '../../core/opml.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/opml/${name}`, import.meta.url), 'utf8');

describe('parseOpml', () => {
  it('reads a Feedly export with folders, entities and duplicates', () => {
    const r = parseOpml(fixture('feedly.opml'));
    expect(r).toMatchObject({ ok: true, title: 'Alex subscriptions in feedly Cloud' });
    if (!r.ok) return;
    expect(r.feeds).toEqual([
      { url: 'https://courthouse.example.com/feed/', title: 'Courthouse Example', siteUrl: 'https://courthouse.example.com', folders: ['Legal'] },
      { url: 'https://lawweekly.example.org/rss.xml', title: 'Law & Order Weekly', siteUrl: 'https://lawweekly.example.org/', folders: ['Legal'] },
      { url: 'https://techdaily.example.net/atom.xml', title: 'Tech Daily', siteUrl: 'https://techdaily.example.net/', folders: ['Tech'] },
    ]);
  });

  it('reads an Inoreader export with CJK titles and top-level feeds', () => {
    const r = parseOpml(fixture('inoreader.xml'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.feeds.map((f) => [f.url, f.title, f.folders])).toEqual([
      ['https://zh.example.com/rss', '科技法治观察', ['中文']],
      ['http://plain.example.com/index.rdf', 'Top level feed', []],
      ['javascript:alert(1)', 'Bad one', []],
    ]);
  });

  it.each([
    ['not XML at all', 'hello', /no <opml>|not valid XML/],
    ['HTML', '<html><body>hi</body></html>', /no <opml>/],
    ['OPML without body', '<opml version="2.0"><head/></opml>', /no <body>/],
    ['entity expansion', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><opml><body><outline xmlUrl="&lol;"/></body></opml>', /entity declarations/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const r = parseOpml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('says where the XML breaks and what to check, not the parser\'s "char \'t\' is not expected.:1:1"', () => {
    const r = parseOpml('this is not xml');
    expect(r).toEqual({
      ok: false,
      reason: 'the file is not valid XML (line 1, column 1): the character “t” is not expected there; check that it is the whole OPML file your reader exported',
    });
  });

  const outline = (attrs: string) => `<opml version="2.0"><body><outline type="rss" text="x" ${attrs}/></body></opml>`;

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)', null],
    ['javascript: in mixed case with a tab', 'JavaScript&#9;:alert(1)', null],
    ['data:', 'data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;', null],
    ['relative', '/about', null],
    ['protocol-relative', '//evil.example.com/', null],
    ['ftp:', 'ftp://files.example.com/', null],
    ['overlong', `https://example.com/${'a'.repeat(2000)}`, null],
    ['http', 'http://plain.example.com/', 'http://plain.example.com/'],
    ['https', 'https://zh.example.com/新闻', 'https://zh.example.com/新闻'],
  ])('keeps only an http(s) htmlUrl: %s', (_name, htmlUrl, expected) => {
    const r = parseOpml(outline(`xmlUrl="https://feeds.example.com/rss" htmlUrl="${htmlUrl}"`));
    if (!r.ok) throw new Error(r.reason);
    expect(r.feeds.map((f) => f.siteUrl)).toEqual([expected]);
  });

  it('strips a #fragment from feed URLs, so outlines that differ only there are one feed', () => {
    const r = parseOpml(`<opml version="2.0"><body>
      <outline text="a" xmlUrl="https://a.example.com/rss.xml#top"/>
      <outline text="a again" xmlUrl="https://a.example.com/rss.xml#other"/>
      <outline text="a plain" xmlUrl="https://a.example.com/rss.xml"/>
      <outline text="b" xmlUrl="https://b.example.com/feed?x=1#"/>
      <outline text="only a fragment" xmlUrl="#feed"/>
    </body></opml>`);
    if (!r.ok) throw new Error(r.reason);
    expect(r.feeds.map((f) => f.url)).toEqual(['https://a.example.com/rss.xml', 'https://b.example.com/feed?x=1', '#feed']);
  });

  it('exports no htmlUrl that is not http(s)', () => {
    const text = toOpml('mine', [{ url: 'https://a.example.com/rss', title: 'A', siteUrl: 'javascript:alert(1)' }], new Date('2026-01-01T00:00:00Z'));
    expect(text).not.toContain('htmlUrl');
  });

  it('round-trips an export, escaping titles', () => {
    const feeds = [
      { url: 'https://a.example.com/rss?x=1&y=2', title: 'A <b>"quoted"</b> & co', siteUrl: null },
      { url: 'https://b.example.com/feed', title: null, siteUrl: 'https://b.example.com/' },
    ];
    const r = parseOpml(toOpml('mine', feeds, new Date('2026-01-01T00:00:00Z')));
    if (!r.ok) throw new Error(r.reason);
    expect(r.title).toBe('mine');
    expect(r.feeds.map((f) => [f.url, f.title, f.siteUrl])).toEqual([
      ['https://a.example.com/rss?x=1&y=2', 'A <b>"quoted"</b> & co', null],
      ['https://b.example.com/feed', 'https://b.example.com/feed', 'https://b.example.com/'],
    ]);
  });

  it('reads the bundled starter list: English and Chinese sources in folders', () => {
    const r = parseOpml(readFileSync(new URL('../../demo/starter-feeds.opml', import.meta.url), 'utf8'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.feeds.length).toBeGreaterThanOrEqual(15);
    const folders = new Set(r.feeds.map((f) => f.folders[0]));
    expect(folders).toEqual(new Set(['Legal', 'Business', 'Technology', '中文']));
    for (const f of r.feeds) expect(f.url).toMatch(/^https?:\/\//);
  });
});
