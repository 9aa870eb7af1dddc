// The character-pair index: 2-character CJK names found without reading every story, kept in step with stories.
import { describe, expect, it } from 'vitest';
import type { NormalizedStory } from '../../core/story.ts';
import { insertFeed } from '../../db/feeds.ts';
import { closeDb, inTransaction, openDb } from '../../db/openDb.ts';
import { candidateStoryIds, listStories, storeFeedStories } from '../../db/stories.ts';
import { databaseBefore } from '../helpers/oldDatabase.ts';

const item = (guid: string, title: string, summary = ''): NormalizedStory => ({
  guid, url: `https://wire.example.com/${guid}`, canonicalUrl: `https://wire.example.com/${guid}`, title, summary, summaryHtml: '',
  publishedAt: new Date('2025-03-01T00:00:00Z'), source: 'Wire', contentHash: `${guid}:${title}`,
});

describe('the character-pair index', () => {
  it('finds 2-character names through the index, follows edits and deletions, and leaves other short terms to a scan', () => {
    const db = openDb(':memory:');
    const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml' }, new Date())!;
    const [a, b, c] = inTransaction(db, () => storeFeedStories(db, feed.id, [item('a', '星河云图起诉前员工赵明'), item('b', '赵明亮获奖'), item('c', 'HP and 3M report', '无关新闻')], new Date()).inserted.map((s) => s.id));
    expect(candidateStoryIds(db, ['赵明'])).toEqual([a, b]);
    expect(candidateStoryIds(db, ['ｶﾀ'])).toEqual([]);
    expect(candidateStoryIds(db, ['3M'])).toEqual([c]);
    // The pair index answers the query; the plan never scans the stories table for it.
    const plan = (db.$client.prepare("explain query plan select rowid from stories_cjk where stories_cjk match '\"赵明\"'").all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
    // An edited headline drops the name; a deleted story leaves the index.
    inTransaction(db, () => storeFeedStories(db, feed.id, [item('a', '星河云图起诉前员工')], new Date()));
    expect(candidateStoryIds(db, ['赵明'])).toEqual([b]);
    db.$client.prepare('delete from stories where id = ?').run(b);
    expect(candidateStoryIds(db, ['赵明'])).toEqual([]);
    expect(listStories(db, { q: '员工', limit: 10 }).map((s) => s.id)).toEqual([a]);
    closeDb(db);
  });

  it('is filled for stories stored before it existed', () => {
    const { file, raw } = databaseBefore('0008');
    raw.exec(`insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);
      insert into stories (id, feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (7, 1, 'g', '法院受理赵明案', 'h', 0, 0, 0);`);
    raw.close();
    const db = openDb(file);
    expect(candidateStoryIds(db, ['赵明'])).toEqual([7]);
    closeDb(db);
  });
});
