// A database file with one long-running case's news: hundreds of stories over three years, through every stage.
import { storyFacts } from '../../core/timelineEntries.ts';
import { closeDb, inTransaction, openDb } from '../../db/openDb.ts';

const DAY = 86_400_000;

/** The story that reports each stage, and when (the rest are updates in between). */
const MILESTONES: { at: string; title: string; summary: string }[] = [
  {
    at: '2018-06-20',
    title: 'Tesla sues former technician Martin Tripp over leaked data',
    summary:
      'Tesla filed a lawsuit against Martin Tripp in the U.S. District Court for the District of Nevada, case 3:18-cv-00296, seeking $1 million.',
  },
  {
    at: '2019-02-12',
    title: 'Tesla v. Tripp: first court hearing on the data leak',
    summary:
      'Martin Tripp and Tesla argued at a hearing in the U.S. District Court for the District of Nevada in case 3:18-cv-00296.',
  },
  {
    at: '2020-09-17',
    title: 'Judge rules for Tesla in lawsuit against Martin Tripp',
    summary:
      'The court ruled that Tripp must pay Tesla $400,000, in case 3:18-cv-00296 at the U.S. District Court for the District of Nevada.',
  },
  {
    at: '2020-11-02',
    title: 'Martin Tripp files appeal against ruling in Tesla lawsuit',
    summary:
      'Tripp appealed the judgment of the U.S. District Court for the District of Nevada ordering him to pay Tesla $400,000.',
  },
  {
    at: '2021-04-30',
    title: 'Tesla and Martin Tripp settle lawsuit over leaked data',
    summary:
      'Tesla and Tripp agreed to settle the lawsuit; Tripp pays $400,000, records of the U.S. District Court for the District of Nevada in case 3:18-cv-00296 show.',
  },
];

export const LONG_CASE = {
  title: 'Tesla v. Tripp (long)',
  parties: [
    { name: 'Tesla', role: 'plaintiff', aliases: [] },
    { name: 'Martin Tripp', role: 'defendant', aliases: [] },
  ],
  keywords: ['leaked data'],
};

/**
 * `count` stories naming both parties in a legal context from June 2018 to April 2021, one every few days, each worded
 * differently so that none folds into another; the milestones above report the stages. Returns the milestones' dates.
 */
export function writeLongCaseStories(dbPath: string, count: number): { first: Date; last: Date } {
  const db = openDb(dbPath);
  const insert = db.$client.prepare(
    `insert into stories (guid, url, canonical_url, title, summary, content_hash, facts, published_at, fetched_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const first = Date.parse(`${MILESTONES[0]!.at}T09:00:00Z`);
  const last = Date.parse(`${MILESTONES.at(-1)!.at}T09:00:00Z`);
  const words = [
    'battery',
    'Gigafactory',
    'Nevada',
    'whistleblower',
    'counterclaim',
    'discovery',
    'deposition',
    'emails',
    'lawyers',
    'filing',
  ];
  inTransaction(db, () => {
    const put = (n: number, at: number, title: string, summary: string) =>
      insert.run(
        `long-${n}`,
        `https://wire.example.com/tripp/${n}`,
        `https://wire.example.com/tripp/${n}`,
        title,
        summary,
        `h-long-${n}`,
        JSON.stringify(storyFacts({ title, summary })),
        at,
        at,
        at,
      );
    MILESTONES.forEach((m, i) => put(i, Date.parse(`${m.at}T09:00:00Z`), m.title, m.summary));
    for (let n = MILESTONES.length; n < count; n++) {
      const at =
        first + DAY + Math.floor(((last - first - 2 * DAY) * (n - MILESTONES.length)) / (count - MILESTONES.length));
      const [a, b, c] = [words[n % 10], words[(n * 3 + 1) % 10], words[(n * 7 + 2) % 10]];
      put(
        n,
        at,
        `Tesla and Martin Tripp lawsuit update ${n}: ${a} and ${b}`,
        `Lawyers for Tesla and Martin Tripp spoke about the ${c} in the court case (note ${n}, ${a} ${b} ${c}).`,
      );
    }
  });
  closeDb(db);
  return { first: new Date(first), last: new Date(last) };
}
