import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_ARTICLE_CHARS } from '../../../core/article/extract.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/articles/${name}`, import.meta.url), 'utf8');

// Pages with header, navigation, cookie banner, related boxes naming another case's parties, comments, footer.
describe('extractArticle on realistic pages', () => {
  const pages = [
    {
      file: 'en-court.html',
      url: 'https://www.dailyledger.example/courts/2026/12/01/beijing-intern-sabotage-suit?utm_source=rss',
      title: 'Beijing court hears intern sabotage suit',
      canonicalUrl: 'https://www.dailyledger.example/courts/2026/12/01/beijing-intern-sabotage-suit',
      siteName: 'The Daily Ledger',
      byline: 'Mei Lin',
      lang: 'en-GB',
      own: ['The plaintiff, ByteDance, accuses former intern Tian Keyu', 'either side was likely to appeal.'],
      otherCase: /Halcyon|Tripp/,
      boilerplate: new RegExp(
        'cookie|Accept all|Skip to content|\\bSearch\\b|\\bWorld\\b|ledgerfan|comments|Disqus|Most read|Docket|' +
          'rights reserved|Share on',
        'i',
      ),
    },
    {
      file: 'zh-court.html',
      url: 'https://news.example.cn/law/2026-12-01/doc-ikzxcv1234.shtml',
      title: '字节跳动诉前实习生田某破坏模型训练案开庭',
      canonicalUrl: 'https://news.example.cn/law/2026-12-01/doc-ikzxcv1234.shtml',
      siteName: '示例新闻网',
      byline: '记者 王晓',
      lang: 'zh-CN',
      own: ['原告北京字节跳动科技有限公司起诉其前实习生田柯宇', '法院未当庭宣判。'],
      otherCase: /星河云图|赵明轩/,
      boilerplate: /Cookie|我知道了|首页|网友|评论|分享到|热门|关于我们|版权所有|广告/,
    },
    {
      file: 'ja-court.html',
      url: 'https://www.reiji-shimbun.example/articles/ASV12345.html?ref=rss',
      title: '元インターンの妨害行為巡り提訴、北京の裁判所で審理',
      canonicalUrl: 'https://www.reiji-shimbun.example/articles/ASV12345.html',
      siteName: '例示新聞デジタル',
      byline: null,
      lang: 'ja',
      own: ['元インターンの田柯宇氏が2024年', '先例になる可能性があると指摘する。'],
      otherCase: /山田運輸|鈴木物流/,
      boilerplate: /クッキー|同意する|コメント|ランキング|会社概要|Copyright|社会 経済/,
    },
  ];

  it.each(pages)('$file: metadata', (page) => {
    const { text: _text, ...meta } = extractArticle(fixture(page.file), page.url);
    expect(meta).toEqual({
      title: page.title, canonicalUrl: page.canonicalUrl, siteName: page.siteName, byline: page.byline, lang: page.lang,
    });
  });

  it.each(pages)('$file: the article text, and no other case or boilerplate', (page) => {
    const { text } = extractArticle(fixture(page.file), page.url);
    for (const sentence of page.own) expect(text).toContain(sentence);
    expect(text).not.toMatch(page.otherCase);
    expect(text).not.toMatch(page.boilerplate);
  });

  it.each(pages)('$file: plain text, one paragraph per block, blank lines between', (page) => {
    const { text } = extractArticle(fixture(page.file), page.url);
    expect(text).not.toMatch(/<[a-z/!]|&[a-z]+;|&#\d+;/i);
    expect(text).not.toMatch(/\n{3}|[ \t]\n|\n[ \t]|^\s|\s$/);
    const paragraphs = text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    // Source line breaks inside a <p> are spaces, not line breaks.
    expect(paragraphs.find((p) => p.includes('8 million yuan') || p.includes('800万元'))).not.toContain('\n');
  });

  it('gives no text for a page that holds no article, but still its metadata', () => {
    expect(extractArticle(fixture('not-found.html'), 'https://www.dailyledger.example/gone')).toEqual({
      title: 'Page not found', text: '', canonicalUrl: null, siteName: 'The Daily Ledger', byline: null, lang: 'en',
    });
  });
});

const ARTICLE = (head: string, htmlAttrs = '') =>
  `<!doctype html><html${htmlAttrs}><head>${head}</head><body><article><h1>Court hears suit</h1>` +
  '<p>A Beijing court heard the lawsuit brought by ByteDance against a former intern on Tuesday afternoon.</p>' +
  '<p>The company says the intern, Tian Keyu, tampered with code used to train its models for weeks in 2024.</p>' +
  '<p>The intern denies it. Lawyers on both sides said a ruling could take months, and that appeals were likely.</p>' +
  '</article></body></html>';

describe('extractArticle metadata', () => {
  const page = 'https://news.example.com/law/2026/12/story.html?id=7';
  const canonical: [string, string, string | null][] = [
    ['absolute canonical', '<link rel="canonical" href="https://news.example.com/law/story">',
      'https://news.example.com/law/story'],
    ['relative canonical, against the page', '<link rel="canonical" href="../canonical.html">',
      'https://news.example.com/law/2026/canonical.html'],
    ['relative canonical, against <base>', '<base href="https://cdn.example.net/a/"><link rel="canonical" href="b.html">',
      'https://cdn.example.net/a/b.html'],
    ['rel with several tokens', '<link rel="Canonical nofollow" href="https://news.example.com/x">',
      'https://news.example.com/x'],
    ['og:url when there is no canonical', '<meta property="og:url" content="https://news.example.com/og">',
      'https://news.example.com/og'],
    ['og:url when the canonical is javascript:',
      '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://news.example.com/og">',
      'https://news.example.com/og'],
    ['canonical before og:url', '<meta property="og:url" content="https://news.example.com/og">' +
      '<link rel="canonical" href="https://news.example.com/c">', 'https://news.example.com/c'],
    ['neither http(s)',
      '<link rel="canonical" href="data:text/html,x"><meta property="og:url" content="ftp://x.example/">', null],
    ['empty href', '<link rel="canonical" href="  ">', null],
    ['alternate is not canonical', '<link rel="alternate" href="https://news.example.com/amp">', null],
    ['none', '', null],
  ];
  it.each(canonical)('canonicalUrl: %s', (_name, head, expected) => {
    expect(extractArticle(ARTICLE(head), page).canonicalUrl).toBe(expected);
  });

  it('resolves only absolute canonical links when the page URL is unusable', () => {
    expect(extractArticle(ARTICLE('<link rel="canonical" href="/c">'), 'not a url').canonicalUrl).toBeNull();
    expect(extractArticle(ARTICLE('<link rel="canonical" href="https://a.example/c">'), '').canonicalUrl)
      .toBe('https://a.example/c');
  });

  const langs: [string, string, string, string | null][] = [
    ['<html lang>', '', ' lang="EN-us"', 'en-US'],
    ['<html xml:lang>', '', ' xml:lang="de"', 'de'],
    ['Content-Language', '<meta http-equiv="Content-Language" content="zh-Hant-TW, en">', '', 'zh-Hant-TW'],
    ['og:locale', '<meta property="og:locale" content="ja_JP">', '', 'ja-JP'],
    ['<html lang> first', '<meta property="og:locale" content="fr_FR">', ' lang="ko"', 'ko'],
    ['not a language tag', '', ' lang="english language"', null],
    ['none', '', '', null],
  ];
  it.each(langs)('lang: %s', (_name, head, attrs, expected) => {
    expect(extractArticle(ARTICLE(head, attrs), page).lang).toBe(expected);
  });

  const titles: [string, string, string][] = [
    ['site name after a bar', '<title>Court hears suit | Ledger</title><meta property="og:site_name" content="Ledger">',
      'Court hears suit'],
    ['the only h1 when the title starts with it', '<title>Court hears suit_法治_示例新闻网</title>', 'Court hears suit'],
    ['og:title longer than the h1', '<meta property="og:title" content="Court hears suit against intern">',
      'Court hears suit against intern'],
  ];
  it.each(titles)('title: %s', (_name, head, expected) => {
    expect(extractArticle(ARTICLE(head), page).title).toBe(expected);
  });
});

describe('extractArticle on garbage', () => {
  const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) % 256)).toString('latin1');
  const inputs: [string, unknown][] = [
    ['empty string', ''],
    ['whitespace', ' \n\t '],
    ['binary bytes read as text', binary],
    ['binary bytes inside HTML', `<html><body><p>${binary}</p></body></html>`],
    ['a PNG header', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000'],
    ['a page decoded with the wrong charset', `<p>${'\uFFFD\uFFFDԺ\uFFFD\uFFFD\uFFFD '.repeat(300)}</p>`],
    ['a JSON body', '{"error":"not found","status":404}'],
    ['deeply nested elements', '<div>'.repeat(20_000) + 'deep' + '</div>'.repeat(20_000)],
    ['an article nested 2,000 deep (Readability would take minutes)',
      '<div>'.repeat(2_000) + '<p>The court heard the case brought by ByteDance against Tian Keyu today.</p>'.repeat(9)],
    ['not a string at all', undefined],
  ];
  it.each(inputs)('%s: no throw, no text', (_name, input) => {
    const result = extractArticle(input as string, 'https://news.example.com/a');
    expect(result.text).toBe('');
  });

  it('reads unbalanced markup as a browser shows it, without throwing', () => {
    const { text } = extractArticle('<<<div>>> </p></p><p <a href=">'.repeat(200), 'https://news.example.com/a');
    expect(text).not.toMatch(/<div|<\/p|href/);
  });

  it('finds an article in a page that has no <html> or <body> tag', () => {
    const html = ARTICLE('').replace(/<\/?(?:html|body|head)[^>]*>/g, '').replace('<!doctype html>', '');
    expect(extractArticle(html, 'https://news.example.com/a').text).toContain('Tian Keyu');
  });

  it('drops control characters and keeps the text around them', () => {
    const html = ARTICLE('').replace('Tuesday afternoon', 'Tues\u0000day\u0007 afternoon');
    expect(extractArticle(html, 'https://news.example.com/a').text).toContain('Tuesday afternoon');
  });
});

