// A case reported without names: once the user confirms an anonymised report, reports like it that share only one
// of the case's keywords are read too, in the next poll and in a re-match of the stored stories; others are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackfill } from '../../app/jobs.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

const item = (guid: string, title: string, text: string, day: number) =>
  `<item><title>${title}</title><link>http://kr.example.kr/news/${guid}</link><guid>${guid}</guid><description>${text}</description><pubDate>${new Date(Date.UTC(2024, 1, day)).toUTCString()}</pubDate></item>`;

// Two of the case's keywords and a dispute, no name: held for review.
const indicted = item('k1', '반도체 검사부품 기술 유출 전 수석연구원 구속기소', '수원지검은 프로브카드 설계 자료를 빼돌린 혐의로 B사 전 수석연구원을 구속기소했다. 그는 설계 파일 약 2700개를 개인 클라우드에 올린 뒤 경쟁사 C사로 옮겼다.', 15);
// One keyword and a dispute, like the report above.
const sentenced = item('k2', "'프로브카드 설계도' 전 연구원 1심 징역 2년", '수원지법 형사부는 프로브카드 설계 자료를 빼돌려 경쟁사 C사 제품 개발에 사용한 혐의로 기소된 B사 전 수석연구원에게 징역 2년을 선고했다.', 20);
// One keyword and a dispute, about something else.
const patent = item('k3', '프로브카드 업체 특허 소송 패소', '미국 장비업체가 국내 프로브카드 업체를 상대로 낸 특허 침해 소송에서 법원은 원고 패소 판결을 내렸다. 업체는 수출 확대를 계획하고 있다.', 21);
// Arrives after the decision: one keyword and a dispute, like the confirmed report.
const appeal = item('k4', '프로브카드 설계 자료 유출 전 연구원 항소심 징역 1년6개월', '수원고법은 프로브카드 설계 자료를 빼돌려 경쟁사 C사로 옮긴 혐의로 기소된 B사 전 수석연구원에게 징역 1년 6개월을 선고했다.', 25);

const rss = (items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>KR</title><link>http://kr.example.kr/</link><description>k</description>${items.join('')}</channel></rss>`;

const PROBE_CASE = {
  title: 'Hangyeol Semiconductor v. Jang Seung-ho',
  summary: 'Hangyeol Semiconductor sued former principal research engineer Jang Seung-ho at the Suwon District Court over about 2,700 probe-card design files.',
  parties: [
    { name: 'Hangyeol Semiconductor', role: 'plaintiff', aliases: ['한결반도체'] },
    { name: 'Jang Seung-ho', role: 'defendant', aliases: ['장승호'] },
  ],
  keywords: ['probe card', '프로브카드', '기술 유출'],
};

describe('a case whose reports name no one', () => {
  let app: App;
  let site: FeedServer;
  let feed = rss([indicted, sentenced, patent]);
  let caseId = 0;
  const serve: Handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);

  const guidOf = (url: string) => url.split('/').at(-1)!;
  type Entry = { url: string; storyId: number; reasons: string[]; duplicates: { url: string }[] };
  const timelineOf = async () => (await app.api(`/api/cases/${caseId}/timeline?perPage=100`)).body as { entries: Entry[]; review: Entry[] };
  const read = async () => {
    const t = await timelineOf();
    return {
      timeline: t.entries.flatMap((e) => [e.url, ...e.duplicates.map((d) => d.url)]).map(guidOf).sort(),
      review: t.review.map((e) => guidOf(e.url)).sort(),
      reviewIds: new Map(t.review.map((e) => [guidOf(e.url), e.storyId])),
    };
  };

  beforeAll(async () => {
    site = await startFeedServer({ '/kr.xml': serve });
    app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/kr.xml` } })).status).toBe(201);
    const saved = await app.api('/api/cases?wait=true', { method: 'POST', json: PROBE_CASE });
    expect(saved.status).toBe(201);
    caseId = saved.body.id;
  }, 30_000);

  afterAll(() => site?.close());

  it('holds the report with two keywords for review, and reads nothing with one', async () => {
    const r = await read();
    expect(r.review).toEqual(['k1']);
    expect(r.timeline).toEqual([]);
  });

  it('after the user confirms it, a re-match puts the report like it on the timeline, and not the other one', async () => {
    const r = await read();
    expect((await app.api(`/api/cases/${caseId}/stories/${r.reviewIds.get('k1')}`, { method: 'POST', json: { decision: 'confirm' } })).status).toBe(200);
    expect((await read()).timeline).toEqual(['k1']);
    const job = startBackfill(app.ctx, caseId);
    await app.ctx.jobs.wait(job.id);
    const after = await read();
    expect(after.timeline).toEqual(['k1', 'k2']);
    expect(after.review).toEqual([]);
  });

  it('the next poll reads a new report like it on one keyword', async () => {
    feed = rss([indicted, sentenced, patent, appeal]);
    expect((await app.api('/api/poll?wait=true', { method: 'POST', json: {} })).status).toBe(200);
    expect((await read()).timeline).toEqual(['k1', 'k2', 'k4']);
    const entry = (await timelineOf()).entries.find((e) => [e.url, ...e.duplicates.map((d) => d.url)].some((u) => u.endsWith('/k4')))!;
    expect(entry.reasons.join('; ')).toMatch(/like \d stor(y|ies) you confirmed/);
  });
});

describe('a report that names the defendant by a letter after their role', () => {
  let app: App;
  let site: FeedServer;
  const pseudonymous = item('p1', "'프로브카드 설계도' 전 연구원 1심 징역 2년", '수원지법 형사부는 프로브카드 설계 자료를 빼돌린 혐의로 기소된 B사 전 수석연구원 A씨에게 징역 2년을 선고했다.', 20);
  // The same words for someone whose role is not the defendant's.
  const salesman = item('p2', '프로브카드 영업 비리 전 영업사원 1심 징역 1년', '수원지법 형사부는 프로브카드 납품 과정에서 뒷돈을 받은 혐의로 기소된 B사 전 영업사원 A씨에게 징역 1년을 선고했다.', 21);
  // A space before the honorific, at the appeal court of the case's city.
  const spaced = item('p3', "'프로브카드 설계도 유출' 전 연구원 항소심", '수원고법은 B사 전 수석연구원 A 씨에게 징역 1년 6개월을 선고했다.', 25);
  const serve: Handler = (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss([pseudonymous, salesman, spaced]));

  beforeAll(async () => {
    site = await startFeedServer({ '/kr.xml': serve });
    app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/kr.xml` } })).status).toBe(201);
  }, 30_000);

  afterAll(() => site?.close());

  it('reads it as the defendant anonymised, on one keyword and the case court, at once (no decision needed)', async () => {
    expect((await app.api('/api/poll?wait=true', { method: 'POST', json: {} })).status).toBe(200);
    const saved = await app.api('/api/cases?wait=true', { method: 'POST', json: PROBE_CASE });
    expect(saved.status).toBe(201);
    const t = (await app.api(`/api/cases/${saved.body.id}/timeline?perPage=100`)).body as { entries: { url: string; reasons: string[] }[]; review: { url: string }[] };
    expect(t.entries.map((e) => e.url.split('/').at(-1)).sort()).toEqual(['p1', 'p3']);
    expect(t.entries.find((e) => e.url.endsWith('/p1'))!.reasons.join('; ')).toContain('anonymised party (B사 전 수석연구원 A씨) with');
    expect(t.review.map((e) => e.url.split('/').at(-1))).toEqual([]);
  });
});
