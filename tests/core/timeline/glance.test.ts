import { describe, expect, it } from 'vitest';
import {
  agreedFacts,
  stageTrack,
  TRACK_OF,
  TRACK_STEPS,
  trackStepOf,
  type FactSource,
} from '../../../core/timeline/glance.ts';
import { LEGAL_STAGES } from '../../../core/timeline/stage.ts';

const at = (day: string) => new Date(`${day}T09:00:00Z`);

describe('stageTrack', () => {
  it('puts every stage the matcher tags on the track, except "other"', () => {
    for (const stage of LEGAL_STAGES) expect(trackStepOf(stage) === null, stage).toBe(stage === 'other');
    expect(new Set(Object.values(TRACK_OF))).toEqual(new Set(TRACK_STEPS));
    expect(trackStepOf(null)).toBeNull();
    expect(trackStepOf('not a stage')).toBeNull();
  });

  it.each([
    {
      name: 'a filing and a ruling two years apart; hearing, appeal and settled not reported',
      firsts: [
        { stage: 'ruling', storyId: 9, publishedAt: at('2020-03-02') },
        { stage: 'filed', storyId: 2, publishedAt: at('2018-06-20') },
      ],
      latest: 'ruling',
      want: [
        ['filed', 2, false],
        ['hearing', null, false],
        ['ruling', 9, true],
        ['appeal', null, false],
        ['settled', null, false],
      ],
    },
    {
      name: 'a criminal charge reported before the civil suit reaches the filed step first',
      firsts: [
        { stage: 'filed', storyId: 5, publishedAt: at('2019-01-10') },
        { stage: 'criminal', storyId: 3, publishedAt: at('2018-12-01') },
      ],
      latest: 'criminal',
      want: [
        ['filed', 3, true],
        ['hearing', null, false],
        ['ruling', null, false],
        ['appeal', null, false],
        ['settled', null, false],
      ],
    },
    {
      name: 'a dismissal reaches the last step; equal dates go to the lower story id',
      firsts: [
        { stage: 'settlement', storyId: 8, publishedAt: at('2021-05-05') },
        { stage: 'dismissal', storyId: 7, publishedAt: at('2021-05-05') },
        { stage: 'other', storyId: 1, publishedAt: at('2017-01-01') },
      ],
      latest: 'settlement',
      want: [
        ['filed', null, false],
        ['hearing', null, false],
        ['ruling', null, false],
        ['appeal', null, false],
        ['settled', 7, true],
      ],
    },
    { name: 'nothing staged', firsts: [], latest: null, want: TRACK_STEPS.map((s) => [s, null, false]) },
  ])('$name', ({ firsts, latest, want }) => {
    expect(stageTrack(firsts, latest).map((s) => [s.step, s.first?.storyId ?? null, s.current])).toEqual(want);
  });
});

const story = (title: string, summary = '', stored?: { amounts: string[]; courts: string[] }): FactSource => ({
  title,
  summary,
  ...(stored ?? {}),
});

describe('agreedFacts', () => {
  const none = { court: null, caseNumber: null };

  it.each([
    {
      name: 'the amount two stories state, written two ways, shown as the newest story writes it',
      stories: [
        story('字节跳动起诉前实习生', '索赔800万元'),
        story('ByteDance sues intern', 'It seeks 8 million yuan.'),
        story('An unrelated sum', 'A fine of $5 million.'),
      ],
      own: none,
      want: { amount: ['800万元', 2], court: null, caseNumber: null },
    },
    {
      name: 'a fact only one story states is not agreement',
      stories: [
        story('Tesla sues Tripp', 'Tesla seeks $1 million.'),
        story('Tripp responds', 'He calls the suit retaliation.'),
      ],
      own: none,
      want: { amount: null, court: null, caseNumber: null },
    },
    {
      name: 'the court most stories name wins; a story naming it twice counts once',
      stories: [
        story('Hearing at Washoe County District Court', 'The Washoe County District Court heard both sides.'),
        story('Ruling in Nevada', 'The U.S. District Court for the District of Nevada ruled on Tuesday.'),
        story('Tripp case', 'The U.S. District Court for the District of Nevada set a trial date.'),
      ],
      own: none,
      want: { amount: null, court: ['U.S. District Court for the District of Nevada', 2], caseNumber: null },
    },
    {
      name: 'facts stored with a story are used instead of its text',
      stories: [
        story('A', '', { amounts: ['$400,000'], courts: ['High Court'] }),
        story('B', '', { amounts: ['US$400,000'], courts: ['High Court'] }),
      ],
      own: none,
      want: { amount: ['$400,000', 2], court: ['High Court', 2], caseNumber: null },
    },
    {
      name: 'case numbers are compared as keys, so two spellings agree',
      stories: [
        story('Docket', 'Case No. 3:18-cv-00296 in Nevada.'),
        story('Filing', 'In 3:18-CV-296, Tesla asked for more time.'),
      ],
      own: none,
      want: { amount: null, court: null, caseNumber: ['3:18-cv-00296', 2] },
    },
    {
      name: "the case's own court and number come first, even when stories say otherwise",
      stories: [
        story('A', 'The Haidian court in Beijing.', { amounts: [], courts: ['Haidian Court'] }),
        story('B', '', { amounts: [], courts: ['Haidian Court'] }),
      ],
      own: { court: "Haidian District People's Court", caseNumber: '(2024)京0108民初1号' },
      want: { amount: null, court: ["Haidian District People's Court", 0], caseNumber: ['(2024)京0108民初1号', 0] },
    },
  ])('$name', ({ stories, own, want }) => {
    const facts = agreedFacts(stories, own);
    const shape = (f: { value: string; stories: number } | null) => (f ? [f.value, f.stories] : null);
    expect({ amount: shape(facts.amount), court: shape(facts.court), caseNumber: shape(facts.caseNumber) }).toEqual(
      want,
    );
    expect(facts.read).toBe(stories.length);
    expect(facts.court?.fromCase ?? false).toBe(Boolean(own.court));
  });
});
