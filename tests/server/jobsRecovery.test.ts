// A backfill that is cancelled, killed or overtaken by decisions leaves consistent data and loses no decision.
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { spawnCasewatch, waitForLine } from '../helpers/cliProcess.ts';
import { ACME_CASE, isLawsuitStory, writeAcmeStories } from '../helpers/storyStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const STORIES = 40_000;
/** Story ids are 1-based in insertion order: story n of the generator has id n + 1. */
const lawsuitIdsUpTo = (maxId: number) => Array.from({ length: Math.min(maxId, STORIES) }, (_, i) => i + 1).filter((id) => isLawsuitStory(id - 1));

type Api = Awaited<ReturnType<typeof startTestApp>>['api'];

/** Polls the job until `until` holds for it (or it has ended), and returns it. */
async function watchJob(api: Api, url: string, until: (job: any) => boolean): Promise<any> {
  for (;;) {
    const { body } = await api(url);
    if (until(body) || !['queued', 'running'].includes(body.state)) return body;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const partWay = (job: any) => job.state === 'running' && job.done > 0 && job.done < job.total;

/** The case's matched story ids with their status, from the database file. */
function matchesOf(dbPath: string, caseId: number): Map<number, string> {
  const sqlite = new Database(dbPath, { readonly: true });
  const rows = sqlite.prepare('select story_id as id, status from matches where case_id = ?').all(caseId) as { id: number; status: string }[];
  sqlite.close();
  return new Map(rows.map((r) => [r.id, r.status]));
}

describe('a backfill interrupted', { timeout: 120_000 }, () => {
  let dbPath: string;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    dbPath = path.join(tempDir(), 'jobs.db');
    writeAcmeStories(dbPath, STORIES);
    app = await startTestApp({ DATABASE_PATH: dbPath });
  });

  it('cancelled part way: every story up to the cursor has the new matches, the rest the earlier ones', async () => {
    // Before: the case excludes every lawsuit story, so nothing matches.
    const saved = await app.api('/api/cases?wait=true', { method: 'POST', json: { ...ACME_CASE, exclude: ['federal court'] } });
    const caseId = saved.body.id as number;
    expect(matchesOf(dbPath, caseId).size).toBe(0);
    const edit = await app.api(`/api/cases/${caseId}`, { method: 'PATCH', json: { exclude: [] } });
    expect(partWay(await watchJob(app.api, edit.body.job.url, partWay))).toBe(true);
    const cancel = await app.api(`/api/jobs/${edit.body.job.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelRequested).toBe(true);
    const ended = await watchJob(app.api, edit.body.job.url, () => false);
    expect(ended.state).toBe('cancelled');
    expect(ended.phrase).toMatch(/^Cancelled after [\d,]+ of 40,000 stories/);
    expect(ended.done).toBeLessThan(STORIES);
    const cursor = (new Database(dbPath, { readonly: true }).prepare('select cursor from jobs where id = ?').get(ended.id) as { cursor: number }).cursor;
    expect([...matchesOf(dbPath, caseId).keys()].sort((a, b) => a - b)).toEqual(lawsuitIdsUpTo(cursor));
    // The timeline reads whole, and a second cancel of an ended job changes nothing.
    expect((await app.api(`/api/cases/${caseId}/timeline`)).body.totalStories).toBe(lawsuitIdsUpTo(cursor).length);
    expect((await app.api(`/api/jobs/${ended.id}/cancel`, { method: 'POST' })).body.state).toBe('cancelled');
    expect((await app.api('/api/jobs/999999/cancel', { method: 'POST' })).status).toBe(404);
  });

  it('keeps the decisions made on the case while its backfill runs', async () => {
    const saved = await app.api('/api/cases?wait=true', { method: 'POST', json: { ...ACME_CASE, title: 'Acme v. Roe (decisions)' } });
    const caseId = saved.body.id as number;
    const lawsuits = lawsuitIdsUpTo(STORIES);
    expect(saved.body.job.state).toBe('done');
    const [early, late] = [lawsuits[1]!, lawsuits.at(-2)!];
    const edit = await app.api(`/api/cases/${caseId}`, { method: 'PATCH', json: { keywords: ['trade secrets', 'robot designs'] } });
    expect(partWay(await watchJob(app.api, edit.body.job.url, partWay))).toBe(true);
    expect((await app.api(`/api/cases/${caseId}/stories/${early}`, { method: 'POST', json: { decision: 'reject' } })).status).toBe(200);
    expect((await app.api(`/api/cases/${caseId}/stories/${late}`, { method: 'POST', json: { decision: 'confirm' } })).status).toBe(200);
    expect((await watchJob(app.api, edit.body.job.url, () => false)).state).toBe('done');
    const after = matchesOf(dbPath, caseId);
    expect(after.get(early)).toBe('rejected');
    expect(after.get(late)).toBe('confirmed');
    expect([...after.values()].filter((s) => s === 'auto')).toHaveLength(lawsuits.length - 2);
  });

  it('a new backfill of the same case overtakes the one running', async () => {
    const saved = await app.api('/api/cases', { method: 'POST', json: { ...ACME_CASE, title: 'Acme v. Roe (overtaken)' } });
    await watchJob(app.api, saved.body.job.url, partWay);
    const edit = await app.api(`/api/cases/${saved.body.id}?wait=true`, { method: 'PATCH', json: { summary: 'Robot designs taken to a rival.' } });
    expect(edit.body.job.state).toBe('done');
    expect((await app.api(saved.body.job.url)).body.state).toBe('cancelled');
    const jobs = (await app.api(`/api/jobs?caseId=${saved.body.id}`)).body.jobs;
    expect(jobs.map((j: { id: number }) => j.id)).toEqual([edit.body.job.id, saved.body.job.id]);
    expect((await app.api(`/api/cases/${saved.body.id}/timeline`)).body.totalStories).toBe(lawsuitIdsUpTo(STORIES).length);
  });
});

describe('a backfill killed with SIGKILL', { timeout: 180_000 }, () => {
  it('resumes after the restart from where its last step was applied, and ends with every match', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'killed.db');
    writeAcmeStories(dbPath, STORIES);
    const env = { PORT: '0', DATABASE_PATH: dbPath, OUTBOX_DIR: path.join(dir, 'outbox'), SEARCH_FEEDS: 'off' };
    const start = async () => {
      const child = spawnCasewatch(['serve'], env, dir);
      const url = JSON.parse(await waitForLine(child, /listening on/)).url as string;
      const api: Api = async (p, init = {}) => {
        const res = await fetch(url + p, { ...init, ...(init.json !== undefined ? { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } } : {}) });
        return { status: res.status, body: await res.json(), headers: res.headers };
      };
      return { child, api };
    };
    const first = await start();
    const saved = await first.api('/api/cases', { method: 'POST', json: ACME_CASE });
    await watchJob(first.api, saved.body.job.url, partWay);
    const exited = new Promise((r) => first.child.on('exit', r));
    first.child.kill('SIGKILL');
    await exited;

    // Nothing half-applied: the matches are exactly the lawsuit stories up to the job's cursor.
    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const killed = sqlite.prepare('select state, cursor, done from jobs where id = ?').get(saved.body.job.id) as { state: string; cursor: number; done: number };
    sqlite.close();
    expect(killed.state).toBe('running');
    expect(killed.done).toBeLessThan(STORIES);
    expect([...matchesOf(dbPath, saved.body.id).keys()].sort((a, b) => a - b)).toEqual(lawsuitIdsUpTo(killed.cursor ?? 0));

    const second = await start();
    try {
      const ended = await watchJob(second.api, saved.body.job.url, () => false);
      expect(ended).toMatchObject({ state: 'done', done: STORIES, total: STORIES });
      expect([...matchesOf(dbPath, saved.body.id).keys()].sort((a, b) => a - b)).toEqual(lawsuitIdsUpTo(STORIES));
      expect((await second.api(`/api/cases/${saved.body.id}/timeline`)).body.totalStories).toBe(lawsuitIdsUpTo(STORIES).length);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
