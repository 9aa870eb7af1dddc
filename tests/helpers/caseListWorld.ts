// Three cases for the case list's tests: one whose news is years old, one with news this month, one with none yet;
// and a feed that can bring new stories after a first visit.
import { afterAll } from 'vitest';
import { startTestApp } from './app.ts';
import { serveBody, startFeedServer } from './feedServer.ts';

interface Item {
  guid: string;
  title: string;
  summary: string;
  date: Date;
}

const DAY = 86_400_000;

function rss(items: Item[]): string {
  const item = (i: Item) =>
    `<item><title>${i.title}</title><link>https://w.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${i.date.toUTCString()}</pubDate><description>${i.summary}</description></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://w.example.com/</link>${items.map(item).join('')}</channel></rss>`;
}

const OLD: Item[] = [
  { guid: 'acme-1', title: 'Acme Corporation sues Wile E. Coyote over unpaid rocket orders', summary: 'Acme Corporation filed a lawsuit against Wile E. Coyote in federal court.', date: new Date(Date.UTC(2018, 2, 5, 10)) },
  { guid: 'acme-2', title: 'Hearing held in Acme Corporation lawsuit against Wile E. Coyote', summary: 'Lawyers for Acme Corporation and Wile E. Coyote argued at a hearing.', date: new Date(Date.UTC(2018, 8, 10, 15)) },
  { guid: 'acme-3', title: 'Court rules for Acme Corporation against Wile E. Coyote', summary: 'The court ruled that Wile E. Coyote must pay Acme Corporation.', date: new Date(Date.UTC(2020, 5, 1, 9)) },
];

const recent = (now: number): Item[] => [
  { guid: 'bd-1', title: 'ByteDance sues former intern Tian Keyu over sabotage', summary: 'ByteDance filed a lawsuit seeking 8 million yuan from Tian Keyu.', date: new Date(now - 10 * DAY) },
  { guid: 'bd-2', title: '字节跳动起诉前实习生田柯宇', summary: '字节跳动向海淀法院起诉田柯宇，索赔800万元。', date: new Date(now - 3 * DAY) },
];

const arriving = (now: number): Item[] => [
  { guid: 'bd-3', title: 'Court hears ByteDance sabotage lawsuit against Tian Keyu', summary: 'A Beijing court held a hearing in the ByteDance suit against Tian Keyu over sabotage.', date: new Date(now - 2 * 3_600_000) },
  { guid: 'bd-4', title: '海淀法院开庭审理字节跳动诉田柯宇案', summary: '字节跳动诉前实习生田柯宇破坏模型训练一案开庭。', date: new Date(now - 3_600_000) },
];

export type CaseListWorld = Awaited<ReturnType<typeof caseListWorld>>;

export async function caseListWorld() {
  const now = Date.now();
  const feeds = await startFeedServer({ '/wire.rss': serveBody(rss([...OLD, ...recent(now)]), 'application/rss+xml') });
  afterAll(() => feeds.close());
  const app = await startTestApp();
  await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/wire.rss` } });
  const create = async (json: unknown) => (await app.api('/api/cases?wait=true', { method: 'POST', json })).body.id as number;
  const old = await create({ title: 'Acme Corporation v. Wile E. Coyote', parties: [{ name: 'Acme Corporation', role: 'plaintiff' }, { name: 'Wile E. Coyote', role: 'defendant' }] });
  const fresh = await create({
    title: 'ByteDance v. Tian Keyu',
    parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }],
    keywords: ['sabotage'],
  });
  const none = await create({ title: 'Globex v. Initech', parties: [{ name: 'Globex Corporation', role: 'plaintiff' }, { name: 'Initech', role: 'defendant' }] });
  const totalStories = async (id: number) => (await app.api(`/api/cases/${id}/timeline`)).body.totalStories as number;
  return {
    app,
    ids: { old, fresh, none },
    totalStories,
    /** New stories for the fresh case, matched now by a poll; how many joined its timeline. */
    async addNews(): Promise<number> {
      const before = await totalStories(fresh);
      feeds.routes.set('/wire.rss', serveBody(rss([...OLD, ...recent(now), ...arriving(Date.now())]), 'application/rss+xml'));
      await app.api('/api/poll?wait=true', { method: 'POST' });
      return (await totalStories(fresh)) - before;
    },
    /** The pages' clock runs this far ahead of the real one: a later view starts a new visit. */
    setClockAhead(ms: number): void {
      app.ctx.now = () => new Date(Date.now() + ms);
    },
  };
}
