// The article text of a story (migration 0015): searched like the feed's text, in the trigram and pair indexes,
// kept in step by triggers, added to a database that already holds stories without touching them.
import { describe, expect, it } from 'vitest';
import type { NormalizedStory } from '../../core/story.ts';
import { articleFetchByKey, feedArticleCounts, pruneArticleFetches, recordArticleFetch, recordStoryArticle, storiesAwaitingArticles } from '../../db/articles.ts';
import { feedById, insertFeed } from '../../db/feeds.ts';
import { closeDb, inTransaction, openDb } from '../../db/openDb.ts';
import { candidateStoryIds, listStories, storeFeedStories, storyById, storyTextsByIds } from '../../db/stories.ts';
import { databaseBefore } from '../helpers/oldDatabase.ts';

const item = (guid: string, title: string, summary = ''): NormalizedStory => ({
  guid, url: `https://wire.example.com/${guid}`, canonicalUrl: `https://wire.example.com/${guid}`, title, summary, summaryHtml: '',
  publishedAt: new Date('2025-03-01T00:00:00Z'), source: 'Wire', contentHash: `${guid}:${title}`,
});
const now = new Date('2026-12-01T00:00:00Z');
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('article text in the search indexes', () => {
  it('finds a story by a word only in its article (3+ characters, a 2-character CJK name, a short term), and forgets it with the text', () => {
    const db = openDb(':memory:');
    const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml' }, now)!;
    const [a, b] = inTransaction(db, () => storeFeedStories(db, feed.id, [item('a', 'Court hears intern suit'), item('b', '北京法院开庭')], now).inserted.map((s) => s.id));
    expect(ids(listStories(db, { q: 'Haidian', limit: 10 }))).toEqual([]);
    inTransaction(db, () => {
      recordStoryArticle(db, a!, { state: 'fetched', reason: null, text: 'The Haidian court heard ByteDance and Tian Keyu. 3M was not there.' }, now);
      recordStoryArticle(db, b!, { state: 'fetched', reason: null, text: '原告起诉前实习生赵明。' }, now);
    });
    expect(ids(listStories(db, { q: 'Haidian', limit: 10 }))).toEqual([a]);
    expect(ids(listStories(db, { q: 'haidian court', limit: 10 }))).toEqual([a]);
    expect(ids(listStories(db, { q: '赵明', limit: 10 }))).toEqual([b]);
    expect(ids(listStories(db, { q: '3M', limit: 10 }))).toEqual([a]);
    // Backfills find it too, and hand the matcher the article with the feed's text.
    expect(candidateStoryIds(db, ['Tian Keyu'])).toEqual([a]);
    expect(candidateStoryIds(db, ['赵明'])).toEqual([b]);
    expect(candidateStoryIds(db, ['3M'])).toEqual([a]);
    expect(storyTextsByIds(db, [a!, b!]).map((s) => s.article)).toEqual(['The Haidian court heard ByteDance and Tian Keyu. 3M was not there.', '原告起诉前实习生赵明。']);
    // The feed's own text still counts in the pair index after the article arrived; an edited title follows.
    expect(ids(listStories(db, { q: '北京', limit: 10 }))).toEqual([b]);
    db.$client.prepare('update stories set article_text = null where id = ?').run(a);
    expect(ids(listStories(db, { q: 'Haidian', limit: 10 }))).toEqual([]);
    db.$client.prepare('delete from stories where id = ?').run(b);
    expect(candidateStoryIds(db, ['赵明'])).toEqual([]);
    expect(db.$client.prepare("insert into stories_article_fts(stories_article_fts) values ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0);
    closeDb(db);
  });

  it('records an outcome once per story, and each URL once, whatever runs again', () => {
    const db = openDb(':memory:');
    const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml' }, now)!;
    const [a, b] = inTransaction(db, () => storeFeedStories(db, feed.id, [item('a', 'One'), item('b', 'Two')], now).inserted.map((s) => s.id));
    expect(feedById(db, feed.id)!.fullText).toBe('auto');
    expect(ids(storiesAwaitingArticles(db, [a!, b!]))).toEqual([a, b]);
    expect(recordStoryArticle(db, a!, { state: 'failed', reason: 'HTTP 404 Not Found' }, now)?.articleState).toBe('failed');
    expect(recordStoryArticle(db, a!, { state: 'fetched', reason: null, text: 'later' }, now)).toBeNull();
    recordStoryArticle(db, b!, { state: 'skipped', reason: 'robots.txt disallows it' }, now);
    expect(ids(storiesAwaitingArticles(db, [a!, b!]))).toEqual([]);
    recordArticleFetch(db, { urlKey: 'https://x.example/a', state: 'failed', reason: 'HTTP 404 Not Found', storyId: a!, publisherUrl: null, publisherName: null }, now);
    recordArticleFetch(db, { urlKey: 'https://x.example/a', state: 'fetched', reason: null, storyId: b!, publisherUrl: null, publisherName: null }, now);
    expect(articleFetchByKey(db, 'https://x.example/a')).toMatchObject({ state: 'failed', storyId: a, text: null });
    expect(feedArticleCounts(db, feed.id)).toEqual({
      fetched: 0, failed: 1, skipped: 1,
      reasons: [{ state: 'failed', reason: 'HTTP 404 Not Found', count: 1 }, { state: 'skipped', reason: 'robots.txt disallows it', count: 1 }],
    });
    // Removing the story keeps the URL's record (the URL is still not fetched again), without its story.
    db.$client.prepare('delete from stories where id = ?').run(a);
    expect(articleFetchByKey(db, 'https://x.example/a')).toMatchObject({ state: 'failed', storyId: null });
    // Pruned once older than the retention, like the story it belonged to.
    expect(pruneArticleFetches(db, now)).toBe(0);
    expect(pruneArticleFetches(db, new Date(now.getTime() + 1))).toBe(1);
    expect(articleFetchByKey(db, 'https://x.example/a')).toBeNull();
    closeDb(db);
  });

  it('upgrades a database that holds stories: nothing rebuilt, the old text still found, the new columns empty', () => {
    const { file, raw } = databaseBefore('0015');
    raw.exec(`insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);
      insert into stories (id, feed_id, guid, title, summary, content_hash, published_at, fetched_at, updated_at) values (7, 1, 'g', 'Haidian court hears suit', '', 'h', 0, 0, 0);
      insert into cases (id, title, updated_at) values (1, 'A v. B', 0);
      insert into matches (case_id, story_id, score, reasons, status, updated_at) values (1, 7, 90, '[]', 'confirmed', 0);`);
    raw.close();
    const db = openDb(file);
    expect(ids(listStories(db, { q: 'Haidian', limit: 10 }))).toEqual([7]);
    expect(storyById(db, 7)).toMatchObject({ articleState: null, articleText: null, publisherUrl: null });
    expect(feedById(db, 1)!.fullText).toBe('auto');
    expect(db.$client.prepare('select status from matches where story_id = 7').pluck().get()).toBe('confirmed');
    recordStoryArticle(db, 7, { state: 'fetched', reason: null, text: 'ByteDance named here only.' }, now);
    expect(ids(listStories(db, { q: 'ByteDance', limit: 10 }))).toEqual([7]);
    closeDb(db);
  });
});
