// The compiled command: dist/ is built from the sources, runs, and a build older than its sources never runs.
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build, buildState, compiledCli } from '../../bin/build.js';
import { ROOT, runCasewatchAt, spawnCasewatch, waitForLine } from '../helpers/cliProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** A copy of what the command needs (sources, bin, package.json; node_modules linked), to change without harm. */
function copyOfPackage(): string {
  const root = tempDir();
  for (const dir of ['app', 'server', 'db', 'jobs', 'core', 'views', 'demo', 'bin']) cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

describe('the compiled casewatch command', { timeout: 60_000 }, () => {
  it('runs from dist/, and rebuilds when a source is newer than the build', async () => {
    const root = copyOfPackage();
    const env = { DATABASE_PATH: path.join(root, 'data', 'cw.db') };
    await build(root);
    expect(buildState(root)).toMatchObject({ fresh: true });
    expect(readFileSync(path.join(root, 'dist', 'worker.js'), 'utf8')).toMatch(/runBackfillTask/);

    const first = await runCasewatchAt(root, ['feeds', 'list'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^no feeds yet/);

    const cli = path.join(root, 'server', 'cli.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace("'no feeds yet: add one", "'still no feeds: add one"));
    expect(buildState(root)).toEqual({ fresh: false, reason: 'server/cli.ts changed' });
    const second = await runCasewatchAt(root, ['feeds', 'list'], env);
    // Rebuilt quietly: stderr is no terminal here, and scripts read it.
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/^still no feeds/);
    expect(buildState(root)).toMatchObject({ fresh: true });
    const notes: string[] = [];
    writeFileSync(cli, readFileSync(cli, 'utf8').replace("'still no feeds: add one", "'no feeds at all: add one"));
    expect(await compiledCli((line) => notes.push(line), { root, noteRebuild: true })).toBe(pathToFileURL(path.join(root, 'dist', 'cli.js')).href);
    expect(notes).toEqual([expect.stringMatching(/^server\/cli\.ts changed since the last build: rebuilt dist\/ in \d+ ms$/)]);
  });

  it('runs the sources, with a note, when the stale build cannot be rebuilt', async () => {
    const root = copyOfPackage();
    await build(root);
    const cli = path.join(root, 'server', 'cli.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace("'no feeds yet: add one", "'from the sources: add one"));
    // dist/ can be neither read nor rebuilt once it is a file.
    rmSync(path.join(root, 'dist'), { recursive: true });
    writeFileSync(path.join(root, 'dist'), '');
    const r = await runCasewatchAt(root, ['feeds', 'list'], { DATABASE_PATH: path.join(root, 'data', 'cw.db') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^from the sources/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^casewatch: the build in dist\/ is out of date \(no build yet\) and could not be rebuilt .*; running the TypeScript sources\n$/);
  });

  it('serves the static files of the package (views/static) when compiled', async () => {
    const root = copyOfPackage();
    await build(root);
    const env = { PORT: '0', DATABASE_PATH: path.join(root, 'data', 'cw.db'), OUTBOX_DIR: path.join(root, 'outbox') };
    const child = spawnCasewatch(['serve'], env, root, root);
    try {
      const url = JSON.parse(await waitForLine(child, /listening on/)).url as string;
      const css = await fetch(`${url}/static/app.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toBe(readFileSync(path.join(ROOT, 'views', 'static', 'app.css'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
