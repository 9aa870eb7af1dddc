// Migration 0016: a delivery's state moves out of the message id's prefix into a column of its own, and the digest
// job carries on with the attempts that were open when the file was upgraded.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveriesOf, deliveryCounts, openAttempt } from '../../db/deliveries.ts';
import { closeDb, openDb } from '../../db/openDb.ts';
import { databaseBefore } from '../helpers/oldDatabase.ts';

describe('deliveries stored before migration 0016', () => {
  it('keep their state and message id, and the open attempt is found again', () => {
    const { file, raw } = databaseBefore('0016');
    const at = Date.UTC(2026, 11, 1);
    raw.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', ${at}, ${at})`);
    raw.exec(`insert into subscriptions (id, case_id, channel, target, frequency, hour, weekday, timezone, secret, token, created_at, next_attempt_at)
      values (1, 1, 'email', 'a@example.org', 'daily', 8, 1, 'UTC', 's', 'tok', ${at}, ${at})`);
    const story = raw.prepare('insert into stories (guid, title, summary, content_hash, published_at, fetched_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= 5; i++) story.run(`g${i}`, `Story ${i}`, '', `h${i}`, at, at, at);
    const delivery = raw.prepare('insert into deliveries (subscription_id, story_id, case_id, message_id, sent_at) values (1, ?, 1, ?, ?)');
    delivery.run(1, '<sent-1@casewatch>', at);
    delivery.run(2, null, at);
    delivery.run(3, 'sending:<open-2@casewatch>', at + 1000);
    delivery.run(4, 'sending:<open-2@casewatch>', at + 1000);
    delivery.run(5, 'retry:<later-3@casewatch>', at + 2000);
    raw.close();

    const db = openDb(path.join(path.dirname(file), 'old.db'));
    try {
      expect(deliveriesOf(db, 1).map((d) => [d.storyId, d.state, d.messageId])).toEqual([
        [1, 'sent', '<sent-1@casewatch>'],
        [2, 'folded', null],
        [3, 'sending', '<open-2@casewatch>'],
        [4, 'sending', '<open-2@casewatch>'],
        [5, 'retry', '<later-3@casewatch>'],
      ]);
      expect(openAttempt(db, 1)).toEqual({ messageId: '<open-2@casewatch>', state: 'sending', claimedAt: new Date(at + 1000) });
      expect(deliveryCounts(db).get(1)).toEqual({ sent: 1, waiting: 3 });
    } finally {
      closeDb(db);
    }
  });
});
