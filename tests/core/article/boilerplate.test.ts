import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../core/article/extract.ts';

// Each box shape is put into an article page; the box names another case's parties, which must never reach the
// text (they would make a false match), while the article's own sentences must all be there. Several shapes are
// ones Readability keeps by itself: "Read more:" lines, boxes whose class also says "content" or "article".

interface Language {
  name: string;
  paragraphs: string[];
  other: RegExp;
}

const en: Language = {
  name: 'English',
  paragraphs: [
    'A Beijing court on Tuesday heard the lawsuit brought by ByteDance against a former intern over a sabotaged cluster.',
    'The company says Tian Keyu inserted code into a shared pipeline in 2024, slowing the work of dozens of colleagues.',
    'Lawyers for the intern said the logs were incomplete and asked for an independent expert to examine the evidence.',
    'The court did not say when it would rule. Scholars said a judgment could take months, and that appeals were likely.',
  ],
  other: /Halcyon|Tripp/,
};
const zh: Language = {
  name: 'Chinese',
  paragraphs: [
    '北京市海淀区人民法院12月1日开庭审理了字节跳动起诉前实习生田柯宇破坏模型训练一案，庭审持续约三个小时。',
    '原告称被告于2024年在实习期间篡改集群代码，干扰模型训练任务，请求法院判令被告赔偿经济损失800万元。',
    '被告代理人认为，原告提交的日志记录不完整，其他员工同样具有访问相关系统的权限，申请进行技术鉴定。',
    '法院未当庭宣判。有法律界人士指出，该案对企业追究内部人员责任具有参考意义，双方均可能提起上诉。',
  ],
  other: /星河云图|赵明轩/,
};
const ja: Language = {
  name: 'Japanese',
  paragraphs: [
    '北京市の海淀区人民法院で1日、バイトダンスが元インターンの田柯宇氏を相手取り起こした訴訟の審理が開かれた。',
    '原告側は、田氏が2024年に共有の計算クラスターのコードを改ざんし、モデルの学習を数週間遅らせたと主張している。',
    '被告側は「ログは不完全で、他の社員も同じシステムにアクセスできた」と反論し、第三者による鑑定を求めた。',
    '判決の言い渡し日は決まっていない。専門家は、企業が内部の人間の責任を追及する際の先例になると指摘する。',
  ],
  other: /山田運輸|鈴木物流/,
};

/** A page: the box goes inside the article body after the second paragraph, or after the article. */
function page(lang: Language, box: string, where: 'inside' | 'after' | 'before'): string {
  const ps = lang.paragraphs.map((p) => `<p>${p}</p>`);
  const body = where === 'inside' ? [...ps.slice(0, 2), box, ...ps.slice(2)].join('\n') : ps.join('\n');
  return `<!doctype html><html><head><title>Story</title></head><body>${where === 'before' ? box : ''}
    <div id="content" class="main-content"><article class="story"><h1>Story</h1><div class="story-body">${body}</div>
    </article>${where === 'after' ? box : ''}</div></body></html>`;
}

