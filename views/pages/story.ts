// One story's page: its headline and link, and the article text read behind a teaser, as plain text.
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../layout.ts';
import { dateTime } from '../format.ts';

export interface StoryPageView {
  id: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string;
  summary: string;
  /** The article as extracted (paragraphs split by blank lines), or null when none was read. */
  articleText: string | null;
  articleState: 'fetched' | 'failed' | 'skipped' | 'none' | null;
  articleReason: string | null;
  publisherUrl: string | null;
  publisherName: string | null;
}

const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url);

function articleSection(s: StoryPageView): SafeHtml {
  if (s.articleText) {
    const from = isWebUrl(s.publisherUrl) ? html` from <a href="${s.publisherUrl}" rel="noopener noreferrer">${s.publisherName ?? s.publisherUrl}</a>` : '';
    return html`<h2>The article</h2><p class="muted small">Text read from the page${from}, without its menus, boxes and comments.</p>
<div class="article-text">${s.articleText.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>`;
  }
  const why = s.articleState === 'failed' || s.articleState === 'skipped' ? html`<p class="muted">The article was not read: ${s.articleReason ?? s.articleState}.</p>` : '';
  return html`${why}`;
}

export function storyPage(s: StoryPageView): string {
  const headline = isWebUrl(s.url) ? html`<a href="${s.url}" rel="noopener noreferrer">${s.title}</a>` : s.title;
  const body = html`<p class="crumbs"><a href="/stories">← Stories</a></p>
<h1>${headline}</h1>
<p class="meta muted">${s.source ?? ''} · <time datetime="${s.publishedAt}">${dateTime(s.publishedAt)}</time></p>
${s.summary ? html`<p>${s.summary}</p>` : ''}
${articleSection(s)}`;
  return layout({ title: s.title || 'Story', nav: 'stories', body });
}
