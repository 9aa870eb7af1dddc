// Removes a page's navigation, related-story boxes, comments, cookie banners and footers before Readability runs.

import type { DomDocument, DomElement } from './dom.ts';

// Readability alone keeps too much: it spares any box whose class also says "content" or "article"
// ("related-content", "article-tags"), and it keeps link lists and "Read more:" lines inside the article body.
// Their text is the classic false positive (a sidebar headline naming another case's party), so they go first.

/** Tags that never hold the article's own text; `form` only when it does not wrap the article (ASP.NET pages). */
const BOILERPLATE_TAGS = 'nav, aside, footer, form, dialog, menu, button, select, textarea, iframe';
/** Containers that a class name must not remove ("comments-open" on WordPress bodies). */
const NEVER_BY_NAME = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);
const BOILERPLATE_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar',
]);

/**
 * Words in class names and ids that mark boilerplate, matched against the parts of each name split on "-", "_"
 * and camelCase ("p-relatedArticles" → p, related, articles). Pinyin initials are common on Chinese sites:
 * xgxw 相关新闻, xgyd 相关阅读, tjyd 推荐阅读, pinglun 评论; kanren 関連 and osusume おすすめ on Japanese ones.
 */
const BOILERPLATE_PARTS = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'onetrust', 'comment', 'comments', 'commentlist', 'disqus',
  'replies', 'related', 'relate', 'recommend', 'recommended', 'recommendations', 'trending', 'popular', 'ranking',
  'mostread', 'readmore', 'newsletter', 'share', 'sharing', 'social', 'sidebar', 'side', 'breadcrumb',
  'breadcrumbs', 'outbrain', 'taboola', 'promo', 'advert', 'advertisement', 'ad', 'ads', 'sponsor', 'sponsored',
  'popup', 'modal', 'masthead', 'navbar', 'nav', 'menu', 'footer', 'tags', 'taglist', 'toolbar', 'pagination',
  'skip', 'xgxw', 'xgyd', 'xgwz', 'xgbd', 'tjyd', 'tuijian', 'pinglun', 'remen', 'kanren', 'osusume',
]);
const BOILERPLATE_PHRASES = /(?:^|-)(?:most-read|read-more|more-from|more-stories|more-news|also-read|hot-list)(?:-|$)/;
/** Name parts that describe a state of the element ("has-comments", "with-sidebar"), not what it is. */
const STATE_PREFIX = /^(?:has|with|no|is|show|hide|enable|disable|js)[-_]/i;

/** The whole text of a heading that opens a box of other stories or of comments. */
const BOX_HEADING = new RegExp(
  '^(?:related(?: (?:stories|articles|news|coverage|content|reading|topics))?|read (?:more|next)|' +
    'more (?:from|on|in|stories|news)\\b.*|most (?:read|popular|viewed)|trending(?: now)?|' +
    'recommended(?: for you)?|you (?:may|might) also like|see also|editor.?s picks|top stories|latest news|' +
    '(?:\\d+ )?comments?|join the (?:conversation|discussion)|' +
    '(?:\\d+\\s*小时|本周|今日)?(?:热门|热点)(?:文章|新闻|推荐|评论|排行)*|相关(?:阅读|新闻|报道|文章|推荐|链接|专题)?|' +
    '推荐阅读|延伸阅读|猜你喜欢|精彩推荐|更多(?:新闻|报道|阅读)?|网友评论|评论|热评|' +
    '関連(?:記事|ニュース|リンク)?|おすすめ(?:記事)?|あわせて読みたい|こちらもおすすめ|' +
    '(?:人気|アクセス)(?:記事|ニュース)?(?:ランキング)?|ランキング|注目(?:記事|ニュース)|(?:読者の?)?コメント|' +
    '最新(?:ニュース|記事))$',
  'i',
);
/** A line inside the article that only points elsewhere: "Read more: …", "相关阅读：…", "【関連記事】…". */
const LINK_LINE = new RegExp(
  '^[\\s【［\\[<＜■□●◆・▼▶>＞]*(?:related(?: coverage| stories)?|read (?:more|also|next)|also read|see also|' +
    'recommended|相关(?:阅读|新闻|报道|链接)?|延伸阅读|推荐阅读|关联阅读|更多|関連(?:記事|ニュース)?|' +
    'あわせて読みたい)\\s*[】］\\]>＞:：|»›–—-]',
  'i',
);

function textOf(el: DomElement): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function nameParts(el: DomElement): string[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/);
  const parts: string[] = [];
  for (const name of names) {
    if (!name || STATE_PREFIX.test(name)) continue;
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/_/g, '-');
    if (BOILERPLATE_PHRASES.test(words)) parts.push('readmore');
    parts.push(...words.split('-'));
  }
  return parts;
}

function hasBoilerplateName(el: DomElement): boolean {
  return nameParts(el).some((part) => BOILERPLATE_PARTS.has(part));
}

