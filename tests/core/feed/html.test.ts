import { describe, expect, it } from 'vitest';
import {
  capText,
  decodeEntities,
  htmlToText,
  looksLikeHtml,
  MAX_SUMMARY_HTML_CHARS,
  plainText,
  sanitizeSummaryHtml,
  summaryOfHtml,
} from '../../../core/feed/html.ts';

describe('htmlToText', () => {
  it.each([
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['AT&amp;T &lt;b&gt; &eacute;t&eacute; &#8217; &#x2019; &nbsp;x', 'AT&T <b> été ’ ’ x'],
    ['safe<script type="text/javascript">location.href="http://evil/"</script> description', 'safe description'],
    ['<style>p { color: red }</style>Styled', 'Styled'],
    ['<noscript>enable js</noscript>Visible', 'Visible'],
    ['one<br>two<br/>three', 'one two three'],
    ['<p>First paragraph.</p><p>Second.</p><ul><li>a</li><li>b</li></ul>', 'First paragraph. Second. a b'],
    ['  lots \n\t of   \r\n whitespace  ', 'lots of whitespace'],
    ['History of the <blink> tag', 'History of the tag'],
    ['<code>&lt;br /></code>', '<br />'],
    ['a < b and c > d', 'a < b and c > d'],
    ["<!' <a href=\"foo\">", "<!'"],
    [' <!DOCTYPE ', '<!DOCTYPE'],
    ['<!-- a comment -->text', 'text'],
    ['<html><head><title>Page</title></head><body>Body text</body></html>', 'Body text'],
    ['don\u0092t \u0093quoted\u0094 \u0080', 'don’t “quoted” €'],
    ['don&#146;t', 'don’t'],
    ['<img src="x" alt="ignored">', ''],
    ['', ''],
  ])('%j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('plainText', () => {
  it('collapses whitespace and keeps angle brackets as text', () => {
    expect(plainText('  History of the <blink>\n tag ')).toBe('History of the <blink> tag');
  });
  it('repairs C1 controls and drops other control characters', () => {
    expect(plainText('it\u0092s\u0000 fine\u0007')).toBe('it’s fine');
  });
});

describe('sanitizeSummaryHtml', () => {
  const base = 'https://news.example.com/section/feed.xml';
  const hostile: Array<[string, string]> = [
    ['script', 'safe<script>window.__xss=1</script> text'],
    ['script with odd spacing', 'safe<script\n\n>window.__xss=1</script\n> text'],
    ['img onerror', 'safe<img src=x onerror="window.__xss=1"> text'],
    ['event handler on allowed tag', '<b onclick="window.__xss=1" onmouseover="x()">safe</b> text'],
    ['javascript: href', '<a href="javascript:window.__xss=1">safe</a> text'],
    ['javascript: href with entities', '<a href="jav&#x09;ascript:window.__xss=1">safe</a> text'],
    ['data: href', '<a href="data:text/html,<script>window.__xss=1</script>">safe</a> text'],
    ['iframe', 'safe<iframe src="https://evil.example/"></iframe> text'],
    ['svg', 'safe<svg onload="window.__xss=1"><script>window.__xss=1</script></svg> text'],
    ['meta refresh', 'safe<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1"> text'],
    ['style attribute and tag', '<p style="background:url(javascript:x)">safe</p><style>body{}</style> text'],
    ['object and embed', 'safe<object data="x.swf"></object><embed src="x.swf"> text'],
    ['form', 'safe<form action="https://evil.example/"><input name="q"></form> text'],
    ['base', 'safe<base href="https://evil.example/"> text'],
  ];

  it.each(hostile)('removes %s', (_name, html) => {
    const clean = sanitizeSummaryHtml(html, base);
    expect(clean).toContain('safe');
    expect(clean).toContain('text');
    expect(clean).not.toMatch(/<script|<iframe|<svg|<meta|<object|<embed|<form|<input|<base|<style|<img/i);
    expect(clean).not.toMatch(/\son\w+\s*=|style\s*=|javascript:|data:/i);
    expect(clean).not.toContain('__xss');
  });

  it('keeps basic text markup and makes links absolute and safe', () => {
    const clean = sanitizeSummaryHtml(
      '<h2>Ruling</h2><p>The <strong>court</strong> <em>ruled</em>. See <a href="../cases/42?x=1&amp;y=2" target="_blank">the docket</a>.</p><ul><li>one</li></ul><blockquote>quote</blockquote><pre><code>x</code></pre>',
      base,
    );
    expect(clean).toBe(
      '<p>Ruling</p><p>The <strong>court</strong> <em>ruled</em>. See <a href="https://news.example.com/cases/42?x=1&amp;y=2" rel="nofollow noopener noreferrer">the docket</a>.</p><ul><li>one</li></ul><blockquote>quote</blockquote><pre><code>x</code></pre>',
    );
  });

  it('keeps mailto links and drops a href it cannot resolve', () => {
    expect(sanitizeSummaryHtml('<a href="mailto:desk@example.com">mail</a>', base)).toContain('href="mailto:desk@example.com"');
    expect(sanitizeSummaryHtml('<a href="/relative">x</a>', null)).toBe('<a>x</a>');
  });

  it('caps long summaries at a tag boundary and closes open tags', () => {
    const long = `<p><b>${'word '.repeat(3000)}</b></p>`;
    const clean = sanitizeSummaryHtml(long, base);
    expect(clean.length).toBeLessThanOrEqual(MAX_SUMMARY_HTML_CHARS + 20);
    expect(clean.endsWith('…</b></p>')).toBe(true);
  });
});

describe('summaryOfHtml (text and HTML from one sanitizer pass)', () => {
  it.each([
    ['<p>One</p><p>Two</p><table><tr><td>a</td><td>b</td></tr></table>', 'One Two a b', '<p>One</p><p>Two</p>ab'],
    ['<h2>Head</h2>x<div>y</div><br>z', 'Head x y z', '<p>Head</p>x<p>y</p><br />z'],
    ['<a href="/p<p>q" title="t<div>">link</a> &amp; <script>x<p>y</script>end', 'link & end', '<a href="https://example.com/p%3Cp%3Eq" rel="nofollow noopener noreferrer" title="t&lt;div&gt;">link</a> &amp; end'],
    ['plain words only', 'plain words only', 'plain words only'],
  ])('%j', (html, text, safe) => {
    expect(summaryOfHtml(html, 'https://example.com/')).toEqual({ text, html: safe });
  });

  it('gives htmlToText\'s text for any mix of block tags, inline tags, entities and skipped elements', () => {
    const parts = ['<p>', '</p>', '<div>', '</div>', '<br>', '<li>', '<td>', '<h3>', '</h3>', '<b>', '</b>', '<a href="x">', '</a>',
      '<script>', '</script>', '<style>', '</style>', '<!-- c -->', '&amp;', '&lt;p&gt;', '&nbsp;', 'word', ' ', '\n', '星河', '<', '>', '"'];
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % parts.length;
    for (let i = 0; i < 2_000; i++) {
      const html = Array.from({ length: 1 + (i % 25) }, () => parts[next()]).join('');
      const one = summaryOfHtml(html, null);
      expect(one.text, html).toBe(htmlToText(html));
      expect(one.html, html).not.toMatch(/\u0001/);
    }
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['Example <b>Atom</b>', true],
    ['<p>History of the &lt;blink&gt; tag</p>', true],
    ['AT&amp;T', true],
    ['History of the <blink> tag', false],
    ['Plain words only', false],
    ['a <unknown>x</unknown>', false],
    ['Tom &madeup; Jerry', false],
  ])('%j is %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});

describe('small helpers', () => {
  it('decodes entities in attribute values', () => {
    expect(decodeEntities('feed.json?a=1&amp;b=2&#38;c=&eacute;&bogus;')).toBe('feed.json?a=1&b=2&c=é&bogus;');
  });
  it('caps text at a word boundary', () => {
    expect(capText('alpha beta gamma delta', 18)).toBe('alpha beta gamma…');
    expect(capText('short', 15)).toBe('short');
  });
});
