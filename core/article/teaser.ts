// Whether a story's feed text is only a teaser: what the article job reads behind, and what the timeline completes.
import { resolveAggregatorLink } from './aggregatorLinks.ts';

/**
 * Below this much text beyond the headline, a feed item is a teaser: a sentence or two, not the story. Han, kana
 * and Hangul count 3 each (`textWeight`; a CJK character carries about what a short English word does).
 */
export const TEASER_WEIGHT = 300;
const WIDE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** How much a text says: its length, with Han, kana and Hangul counting 3 each (also the extractor's measure). */
export function textWeight(text: string): number {
  return text.length + 2 * (text.match(WIDE_CHAR)?.length ?? 0);
}

/**
 * The feed text says little: a short summary once the headline is taken out of it, or an aggregator's item
 * (Bing's snippet, Google's list of headlines) whatever its length.
 */
export function isTeaser(story: { title: string; summary: string; url: string | null }): boolean {
  if (story.url && resolveAggregatorLink(story.url).kind !== 'direct') return true;
  const summary = story.summary.replace(/\s+/g, ' ').trim();
  const title = story.title.replace(/\s+/g, ' ').trim();
  const beyond = title && summary.includes(title) ? summary.replace(title, '') : summary;
  return textWeight(beyond.trim()) < TEASER_WEIGHT;
}