describe('extractArticle never runs or loads anything from the page', () => {
  it('runs no inline script or event handler', async () => {
    const g = globalThis as { __casewatchScriptRan?: unknown };
    for (const file of ['en-court.html', 'zh-court.html', 'ja-court.html']) {
      extractArticle(fixture(file), 'https://a.example/');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(g.__casewatchScriptRan).toBeUndefined();
  });

  it('requests none of the resources the page names', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('globalThis.__casewatchScriptRan = "remote"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const head = `<link rel="stylesheet" href="${origin}/s.css"><script src="${origin}/a.js"></script>` +
      `<link rel="preload" href="${origin}/f.woff2"><meta http-equiv="refresh" content="0;url=${origin}/r">`;
    const html = ARTICLE(head).replace('</article>', `<img src="${origin}/i.png" srcset="${origin}/i2.png 2x">` +
      `<iframe src="${origin}/f"></iframe><video poster="${origin}/p.jpg"><source src="${origin}/v.mp4"></video>` +
      `<object data="${origin}/o"></object></article>`);
    try {
      expect(extractArticle(html, `${origin}/page`).text).toContain('Tian Keyu');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('extractArticle caps the text', () => {
  const page = (paragraphs: string[]) =>
    `<html><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const english = Array.from({ length: 120 }, (_, i) =>
    `Paragraph ${i} says the court heard more evidence from both sides today. The judges asked for the logs, ` +
    `and lawyers for ByteDance and Tian Keyu agreed to file them within two weeks of the hearing in Beijing.`.repeat(3));
  const chinese = Array.from({ length: 300 }, (_, i) => `第${i}段：法院今天继续审理字节跳动诉田柯宇一案，双方提交了新的证据。`.repeat(4));

  it.each([
    ['English, at a sentence end', english, /[.]$/],
    ['Chinese, at 。', chinese, /。$/],
  ])('%s', (_name, paragraphs, ending) => {
    const { text } = extractArticle(page(paragraphs as string[]), 'https://a.example/');
    expect(text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(text.length).toBeGreaterThan(MAX_ARTICLE_CHARS * 0.8);
    expect(text).toMatch(ending);
  });

  it('at a space when there is no sentence end, else at the cap', () => {
    const words = extractArticle(page([`${'evidence '.repeat(8000)}`]), 'https://a.example/').text;
    expect(words.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(words).toMatch(/ evidence$/);
    const run = extractArticle(page(['证'.repeat(70_000)]), 'https://a.example/').text;
    expect(run.length).toBe(MAX_ARTICLE_CHARS);
  });
});
