import { describe, expect, it } from 'vitest';
import { HELD_FOR_REVIEW, NAMELESS_HELD } from '../../core/matching/score.ts';
import { groupEntries, reasonsForStatus, type TimelineStory } from '../../core/timelineEntries.ts';

describe('reasonsForStatus', () => {
  const matcher = ['plaintiff ByteDance in title named', 'legal words (+)'];
  it.each([
    ['review keeps the matcher’s words', [...matcher, HELD_FOR_REVIEW], 'review', [...matcher, HELD_FOR_REVIEW]],
    ['auto keeps them', matcher, 'auto', matcher],
    [
      'confirmed from review no longer says it is held',
      [...matcher, HELD_FOR_REVIEW],
      'confirmed',
      [...matcher, 'confirmed by you'],
    ],
    ['confirmed from auto says so', matcher, 'confirmed', [...matcher, 'confirmed by you']],
    ['rejected says so', [...matcher, HELD_FOR_REVIEW], 'rejected', [...matcher, 'rejected by you']],
    ['a nameless report confirmed is no longer held', [...matcher, NAMELESS_HELD], 'confirmed', [...matcher, 'confirmed by you']],
  ] as const)('%s', (_name, reasons, status, want) => {
    expect(reasonsForStatus(reasons, status)).toEqual(want);
  });

  it('is what a timeline entry shows', () => {
    const story: TimelineStory = {
      storyId: 1,
      title: 'T',
      url: null,
      source: null,
      publishedAt: new Date(0),
      summary: '',
      summaryHtml: '',
      score: 40,
      reasons: [...matcher, HELD_FOR_REVIEW],
      status: 'confirmed',
      stage: null,
      leadStoryId: null,
    };
    expect(groupEntries([story], 'newest').entries[0]!.reasons).toEqual([...matcher, 'confirmed by you']);
  });
});
