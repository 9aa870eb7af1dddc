// Digest composition (copies folded, stories already reported left out), subject lines, and when a digest is due.
import { describe, expect, it } from 'vitest';
import { composeDigest, deliveryBackoffMs, digestCutoff, digestSubject, isDue, latestSlot, type DigestStory, type Schedule } from '../../core/digest.ts';

const T = (iso: string) => new Date(iso);

function story(over: Partial<DigestStory> & { storyId: number }): DigestStory {
  return {
    caseId: 1,
    caseTitle: 'ByteDance v. Tian Keyu',
    title: `Story ${over.storyId}`,
    url: `https://wire.example.com/${over.storyId}`,
    source: 'Test Wire',
    publishedAt: T('2024-11-26T01:30:00Z'),
    summary: '',
    stage: null,
    leadStoryId: null,
    ...over,
  };
}

describe('composeDigest', () => {
  it('returns null when nothing is new', () => {
    expect(composeDigest([])).toBeNull();
    expect(composeDigest([story({ storyId: 1, reportedBefore: true })])).toBeNull();
  });

  it('folds a syndicated copy into its lead and names the other outlet', () => {
    const d = composeDigest([
      story({ storyId: 1, title: 'ByteDance sues former intern Tian Keyu for 8 million yuan', stage: 'filed' }),
      story({ storyId: 2, title: 'ByteDance sues former intern Tian Keyu for 8 million yuan', source: 'Mirror Daily', leadStoryId: 1, publishedAt: T('2024-11-26T03:00:00Z') }),
      story({ storyId: 3, title: '字节跳动起诉前实习生田柯宇 索赔800万元', publishedAt: T('2024-11-27T02:00:00Z') }),
    ])!;
    expect(d.storyCount).toBe(2);
    expect(d.storyIds.map((s) => s.storyId).sort()).toEqual([1, 2, 3]);
    const [first, second] = d.cases[0]!.entries;
    expect(first).toMatchObject({ storyId: 1, alsoReportedBy: ['Mirror Daily'], amounts: ['8 million yuan'], stage: 'filed' });
    expect(second).toMatchObject({ storyId: 3, alsoReportedBy: [], amounts: ['800万元'] });
  });

  it('keeps a copy whose lead is not in the digest as its own entry, like the timeline does', () => {
    const d = composeDigest([story({ storyId: 5, leadStoryId: 4 })])!;
    expect(d.cases[0]!.entries.map((e) => e.storyId)).toEqual([5]);
  });

  it('leaves out stories of a cluster the subscriber already has, and does not account for them', () => {
    const d = composeDigest([story({ storyId: 1 }), story({ storyId: 2, reportedBefore: true })])!;
    expect(d.storyCount).toBe(1);
    expect(d.storyIds).toEqual([{ storyId: 1, caseId: 1 }]);
  });

  it('groups per case (sorted by title), entries oldest first, latest stage from the newest staged entry', () => {
    const d = composeDigest([
      story({ storyId: 10, caseId: 2, caseTitle: 'Tesla v. Tripp', stage: 'hearing' }),
      story({ storyId: 2, stage: 'ruling', publishedAt: T('2024-12-20T00:00:00Z') }),
      story({ storyId: 1, stage: 'filed', publishedAt: T('2024-11-26T00:00:00Z') }),
      story({ storyId: 3, stage: null, publishedAt: T('2024-12-21T00:00:00Z') }),
    ])!;
    expect(d.cases.map((c) => [c.title, c.latestStage])).toEqual([
      ['ByteDance v. Tian Keyu', 'ruling'],
      ['Tesla v. Tripp', 'hearing'],
    ]);
    expect(d.cases[0]!.entries.map((e) => e.storyId)).toEqual([1, 2, 3]);
  });
});

