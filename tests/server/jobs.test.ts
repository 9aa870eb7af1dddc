// Backfills as background jobs: the save answers at once, progress rises to done/total, ?wait=true blocks.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { ACME_CASE, isLawsuitStory, writeAcmeStories } from '../helpers/storyStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const STORIES = 12_000;
const LAWSUITS = Array.from({ length: STORIES }, (_, n) => n).filter(isLawsuitStory).length;

describe('a case saved over many stored stories', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    const dbPath = path.join(tempDir(), 'jobs.db');
    writeAcmeStories(dbPath, STORIES);
    app = await startTestApp({ DATABASE_PATH: dbPath });
  });

  it('answers at once with the case and its job, whose progress rises and ends at done = total', async () => {
    const saved = await app.api('/api/cases', { method: 'POST', json: ACME_CASE });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ title: ACME_CASE.title, job: { kind: 'backfill', caseId: saved.body.id, url: `/api/jobs/${saved.body.job.id}` } });
    expect(['queued', 'running']).toContain(saved.body.job.state);
    const seen: { done: number; total: number | null; state: string; finishedAt: string | null }[] = [];
    for (;;) {
      const { body } = await app.api(saved.body.job.url);
      seen.push(body);
      if (body.state !== 'queued' && body.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'done', done: STORIES, total: STORIES, error: null });
    expect(last.finishedAt).not.toBeNull();
    // Progress never goes back, and was seen part way at least once.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.some((s) => s.state === 'running' && s.done > 0 && s.done < STORIES)).toBe(true);
    const timeline = await app.api(`/api/cases/${saved.body.id}/timeline`);
    expect(timeline.body.totalStories).toBe(LAWSUITS);
  });

  it('with ?wait=true answers once the backfill has ended, its timeline filled', async () => {
    const saved = await app.api('/api/cases?wait=true', { method: 'POST', json: { ...ACME_CASE, title: 'Acme v. Roe (waited)' } });
    expect(saved.status).toBe(201);
    expect(saved.body.job).toMatchObject({ state: 'done', done: STORIES, total: STORIES });
    const timeline = await app.api(`/api/cases/${saved.body.id}/timeline`);
    expect(timeline.body.totalStories).toBe(LAWSUITS);
    const edited = await app.api(`/api/cases/${saved.body.id}?wait=true`, { method: 'PATCH', json: { exclude: ['federal court'] } });
    expect(edited.status).toBe(200);
    expect(edited.body.job.state).toBe('done');
    expect((await app.api(`/api/cases/${saved.body.id}/timeline`)).body.totalStories).toBe(0);
  });

  it('refuses a wait flag that is not true or false, naming the field', async () => {
    const r = await app.api('/api/cases?wait=yes', { method: 'POST', json: ACME_CASE });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/wait/);
  });
});

describe('with BACKFILL_THREADS=0 (matching on the main thread, a step per turn of the event loop)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    const dbPath = path.join(tempDir(), 'inline.db');
    writeAcmeStories(dbPath, STORIES);
    app = await startTestApp({ DATABASE_PATH: dbPath, BACKFILL_THREADS: '0' });
  });

  it('fills the timeline the same way and still answers other requests between its steps', async () => {
    const saved = await app.api('/api/cases', { method: 'POST', json: ACME_CASE });
    expect(saved.status).toBe(201);
    let answeredWhileRunning = false;
    for (;;) {
      const [job, health] = await Promise.all([app.api(saved.body.job.url), app.api('/api/health')]);
      expect(health.status).toBe(200);
      if (job.body.state === 'running' && job.body.done > 0 && job.body.done < STORIES) answeredWhileRunning = true;
      if (job.body.state === 'done') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(answeredWhileRunning).toBe(true);
    expect((await app.api(`/api/cases/${saved.body.id}/timeline`)).body.totalStories).toBe(LAWSUITS);
  });
});
