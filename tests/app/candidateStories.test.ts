// Finding a case's past stories: short (2-character) names share one scan, LIKE wildcards are literal, a limit keeps the newest.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase, toDefinition } from '../../db/cases.ts';
import { inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { candidateStoryIds, keywordPairStoryIds } from '../../db/stories.ts';
import { backfillCase, previewMatches } from '../../app/matchStories.ts';
import { tempDir } from '../helpers/tempDir.ts';

const STORIES: [title: string, summary: string][] = [
  ['云图起诉前员工赵明 索赔260万元', '云图科技向法院提起诉讼。'], // 1: both parties, legal
  ['赵明亮获得年度优秀企业家称号', '颁奖典礼在上海举行。'], // 2: 赵明 inside a longer name, not legal
  ['赵明一审败诉', '法院判决赵明赔偿云图110万元。'], // 3: both parties, ruling
  ['Discount of 5% on robots', 'Prices fall by 5% this week.'], // 4: a literal percent sign
  ['Robots cost 50 dollars', 'A 50-unit batch shipped.'], // 5: "5" followed by another character
  ['Nordlys Shipping sues Erik Haugland', 'Nordlys Shipping filed a lawsuit in Oslo.'], // 6
  ['天宇 wins award', 'No legal news here.'], // 7
];

function storeStories(db: Db): void {
  const insert = db.$client.prepare('insert into stories (guid, title, summary, content_hash, published_at, fetched_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
  const at = Date.UTC(2024, 5, 1);
  inTransaction(db, () => STORIES.forEach(([title, summary], i) => insert.run(`g${i}`, title, summary, `h${i}`, at + i * 3_600_000, at, at)));
}

describe('candidate stories for a case', () => {
  let db: Db;
  beforeAll(() => {
    db = openDb(path.join(tempDir(), 'candidates.db'));
    storeStories(db);
  });

  it.each([
    ['two 2-character names in one scan', ['赵明', '云图'], [1, 2, 3]],
    ['2-character and longer names together', ['赵明', 'Nordlys'], [1, 2, 3, 6]],
    ['a percent sign as itself, not as a wildcard', ['5%'], [4]],
    ['an underscore as itself', ['5_'], []],
    ['nothing for no terms', [], []],
  ] as const)('%s', (_label, terms, expected) => {
    expect(candidateStoryIds(db, terms)).toEqual(expected);
  });

  it('keeps the most recently stored candidates when limited', () => {
    expect(candidateStoryIds(db, ['赵明', 'Nordlys', '天宇'], 2)).toEqual([6, 7]);
    expect(candidateStoryIds(db, ['赵明'], 2)).toEqual([2, 3]);
    expect(candidateStoryIds(db, ['赵明'], 10)).toEqual([1, 2, 3]);
  });

  it('backfills a case named by two 2-character names, with the stage of each story', () => {
    const def = inTransaction(db, () => {
      const d = toDefinition(insertCase(db, { title: '云图 v. 赵明', parties: [{ name: '云图', role: 'plaintiff' }, { name: '赵明', role: 'defendant' }] }, new Date()));
      expect(backfillCase(db, d, new Date())).toEqual({ added: 2, updated: 0, removed: 0 });
      return d;
    });
    expect(db.$client.prepare('select story_id as storyId, status, stage from matches where case_id = ? order by story_id').all(def.id)).toEqual([
      { storyId: 1, status: 'auto', stage: 'filed' },
      { storyId: 3, status: 'auto', stage: 'ruling' },
    ]);
    const preview = previewMatches(db, def);
    expect(preview).toMatchObject({ timeline: 2, review: 0, complete: true });
    expect(preview.top.map((t) => t.storyId).sort()).toEqual([1, 3]);
  });
});

describe("stories that use two of a case's keywords and name no party", () => {
  it('are found by the backfill and the preview, and wait in review', () => {
    const db = openDb(path.join(tempDir(), 'keywords.db'));
    const insert = db.$client.prepare('insert into stories (guid, title, summary, content_hash, published_at, fetched_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
    const at = Date.UTC(2024, 5, 1);
    const rows: [string, string][] = [
      ['Former engineer charged over probe card trade secrets', 'Prosecutors say the engineer, who was not named, took the files to a rival.'], // 1: two keywords, a dispute
      ['Probe card makers guard their trade secrets', 'Chipmakers tighten access to design files.'], // 2: two keywords, no dispute
      ['Engineer charged over probe card designs', 'The engineer was not named.'], // 3: one keyword
    ];
    inTransaction(db, () => rows.forEach(([t, s], i) => insert.run(`k${i}`, t, s, `hk${i}`, at + i * 3_600_000, at, at)));
    const keywords = ['probe card', 'trade secrets'];
    expect(keywordPairStoryIds(db, keywords)).toEqual([1, 2]);
    expect(keywordPairStoryIds(db, ['probe card'])).toEqual([]);
    expect(keywordPairStoryIds(db, keywords, 1)).toEqual([2]);
    expect(keywordPairStoryIds(db, keywords, undefined, { after: 1, upTo: 3 })).toEqual([2]);
    // A case the user confirmed an anonymised report on reads stories with one keyword.
    expect(keywordPairStoryIds(db, ['probe card'], undefined, undefined, true)).toEqual([1, 2, 3]);
    expect(keywordPairStoryIds(db, keywords, undefined, { after: 2, upTo: 3 }, true)).toEqual([3]);
    const def = inTransaction(db, () => {
      const d = toDefinition(insertCase(db, { title: 'Hangyeol v. Jang', parties: [{ name: 'Hangyeol Semiconductor', role: 'plaintiff' }, { name: 'Jang Seung-ho', role: 'defendant' }], keywords }, new Date()));
      backfillCase(db, d, new Date());
      return d;
    });
    expect(db.$client.prepare('select story_id as storyId, status from matches where case_id = ? order by story_id').all(def.id)).toEqual([{ storyId: 1, status: 'review' }]);
    expect(previewMatches(db, def)).toMatchObject({ timeline: 0, review: 1 });
  });
});