describe('digestSubject', () => {
  const of = (stories: DigestStory[]) => digestSubject(composeDigest(stories)!);
  it.each([
    ['one story, no stage', [story({ storyId: 1 })], 'ByteDance v. Tian Keyu: 1 new story'],
    ['three stories, latest stage', [story({ storyId: 1, stage: 'filed' }), story({ storyId: 2 }), story({ storyId: 3, stage: 'ruling', publishedAt: T('2025-01-01T00:00:00Z') })], 'ByteDance v. Tian Keyu: 3 new stories (ruling)'],
    ['folded copies count once', [story({ storyId: 1 }), story({ storyId: 2, leadStoryId: 1, source: 'Mirror' })], 'ByteDance v. Tian Keyu: 1 new story'],
    [
      'two cases',
      [story({ storyId: 1, stage: 'ruling' }), story({ storyId: 2, caseId: 2, caseTitle: 'Tesla v. Tripp' })],
      '2 new stories in 2 cases: ByteDance v. Tian Keyu (ruling); Tesla v. Tripp',
    ],
    ['a title with a line break stays on one line', [story({ storyId: 1, caseTitle: 'A v.\nB' })], 'A v. B: 1 new story'],
  ])('%s', (_name, stories, subject) => {
    expect(of(stories)).toBe(subject);
  });

  it('shortens a long list of cases', () => {
    const many = Array.from({ length: 12 }, (_, i) => story({ storyId: i + 1, caseId: i + 1, caseTitle: `Longish party name number ${i + 1} v. Another party` }));
    const s = of(many);
    expect(s.length).toBeLessThanOrEqual(150);
    expect(s).toMatch(/^12 new stories in 12 cases: .*…$/);
  });
});

const sched = (over: Partial<Schedule>): Schedule => ({ frequency: 'daily', hour: 8, weekday: 1, timezone: 'UTC', lastSentAt: null, ...over });