const boxes: [Language, string, 'inside' | 'after' | 'before', string][] = [
  [en, '"Read more:" line', 'inside',
    '<p><strong>Read more:</strong> <a href="/h">Tripp Logistics sues Halcyon Freight</a></p>'],
  [en, '"RELATED:" line in capitals', 'inside', '<p>RELATED: <a href="/h">Halcyon Freight loses appeal</a></p>'],
  [en, '"See also" list item', 'inside', '<ul><li>See also — <a href="/h">Halcyon Freight route data case</a></li></ul>'],
  [en, 'related box whose class says content', 'inside', '<div class="related-content"><h3>Related</h3>' +
    '<p>Halcyon Freight was ordered to pay Tripp Logistics after a three-week trial in Delaware last spring.</p></div>'],
  [en, 'headed box without classes, with teasers', 'inside', '<div><h4>Related coverage</h4>' +
    '<p>Tripp Logistics founder testifies that Halcyon Freight copied its routing software line by line.</p></div>'],
  [en, 'headed link list loose in the article body', 'inside', '<h3>Related</h3><ul><li><a href="/h">Halcyon ' +
    'Freight loses appeal</a></li><li><a href="/t">Tripp Logistics wins</a></li></ul>'],
  [en, 'camelCase related section', 'after', '<section class="c-relatedArticles"><p>Halcyon Freight shares slump on ' +
    'the verdict as investors weigh the cost of the Tripp Logistics damages award.</p></section>'],
  [en, 'aside', 'inside', '<aside><p>Halcyon Freight faces a separate suit brought by Tripp Logistics.</p></aside>'],
  [en, 'comment thread', 'after', '<div id="comments"><div class="comment"><p>Same thing Halcyon Freight did to ' +
    'Tripp Logistics years ago, and nobody went to court over that one until it was far too late.</p></div></div>'],
  [en, 'cookie banner', 'before', '<div class="cookie-consent"><p>Tripp Logistics and Halcyon Freight partners use ' +
    'cookies to personalise content.</p></div>'],
  [en, 'navigation', 'before', '<nav><a href="/h">Halcyon Freight</a> <a href="/t">Tripp Logistics</a></nav>'],
  [en, 'footer', 'after', '<footer><p>Halcyon Freight Media Ltd. Registered office: Tripp House, London.</p></footer>'],
  [en, 'trending box by heading', 'after', '<div class="module"><h2>Trending</h2><ol><li><a href="/h">Halcyon Freight ' +
    'chief resigns</a></li></ol></div>'],
  [en, 'tag list', 'after', '<ul class="tags"><li><a href="/t">Halcyon Freight</a></li></ul>'],
  [en, 'role=complementary', 'after', '<div role="complementary"><p>Halcyon Freight: the story so far.</p></div>'],
  [zh, '相关阅读 line', 'inside', '<p>相关阅读：<a href="/x">星河云图起诉赵明轩侵犯商业秘密案二审宣判</a></p>'],
  [zh, '延伸阅读 line in brackets', 'inside', '<p>【延伸阅读】<a href="/x">赵明轩案一审：星河云图获赔300万元</a></p>'],
  [zh, '相关新闻 box without classes', 'inside', '<div><h3>相关新闻</h3><p>星河云图前员工赵明轩被诉泄露核心算法，' +
    '法院已受理此案并将择期开庭审理。</p></div>'],
  [zh, '相关新闻 links loose in the article body', 'inside', '<h4>相关新闻：</h4><ul><li><a href="/x">星河云图诉赵明轩案' +
    '将于下月宣判</a></li></ul>'],
  [zh, 'pinyin-named box (xgxw)', 'after', '<div class="xgxw"><p>星河云图诉赵明轩案将于下月宣判。</p></div>'],
  [zh, '推荐 box (tuijian)', 'after', '<div class="tuijian-list"><a href="/x">赵明轩回应离职风波</a></div>'],
  [zh, '网友评论', 'after', '<div class="pl-wrap"><h3>网友评论</h3><p>星河云图那个案子赵明轩最后也败诉了。</p></div>'],
  [zh, '24小时热门', 'after', '<div class="box"><h4>24小时热门排行</h4><ol><li><a href="/x">星河云图估值再创新高</a></li></ol></div>'],
  [ja, '【関連記事】 line', 'inside', '<p>【関連記事】<a href="/a">山田運輸が鈴木物流を提訴 配送データ巡り</a></p>'],
  [ja, '■関連 line', 'inside', '<p>■関連：<a href="/a">鈴木物流、山田運輸の主張に反論</a></p>'],
  [ja, '関連ニュース section', 'after', '<section class="p-relatedArticles"><h2>関連ニュース</h2><ul><li><a href="/a">' +
    '山田運輸の社長が会見</a></li></ul></section>'],
  [ja, 'おすすめ box (osusume)', 'after', '<div class="osusume"><p>鈴木物流が新社長を発表しました。</p></div>'],
  [ja, 'コメント', 'after', '<div class="p-comment"><h2>コメント</h2><p>山田運輸と鈴木物流の件と同じ構図ですね。</p></div>'],
  [ja, 'アクセスランキング', 'after', '<div class="box"><h2>アクセスランキング</h2><ol><li><a href="/r">山田運輸、過去最高益</a>' +
    '</li></ol></div>'],
];

describe('boilerplate never reaches the article text', () => {
  const cases = boxes.map(([lang, name, where, box]) => ({ label: `${lang.name}, ${name}`, lang, where, box }));
  it.each(cases)('$label', ({ lang, where, box }) => {
    const { text } = extractArticle(page(lang, box, where), 'https://news.example.com/story');
    expect(text).not.toMatch(lang.other);
    for (const paragraph of lang.paragraphs) expect(text).toContain(paragraph);
  });
});

// Look-alikes: text and containers that resemble boilerplate but are the article.
describe('article text that looks like boilerplate is kept', () => {
  const kept: [string, string][] = [
    ['a paragraph that starts with "More"',
      '<p>More than 200 people queued outside the court, <a href="/q">reports said</a>.</p>'],
    ['a paragraph about a related lawsuit', '<p>A related lawsuit, filed by the same company in Shanghai, is pending.</p>'],
    ['a "Comments" word inside prose', '<p>Comments by the judge suggested the court had doubts about the logs.</p>'],
  ];
  it.each(kept)('%s', (_name, extra) => {
    const { text } = extractArticle(page(en, extra, 'inside'), 'https://news.example.com/story');
    expect(text).toContain(extra.replace(/<[^>]+>/g, ''));
  });

  const wrappers: [string, (inner: string) => string][] = [
    ['a page wrapped in one form (ASP.NET)', (inner) => `<form id="aspnetForm" action="/p.aspx">${inner}</form>`],
    ['an article marked "has-comments social-share"', (inner) => `<div class="has-comments social-share">${inner}</div>`],
    ['a WordPress body with "comments-open"', (inner) => inner],
    ['an article body longer than its comments, inside a sidebar-named layout',
      (inner) => `<div class="layout-sidebar">${inner}</div>`],
  ];
  it.each(wrappers)('%s', (name, wrap) => {
    const article = `<article><h1>Story</h1>${en.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`;
    const bodyClass = name.includes('WordPress') ? ' class="post-template-default single comments-open"' : '';
    const html = `<html><head><title>Story</title></head><body${bodyClass}>${wrap(article)}</body></html>`;
    const { text } = extractArticle(html, 'https://news.example.com/story');
    for (const paragraph of en.paragraphs) expect(text).toContain(paragraph);
  });

  it('keeps the article when the comment thread is longer than it', () => {
    const comment = '<div class="comment"><p>Halcyon Freight did the same to Tripp Logistics, I remember it well.</p></div>';
    const html = page(en, `<div class="comments">${comment.repeat(60)}</div>`, 'after');
    const { text } = extractArticle(html, 'https://a.example/');
    for (const paragraph of en.paragraphs) expect(text).toContain(paragraph);
    expect(text).not.toMatch(en.other);
  });
});
