// Which new stories get their article read: a teaser that some case could claim but is not sure of, or per feed.
import { isTeaser } from '../../core/article/teaser.ts';
import type { Matcher } from '../../core/matching/matcher.ts';
import type { ArticleCandidate } from '../../db/articles.ts';

/**
 * Some case found one of its names (in any form, a headline's short form included), keywords, courts or facts in
 * the story and is not sure of it (`Matcher.unsure`): 'auto' joins the timeline, 'excluded' is ruled out. A story
 * no case names is never a candidate.
 */
export function isCandidate(matcher: Matcher, story: Pick<ArticleCandidate, 'title' | 'summary'>): boolean {
  return matcher.unsure({ title: story.title, summary: story.summary });
}

export type ArticleChoice = { kind: 'fetch' } | { kind: 'none'; reason: string } | { kind: 'skipped'; reason: string };

/** What to do for one story; `never` is counted as skipped only where `auto` would have read the article. */
export function chooseArticle(story: ArticleCandidate, matcher: Matcher): ArticleChoice {
  if (!story.url) return { kind: 'none', reason: 'the story has no link' };
  if (story.fullText === 'always') return { kind: 'fetch' };
  if (!isTeaser(story)) return { kind: 'none', reason: 'the feed gives more than a teaser' };
  if (!isCandidate(matcher, story)) return { kind: 'none', reason: 'no case could use it' };
  return story.fullText === 'never' ? { kind: 'skipped', reason: 'full text is off for this feed' } : { kind: 'fetch' };
}
