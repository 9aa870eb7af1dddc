// Compiles the TypeScript sources into dist/ (an esbuild bundle) and tells whether dist/ still matches them.
// `npm install` runs it (the "prepare" script); bin/casewatch.js checks the stamp on every start and rebuilds a
// stale build, so a changed source never runs as its old compiled copy.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');

/**
 * The bundle's entry points, written flat into dist/ with the chunks they share. Flat on purpose: every compiled
 * module then sits one level below the package root, as core/packagePath.ts expects, and backfillJob.ts finds the
 * worker thread's entry (dist/worker.js) next to itself, as it finds jobs/backfill/worker.js in the sources.
 */
const ENTRIES = { cli: 'server/cli.ts', worker: 'jobs/backfill/thread.ts' };
const EXTERNAL = ['better-sqlite3', 'piscina', 'opencc-js', 'pinyin-pro'];
/** CommonJS code in the bundle may call require() or read __dirname, which an ES module has not. */
const BANNER = [
  "import { createRequire as __cwRequire } from 'node:module';",
  "import { fileURLToPath as __cwPath } from 'node:url';",
  'const require = __cwRequire(import.meta.url);',
  'const __filename = __cwPath(import.meta.url);',
  "const __dirname = __cwPath(new URL('.', import.meta.url));",
].join(' ');
const STAMP = 'build.json';
const LOCK = '.lock';
/** A stamp from another version of this script describes another kind of build. */
const FORMAT = 1;

/** What a stamp keeps of each input: a content change that keeps both size and mtime is not a practical case. */
const signature = (file, root) => {
  const st = statSync(path.join(root, file), { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : 'missing';
};

/** A bundled dependency is watched through its package.json (npm rewrites it on every install or update). */
const watched = (file) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]?.concat('/package.json') ?? file;

/**
 * Whether dist/ holds a build of the current sources: every file the last build read (its stamp lists them) has the
 * size and mtime it had then. A file added since can only matter through an import in a listed file, which changed.
 */
export function buildState(root = ROOT, outdir = path.join(root, 'dist')) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(outdir, STAMP), 'utf8'));
  } catch {
    return { fresh: false, reason: 'no build yet' };
  }
  if (stamp.format !== FORMAT || stamp.builder !== signature('bin/build.js', root)) return { fresh: false, reason: 'bin/build.js changed' };
  for (const [file, sig] of Object.entries(stamp.inputs)) {
    if (signature(file, root) !== sig) return { fresh: false, reason: `${file} changed` };
  }
  return { fresh: true, entry: pathToFileURL(path.join(outdir, 'cli.js')).href };
}

/**
 * Bundles the sources into dist/. Concurrent callers (tests start many CLI processes) take turns through a lock
 * folder; the files are written to a scratch folder first and renamed into place, the stamp last.
 */
export async function build(root = ROOT, outdir = path.join(root, 'dist')) {
  const started = performance.now();
  mkdirSync(outdir, { recursive: true });
  await takeLock(path.join(outdir, LOCK));
  try {
    // Whoever held the lock may have just built these very sources.
    if (buildState(root, outdir).fresh) return { ms: performance.now() - started, files: 0 };
    const { build: esbuild } = await import('esbuild');
    const scratch = path.join(outdir, `.tmp-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    const since = Date.now();
    const result = await esbuild({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      outdir: scratch,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Dependencies are bundled too (one file loads faster than hundreds), except those that find files of
      // their own at run time: a native module, and piscina, which starts threads from its own worker file
      // (pino would too, for log transports in a thread, which casewatch does not use). The matcher's two
      // dictionaries stay out as well: bundled, they made a poll's peak memory about 15 MB higher (measured), and
      // from node_modules they load as fast.
      external: EXTERNAL,
      banner: { js: BANNER },
      keepNames: true,
      sourcemap: 'linked',
      chunkNames: 'chunk-[hash]',
      metafile: true,
      logLevel: 'silent',
    });
    // A file saved while esbuild was reading it may be in the bundle in either version: the stamp says "stale".
    const inputs = Object.fromEntries(
      [...new Set(Object.keys(result.metafile.inputs).map(watched))].map((file) => {
        const sig = signature(file, root);
        const mtime = Number(sig.split(':')[1]);
        return [file, mtime >= since - 1 ? 'changed during the build' : sig];
      }),
    );
    const files = readdirSync(scratch);
    for (const file of files) renameSync(path.join(scratch, file), path.join(outdir, file));
    for (const file of readdirSync(outdir)) {
      if (!files.includes(file) && file !== LOCK && file !== STAMP && !file.startsWith('.tmp-')) rmSync(path.join(outdir, file), { force: true });
    }
    rmSync(scratch, { recursive: true, force: true });
    const stamp = { format: FORMAT, builder: signature('bin/build.js', root), inputs };
    writeFileSync(path.join(outdir, `${STAMP}.${process.pid}`), `${JSON.stringify(stamp, null, 1)}\n`);
    renameSync(path.join(outdir, `${STAMP}.${process.pid}`), path.join(outdir, STAMP));
    return { ms: performance.now() - started, files: files.length };
  } finally {
    rmSync(path.join(outdir, LOCK), { recursive: true, force: true });
  }
}

/** Waits for the lock folder; one left by a build that died (older than a minute) is taken over. */
async function takeLock(lock) {
  for (let waited = 0; ; waited += 50) {
    try {
      mkdirSync(lock);
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released in between
    }
    if (age > 60_000 || waited > 120_000) rmSync(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The compiled CLI's module URL, rebuilt first when the sources changed; null when there is no usable build (the
 * caller then runs the sources). `note` gets one line when the sources run instead, and, with `noteRebuild`, when
 * the build was made afresh (a person at a terminal wonders about the wait; a script reading stderr does not).
 */
export async function compiledCli(note, { root = ROOT, noteRebuild = false } = {}) {
  const state = buildState(root);
  if (state.fresh) return state.entry;
  try {
    const { ms } = await build(root);
    const rebuilt = buildState(root);
    if (!rebuilt.fresh) throw new Error(`${rebuilt.reason} again while building`);
    if (noteRebuild) note(`${state.reason} since the last build: rebuilt dist/ in ${Math.round(ms)} ms`);
    return rebuilt.entry;
  } catch (err) {
    note(`the build in dist/ is out of date (${state.reason}) and could not be rebuilt (${err.message}); running the TypeScript sources`);
    return null;
  }
}

// `node bin/build.js`: build now. With --if-possible (npm's "prepare") a failure is a warning, since the command
// still runs from the sources; an explicit build reports it as an error.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const { ms, files } = await build();
    console.log(files ? `casewatch: built dist/ (${files} files) in ${Math.round(ms)} ms` : 'casewatch: dist/ is up to date');
  } catch (err) {
    console.error(`casewatch: could not build dist/: ${err.message}`);
    if (!process.argv.includes('--if-possible')) process.exitCode = 1;
  }
}
