// Storing a feed's items when publishers move articles: links follow the guid, never a constraint error.
import { describe, expect, it } from 'vitest';
import type { NormalizedStory } from '../../core/story.ts';
import { insertFeed } from '../../db/feeds.ts';
import { inTransaction, openDb } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';

const item = (guid: string, path: string, title = `Story ${guid}`): NormalizedStory => ({
  guid,
  url: `https://wire.example.com/${path}`,
  canonicalUrl: `https://wire.example.com/${path}`,
  title,
  summary: `About ${guid}`,
  summaryHtml: '',
  publishedAt: new Date('2025-02-01T00:00:00Z'),
  source: 'Wire',
  contentHash: `${guid}:${title}`,
});

function world() {
  const db = openDb(':memory:');
  const now = new Date('2025-02-01T00:00:00Z');
  const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml' }, now)!;
  const store = (items: NormalizedStory[]) => inTransaction(db, () => storeFeedStories(db, feed.id, items, now));
  const rows = () => db.$client.prepare('select id, guid, url, canonical_url as canonicalUrl from stories order by id').all() as { id: number; guid: string; url: string; canonicalUrl: string }[];
  return { store, rows };
}

describe('storeFeedStories and moved articles', () => {
  it('follows a known guid to its new link, keeping the story', () => {
    const w = world();
    const [first] = w.store([item('g1', 'old')]).inserted;
    const again = w.store([item('g1', 'new')]);
    expect(again.inserted).toHaveLength(0);
    expect(again.updated.map((s) => [s.id, s.url])).toEqual([[first!.id, 'https://wire.example.com/new']]);
    expect(w.rows()).toEqual([{ id: first!.id, guid: 'g1', url: 'https://wire.example.com/new', canonicalUrl: 'https://wire.example.com/new' }]);
    expect(w.store([item('g1', 'new')])).toMatchObject({ inserted: [], updated: [], unchanged: 1 });
  });

  it('survives two items swapping their links in one document', () => {
    const w = world();
    w.store([item('g1', 'a'), item('g2', 'b')]);
    const swapped = w.store([item('g1', 'b'), item('g2', 'a')]);
    expect(swapped.inserted).toHaveLength(0);
    const rows = w.rows();
    expect(rows.map((r) => r.guid)).toEqual(['g1', 'g2']);
    expect(new Set(rows.map((r) => r.canonicalUrl)).size).toBe(2);
  });

  it('keeps the old link when another story of the feed already has the new one, and still takes an edit', () => {
    const w = world();
    w.store([item('g1', 'a'), item('g2', 'b')]);
    const r = w.store([item('g1', 'b', 'Story g1, edited'), item('g2', 'b')]);
    expect(r.inserted).toHaveLength(0);
    expect(r.updated.map((s) => [s.guid, s.title, s.url])).toEqual([['g1', 'Story g1, edited', 'https://wire.example.com/a']]);
  });
});