function linkTextRatio(el: DomElement, text: string): number {
  let linked = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) linked += textOf(a).length;
  return text.length ? linked / text.length : 0;
}

interface Marked {
  /** Boxes whose paragraphs are not the article's, by tag, role, class, id, heading or "Read more:" line. */
  strong: Set<DomElement>;
  /** Boxes removed unless they wrap the article: forms, and page headers outside the article. */
  weak: Set<DomElement>;
  /** Boxes found by their heading ("Related", "相关新闻", "コメント"), with it: the box may wrap the article. */
  headings: Map<DomElement, DomElement>;
}

function markBoxes(root: DomElement): Marked {
  const marked: Marked = { strong: new Set(), weak: new Set(), headings: new Map() };
  for (const el of Array.from(root.querySelectorAll(BOILERPLATE_TAGS))) {
    (el.tagName === 'FORM' ? marked.weak : marked.strong).add(el);
  }
  // An article's own <header> holds its title and standfirst; the page's header holds the logo and menus.
  for (const el of Array.from(root.querySelectorAll('header'))) {
    if (!el.closest('article, main, [role="main"]')) marked.weak.add(el);
  }
  for (const el of Array.from(root.querySelectorAll('[role], [class], [id]'))) {
    if (NEVER_BY_NAME.has(el.tagName)) continue;
    const role = el.getAttribute('role')?.trim().toLowerCase();
    if ((role && BOILERPLATE_ROLES.has(role)) || hasBoilerplateName(el)) marked.strong.add(el);
  }
  for (const heading of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6, [class*="title"]'))) {
    const box = heading.parentElement;
    if (!box || !isBoxHeading(heading)) continue;
    marked.headings.set(box, heading);
    if (!NEVER_BY_NAME.has(box.tagName)) marked.strong.add(box);
  }
  for (const line of Array.from(root.querySelectorAll('p, li, h2, h3, h4, h5, h6'))) {
    const text = textOf(line);
    if (text.length <= 300 && LINK_LINE.test(text) && linkTextRatio(line, text) >= 0.4) marked.strong.add(line);
  }
  return marked;
}

function isBoxHeading(heading: DomElement): boolean {
  const label = textOf(heading).replace(/[\s:：]*(?:[(（]?\d+[)）]?)?[\s:：]*$/, '');
  return label.length > 0 && label.length <= 40 && BOX_HEADING.test(label);
}

function insideAny(el: DomElement, boxes: Set<DomElement>): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) if (boxes.has(node)) return true;
  return false;
}

/**
 * The element that holds the article's paragraphs: the parent with the most paragraph text, not counting
 * paragraphs inside marked boxes (a comment thread can outweigh a short article). Nothing that contains it
 * is removed, so a page wrapped in one `<form>` or an article tagged "has-comments" keeps its text.
 */
function bodyHolder(root: DomElement, strong: Set<DomElement>): DomElement | null {
  const weights = new Map<DomElement, number>();
  const fallback = new Map<DomElement, number>();
  for (const p of Array.from(root.querySelectorAll('p, pre'))) {
    const parent = p.parentElement;
    if (!parent) continue;
    const length = textOf(p).length;
    fallback.set(parent, (fallback.get(parent) ?? 0) + length);
    if (!strong.has(p) && !insideAny(p, strong)) weights.set(parent, (weights.get(parent) ?? 0) + length);
  }
  const best = (scores: Map<DomElement, number>): DomElement | null => {
    let top: DomElement | null = null;
    let topScore = 0;
    for (const [el, score] of scores) if (score > topScore) [top, topScore] = [el, score];
    return top;
  };
  return best(weights) ?? best(fallback);
}

/**
 * For a box heading inside the element that holds the article: the heading and the link lists after it go,
 * up to the first sibling with text of its own (the article goes on there) or the next heading.
 */
function removeHeadedList(heading: DomElement): void {
  for (let next = heading.nextElementSibling; next && !/^H[1-6]$/.test(next.tagName); ) {
    const text = textOf(next);
    if (text && linkTextRatio(next, text) < 0.5) break;
    const after = next.nextElementSibling;
    next.remove();
    next = after;
  }
  heading.remove();
}

/** Removes boilerplate from `doc` in place. */
export function removeBoilerplate(doc: DomDocument): void {
  const root = doc.body ?? doc.documentElement;
  if (!root) return;
  const { strong, weak, headings } = markBoxes(root);
  const holder = bodyHolder(root, strong);
  for (const box of [...strong, ...weak]) {
    if (box.parentNode && !(holder && box.contains(holder))) box.remove();
  }
  // A box kept because it wraps the article (or the article itself) still loses its "Related" heading and links.
  for (const [box, heading] of headings) if (box.parentNode && heading.parentNode) removeHeadedList(heading);
}