describe('isDue', () => {
  it.each<[string, Partial<Schedule>, string, boolean]>([
    ['immediate, never sent', { frequency: 'immediate' }, '2025-01-15T12:00:00Z', true],
    ['immediate, inside the batching window', { frequency: 'immediate', lastSentAt: T('2025-01-15T11:55:01Z') }, '2025-01-15T12:00:00Z', false],
    ['immediate, window over', { frequency: 'immediate', lastSentAt: T('2025-01-15T11:55:00Z') }, '2025-01-15T12:00:00Z', true],
    ['daily, never sent', {}, '2025-01-15T12:00:00Z', true],
    // Europe/Berlin is UTC+1 in January: 08:00 local is 07:00Z.
    ['daily Berlin, 07:59 local', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-14T07:00:00Z') }, '2025-01-15T06:59:00Z', false],
    ['daily Berlin, 08:00 local', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-14T07:00:00Z') }, '2025-01-15T07:00:00Z', true],
    ['daily Berlin, sent today, 23:59 local', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-15T07:00:30Z') }, '2025-01-15T22:59:00Z', false],
    ['daily Berlin, sent today, local midnight', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-15T07:00:30Z') }, '2025-01-15T23:00:00Z', false],
    ['daily Berlin, next morning', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-15T07:00:30Z') }, '2025-01-16T07:00:00Z', true],
    ['daily Berlin, a missed slot is caught up late', { timezone: 'Europe/Berlin', lastSentAt: T('2025-01-14T07:00:30Z') }, '2025-01-15T21:00:00Z', true],
    // Los Angeles is UTC-8: 20:00 local on the 15th is 04:00Z on the 16th, after the UTC date has turned.
    ['daily LA at 20:00, UTC date turned, local 19:59', { timezone: 'America/Los_Angeles', hour: 20, lastSentAt: T('2025-01-15T04:00:00Z') }, '2025-01-16T03:59:00Z', false],
    ['daily LA at 20:00, local 20:00', { timezone: 'America/Los_Angeles', hour: 20, lastSentAt: T('2025-01-15T04:00:00Z') }, '2025-01-16T04:00:00Z', true],
    // Tokyo is UTC+9: midnight local is 15:00Z the day before.
    ['daily Tokyo at 00:00, just before', { timezone: 'Asia/Tokyo', hour: 0, lastSentAt: T('2025-01-14T15:00:00Z') }, '2025-01-15T14:59:59Z', false],
    ['daily Tokyo at 00:00', { timezone: 'Asia/Tokyo', hour: 0, lastSentAt: T('2025-01-14T15:00:00Z') }, '2025-01-15T15:00:00Z', true],
    // 2025-01-13 is a Monday.
    ['weekly Monday 09:00 UTC, Monday 08:59', { frequency: 'weekly', hour: 9, lastSentAt: T('2025-01-06T09:00:00Z') }, '2025-01-13T08:59:00Z', false],
    ['weekly Monday 09:00 UTC, Monday 09:00', { frequency: 'weekly', hour: 9, lastSentAt: T('2025-01-06T09:00:00Z') }, '2025-01-13T09:00:00Z', true],
    ['weekly, sent Monday, Sunday night', { frequency: 'weekly', hour: 9, lastSentAt: T('2025-01-13T09:00:05Z') }, '2025-01-19T23:59:00Z', false],
    ['weekly, sent Monday, next Monday', { frequency: 'weekly', hour: 9, lastSentAt: T('2025-01-13T09:00:05Z') }, '2025-01-20T09:00:00Z', true],
    ['weekly, missed Monday, caught up Wednesday', { frequency: 'weekly', hour: 9, lastSentAt: T('2025-01-06T09:00:05Z') }, '2025-01-15T10:00:00Z', true],
    // Auckland is UTC+13 in January: Monday 08:00 there is Sunday 19:00Z.
    ['weekly Auckland Monday 08:00, Sunday 18:59Z', { frequency: 'weekly', timezone: 'Pacific/Auckland', lastSentAt: T('2025-01-05T19:00:00Z') }, '2025-01-12T18:59:00Z', false],
    ['weekly Auckland Monday 08:00, Sunday 19:00Z', { frequency: 'weekly', timezone: 'Pacific/Auckland', lastSentAt: T('2025-01-05T19:00:00Z') }, '2025-01-12T19:00:00Z', true],
  ])('%s', (_name, s, now, due) => {
    expect(isDue(sched(s), T(now))).toBe(due);
  });
});

describe('latestSlot and digestCutoff', () => {
  it.each<[string, Partial<Schedule>, string, string]>([
    ['daily UTC, after the hour', {}, '2025-01-15T12:00:00Z', '2025-01-15T08:00:00.000Z'],
    ['daily UTC, before the hour: yesterday', {}, '2025-01-15T07:00:00Z', '2025-01-14T08:00:00.000Z'],
    ['daily New York (UTC-5)', { timezone: 'America/New_York' }, '2025-01-15T12:00:00Z', '2025-01-14T13:00:00.000Z'],
    ['daily Berlin across the spring DST change (UTC+2 from 30 March)', { timezone: 'Europe/Berlin' }, '2025-03-30T06:30:00Z', '2025-03-30T06:00:00.000Z'],
    ['daily Berlin at 02:00, an hour that does not exist on 30 March', { timezone: 'Europe/Berlin', hour: 2 }, '2025-03-30T05:00:00Z', '2025-03-30T01:00:00.000Z'],
    ['weekly Monday, on a Thursday', { frequency: 'weekly' }, '2025-01-16T12:00:00Z', '2025-01-13T08:00:00.000Z'],
    ['weekly Monday, Monday before the hour: a week back', { frequency: 'weekly' }, '2025-01-13T07:00:00Z', '2025-01-06T08:00:00.000Z'],
  ])('%s', (_name, s, now, slot) => {
    expect(latestSlot(sched(s), T(now)).toISOString()).toBe(slot);
  });

  it('limits scheduled digests to stories that joined before the send time; immediate ones are not limited', () => {
    expect(digestCutoff(sched({}), T('2025-01-15T14:00:00Z'))?.toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(digestCutoff(sched({ frequency: 'immediate' }), T('2025-01-15T14:00:00Z'))).toBeNull();
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(latestSlot(sched({ timezone: 'Mars/Olympus_Mons' }), T('2025-01-15T12:00:00Z')).toISOString()).toBe('2025-01-15T08:00:00.000Z');
  });
});

describe('deliveryBackoffMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [5, 16 * 60_000],
    [20, 6 * 3600_000],
  ])('after %i failures waits %i ms', (n, ms) => {
    expect(deliveryBackoffMs(n)).toBe(ms);
  });
});
